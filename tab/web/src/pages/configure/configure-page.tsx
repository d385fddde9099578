import { MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../api/client';
import { useApiRequest } from '../../api/use-api-request';
import { PageHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { getTabConfigHost, type TabConfigHost } from '../../host/tab-config-host';
import { tabInstanceFor, type ChosenCommunity } from './tab-instance';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '640px' },
});

type HostState = { status: 'loading' } | { status: 'none' } | { status: 'ready'; host: TabConfigHost };

/**
 * Teams opens this page when someone adds the app as a tab to a channel, chat or meeting. In a
 * channel or chat a lead picks the community the tab is for; in a meeting there is nothing to choose.
 */
export function ConfigurePage({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const [hostState, setHostState] = useState<HostState>({ status: 'loading' });
  const [chosen, setChosen] = useState<ChosenCommunity | null>(null);
  const chosenRef = useRef<ChosenCommunity | null>(null);
  chosenRef.current = chosen;
  const communities = useApiRequest((signal) => api.listMyCommunities(signal), [api]);

  useEffect(() => {
    let live = true;
    getTabConfigHost().then(
      (host) => {
        if (!live) return;
        if (!host) return setHostState({ status: 'none' });
        // Read the choice at save time, not when the handler was registered.
        host.onSave(() => tabInstanceFor(host.place, window.location.origin, chosenRef.current));
        setHostState({ status: 'ready', host });
      },
      () => live && setHostState({ status: 'none' }),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (hostState.status !== 'ready') return;
    hostState.host.setValid(hostState.host.place === 'meeting' || chosen !== null);
  }, [hostState, chosen]);

  if (hostState.status === 'loading') return <LoadingIndicator label="Connecting to Microsoft Teams…" />;
  if (hostState.status === 'none') {
    return (
      <div className={styles.page}>
        <PageHeading>Add Trust Communities as a tab</PageHeading>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Open this from Microsoft Teams</MessageBarTitle>
            This page sets up a tab in a Teams channel, chat or meeting. In Teams, choose + (Add a tab) and then Trust Communities.
          </MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  if (hostState.host.place === 'meeting') {
    return (
      <div className={styles.page}>
        <PageHeading>Trust Communities in this meeting</PageHeading>
        <Text as="p">The tab shows this meeting&apos;s agenda and the trust&apos;s Ways of Working. Choose Save to add it.</Text>
      </div>
    );
  }

  const led = communities.status === 'ready' ? communities.data.items.filter((c) => c.role === 'lead') : [];
  return (
    <div className={styles.page}>
      <PageHeading>Which community is this tab for?</PageHeading>
      {communities.status === 'loading' ? <LoadingIndicator label="Loading the communities you lead…" /> : null}
      {communities.status === 'error' ? <ErrorNotice title="Your communities could not be loaded" error={communities.error} onRetry={communities.retry} /> : null}
      {communities.status === 'ready' && led.length === 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>You do not lead a community</MessageBarTitle>
            Only a community&apos;s leads can add its tab. Ask your PD director to make you a lead, or ask a lead to add the tab.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {led.length > 0 ? (
        <RadioGroup
          aria-label="Community"
          value={chosen?.id ?? ''}
          onChange={(_event, data) => setChosen(led.find((c) => c.id === data.value) ?? null)}
        >
          {led.map((community) => (
            <Radio key={community.id} value={community.id} label={community.name} />
          ))}
        </RadioGroup>
      ) : null}
    </div>
  );
}
