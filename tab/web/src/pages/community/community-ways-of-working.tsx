import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../../api/client';
import { useApiRequest } from '../../api/use-api-request';
import { waysOfWorkingClient } from '../../api/ways-of-working-client';
import { SectionHeading, SubsectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { formatDay } from '../../format/dates';
import { EditableVersions } from '../ways-of-working/editable-versions';
import { BehaviourList, FrameworkContent } from '../ways-of-working/framework-content';
import { useVersions } from '../ways-of-working/use-versions';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * The Ways of Working in force today: the trust's values and behaviours, then the community's own
 * behaviours. Read from the Ways of Working API, so the tab shows exactly what the meeting card will.
 * The community's leads add new versions of its own behaviours here.
 */
export function CommunityWaysOfWorking({ api, communityId, communityName }: { api: ApiClient; communityId: string; communityName: string }) {
  const styles = useStyles();
  const client = waysOfWorkingClient(api);
  const trust = useApiRequest((signal) => client.trustFramework(signal), [api]);
  const community = useVersions((signal) => client.communityWaysOfWorking(communityId, signal), [api, communityId]);

  return (
    <section aria-labelledby="ways-of-working-heading" className={styles.section}>
      <SectionHeading id="ways-of-working-heading">Our Ways of Working</SectionHeading>
      {trust.status === 'loading' || community.request.status === 'loading' ? <LoadingIndicator label="Loading the Ways of Working…" /> : null}
      {trust.status === 'error' ? <ErrorNotice title="The trust's Ways of Working could not be loaded" error={trust.error} onRetry={trust.retry} /> : null}
      {community.request.status === 'error' ? (
        <ErrorNotice title={`${communityName}'s Ways of Working could not be loaded`} error={community.request.error} onRetry={community.request.retry} />
      ) : null}

      {trust.status === 'ready' ? (
        trust.data.inForce ? (
          <>
            <Text className={styles.muted}>
              {trust.data.inForce.title}, in force since {formatDay(trust.data.inForce.effectiveFrom)}
            </Text>
            <FrameworkContent version={trust.data.inForce} />
          </>
        ) : (
          <Text className={styles.muted}>The trust has no Ways of Working in force today.</Text>
        )
      ) : null}

      {community.data ? (
        <div className={styles.group}>
          <SubsectionHeading>How we behave in {communityName}</SubsectionHeading>
          {community.data.inForce && community.data.inForce.content.behaviours.length > 0 ? (
            <>
              <Text className={styles.muted}>
                {community.data.inForce.title}, version {community.data.inForce.version}, in force since {formatDay(community.data.inForce.effectiveFrom)}
              </Text>
              <BehaviourList behaviours={community.data.inForce.content.behaviours} />
            </>
          ) : (
            <Text className={styles.muted}>This community has not added behaviours of its own yet; the trust&apos;s apply.</Text>
          )}
          <EditableVersions
            data={community.data}
            editLabel="Edit our agreements"
            withValues={false}
            defaultTitle={`${communityName} agreements`}
            historyHeading="Version history of our agreements"
            save={(input) => client.saveCommunityWaysOfWorking(communityId, input)}
            refresh={community.refresh}
          />
        </div>
      ) : null}
    </section>
  );
}
