import { Badge, Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import { toApiError, useApiRequest } from '../../api/use-api-request';
import { waysOfWorkingClient, type MeetingSidePanel } from '../../api/ways-of-working-client';
import { PageHeading, SectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { meetingChatId, meetingIdFromHash } from '../../host/meeting-context';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, maxWidth: '720px' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3 },
});

type Where = { meetingId?: string; chatId?: string };

/**
 * The meeting side panel (and meeting chat tab): the Ways of Working in force for this meeting,
 * its priorities, who has said "I'll work this way", and the lead's button to post the card.
 */
export function MeetingPage({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const client = waysOfWorkingClient(api);
  const [where, setWhere] = useState<Where | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const named = meetingIdFromHash(window.location.hash);
    if (named) {
      setWhere({ meetingId: named });
      return;
    }
    meetingChatId().then(
      (chatId) => setWhere(chatId ? { chatId } : {}),
      () => setWhere({}),
    );
  }, []);

  const view = useApiRequest((signal) => (where ? client.meeting(where, signal) : new Promise<MeetingSidePanel>(() => undefined)), [api, where]);

  const act = async (action: () => Promise<{ message?: string; status: string }>, success: (status: string, message?: string) => string) => {
    setBusy(true);
    setNotice(null);
    try {
      const result = await action();
      setNotice({ intent: 'success', text: success(result.status, result.message) });
      view.retry();
    } catch (error) {
      setNotice({ intent: 'error', text: toApiError(error).message });
    } finally {
      setBusy(false);
    }
  };

  if (view.status === 'loading') return <LoadingIndicator label="Loading the meeting…" />;
  if (view.status === 'error') {
    return (
      <div className={styles.page}>
        <PageHeading>Our Ways of Working</PageHeading>
        <ErrorNotice title="The meeting could not be loaded" error={view.error} onRetry={view.retry} />
      </div>
    );
  }
  const { card, acknowledged, opening, you } = view.data;
  return (
    <div className={styles.page}>
      <header className={styles.section}>
        <PageHeading>Our Ways of Working</PageHeading>
        <Text size={400}>{card.communityName}</Text>
        <dl className={styles.facts}>
          <dt className={styles.term}>Meeting</dt>
          <dd className={styles.detail}>{card.sequenceLabel ? `${card.meetingTitle} (${card.sequenceLabel})` : card.meetingTitle}</dd>
          <dt className={styles.term}>When</dt>
          <dd className={styles.detail}>{card.when}</dd>
          <dt className={styles.term}>Mode</dt>
          <dd className={styles.detail}>{card.venue ? `${card.modeLabel}, ${card.venue}` : card.modeLabel}</dd>
          <dt className={styles.term}>Card</dt>
          <dd className={styles.detail}>
            {opening.state === 'sent' ? <Badge color="success">Posted</Badge> : opening.state === 'failed' ? <Badge color="danger">Not posted</Badge> : <Badge color="informative">Not posted yet</Badge>}
          </dd>
        </dl>
      </header>

      {notice ? (
        <MessageBar intent={notice.intent} layout="multiline">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      {opening.failure && you.isLead ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>The card could not be posted: {opening.failure}</MessageBarBody>
        </MessageBar>
      ) : null}

      <div className={styles.actions}>
        {you.isMember && !you.acknowledged ? (
          <Button appearance="primary" disabled={busy} onClick={() => act(() => client.acknowledge(card.meetingId), () => "Thank you: you said you'll work this way.")}>
            I&apos;ll work this way
          </Button>
        ) : null}
        {you.acknowledged ? <Text>You said you&apos;ll work this way.</Text> : null}
        {you.isLead && opening.state !== 'sent' ? (
          <Button disabled={busy} onClick={() => act(() => client.start(card.meetingId), (_status, message) => message ?? 'Done.')}>
            Post the card in the meeting
          </Button>
        ) : null}
      </div>

      {card.priorities.length > 0 ? (
        <section aria-labelledby="priorities-heading" className={styles.section}>
          <SectionHeading id="priorities-heading">This meeting&apos;s priorities</SectionHeading>
          <ul className={styles.list}>
            {card.priorities.map((priority) => (
              <li key={priority}>{priority}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="values-heading" className={styles.section}>
        <SectionHeading id="values-heading">{card.frameworkTitle}: our values</SectionHeading>
        <dl className={styles.facts}>
          {card.values.map((value) => (
            <div key={value.title} style={{ display: 'contents' }}>
              <dt className={styles.term}>{value.title}</dt>
              <dd className={styles.detail}>{value.meaning}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="behaviours-heading" className={styles.section}>
        <SectionHeading id="behaviours-heading">How we behave</SectionHeading>
        <ul className={styles.list}>
          {[...card.trustBehaviours, ...card.communityBehaviours].map((behaviour) => (
            <li key={behaviour}>{behaviour}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="acknowledged-heading" className={styles.section}>
        <SectionHeading id="acknowledged-heading">
          Who has said &ldquo;I&apos;ll work this way&rdquo; ({card.acknowledgedCount} of {card.memberCount})
        </SectionHeading>
        {acknowledged.length === 0 ? (
          <Text className={styles.muted}>No one yet.</Text>
        ) : (
          <ul className={styles.list}>
            {acknowledged.map((person) => (
              <li key={person.personId}>{person.name}</li>
            ))}
          </ul>
        )}
        <Text className={styles.muted}>{card.feedbackNote}</Text>
      </section>
    </div>
  );
}
