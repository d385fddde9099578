import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../../api/client';
import { communityClient } from '../../api/community-client';
import { useApiRequest } from '../../api/use-api-request';
import { SectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { formatDay } from '../../format/dates';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  subheading: { margin: 0, marginTop: tokens.spacingVerticalS, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * The Ways of Working in force today: the trust's values and behaviours, then the community's own
 * behaviours. Read from the Ways of Working API, so the tab shows exactly what the meeting card will.
 */
export function CommunityWaysOfWorking({ api, communityId, communityName }: { api: ApiClient; communityId: string; communityName: string }) {
  const styles = useStyles();
  const client = communityClient(api);
  const trust = useApiRequest((signal) => client.trustFramework(signal), [api]);
  const community = useApiRequest((signal) => client.communityWaysOfWorking(communityId, signal), [api, communityId]);

  return (
    <section aria-labelledby="ways-of-working-heading" className={styles.section}>
      <SectionHeading id="ways-of-working-heading">Our Ways of Working</SectionHeading>
      {trust.status === 'loading' || community.status === 'loading' ? <LoadingIndicator label="Loading the Ways of Working…" /> : null}
      {trust.status === 'error' ? <ErrorNotice title="The trust's Ways of Working could not be loaded" error={trust.error} onRetry={trust.retry} /> : null}
      {community.status === 'error' ? (
        <ErrorNotice title={`${communityName}'s Ways of Working could not be loaded`} error={community.error} onRetry={community.retry} />
      ) : null}

      {trust.status === 'ready' ? (
        trust.data.inForce ? (
          <>
            <Text className={styles.muted}>
              {trust.data.inForce.title}, in force since {formatDay(trust.data.inForce.effectiveFrom)}
            </Text>
            {trust.data.inForce.content.values.length > 0 ? (
              <>
                <h3 className={styles.subheading}>Our values</h3>
                <dl className={styles.facts}>
                  {trust.data.inForce.content.values.map((value) => (
                    <div key={value.title} style={{ display: 'contents' }}>
                      <dt className={styles.term}>{value.title}</dt>
                      <dd className={styles.detail}>{value.meaning}</dd>
                    </div>
                  ))}
                </dl>
              </>
            ) : null}
            <h3 className={styles.subheading}>How we behave across the trust</h3>
            <ul className={styles.list}>
              {trust.data.inForce.content.behaviours.map((behaviour) => (
                <li key={behaviour}>{behaviour}</li>
              ))}
            </ul>
          </>
        ) : (
          <Text className={styles.muted}>The trust has no Ways of Working in force today.</Text>
        )
      ) : null}

      {community.status === 'ready' ? (
        <>
          <h3 className={styles.subheading}>How we behave in {communityName}</h3>
          {community.data.inForce && community.data.inForce.content.behaviours.length > 0 ? (
            <ul className={styles.list}>
              {community.data.inForce.content.behaviours.map((behaviour) => (
                <li key={behaviour}>{behaviour}</li>
              ))}
            </ul>
          ) : (
            <Text className={styles.muted}>This community has not added behaviours of its own yet; the trust&apos;s apply.</Text>
          )}
        </>
      ) : null}
    </section>
  );
}
