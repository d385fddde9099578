import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../../api/client';
import { useApiRequest } from '../../api/use-api-request';
import { SectionHeading, PageHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { CommunityCard } from './community-card';
import { MeetingsTable } from './meetings-table';
import { ProfileSummary } from './profile-summary';

const UPCOMING_MEETING_LIMIT = 10;

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXXL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  cards: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  empty: {
    padding: tokens.spacingHorizontalXL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Who you are, the communities you belong to and your next meetings. */
export function HomePage({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const me = useApiRequest((signal) => api.getMe(signal), [api]);
  const communities = useApiRequest((signal) => api.listMyCommunities(signal), [api]);
  const meetings = useApiRequest((signal) => api.listMyMeetings({ limit: UPCOMING_MEETING_LIMIT }, signal), [api]);

  return (
    <div className={styles.page}>
      <section aria-label="Your profile" className={styles.section}>
        {me.status === 'ready' ? (
          <ProfileSummary person={me.data.person} />
        ) : (
          <>
            <PageHeading>Home</PageHeading>
            {me.status === 'loading' ? <LoadingIndicator label="Loading your details…" /> : null}
            {me.status === 'error' ? (
              <ErrorNotice title="Your details could not be loaded" error={me.error} onRetry={me.retry} />
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="communities-heading" className={styles.section}>
        <SectionHeading id="communities-heading">Your communities</SectionHeading>
        {communities.status === 'loading' ? <LoadingIndicator label="Loading your communities…" /> : null}
        {communities.status === 'error' ? (
          <ErrorNotice
            title="Your communities could not be loaded"
            error={communities.error}
            onRetry={communities.retry}
          />
        ) : null}
        {communities.status === 'ready' && communities.data.items.length === 0 ? (
          <div className={styles.empty}>
            <Text weight="semibold">You are not in any community yet</Text>
            <Text className={styles.muted}>
              When a community lead adds you, the community and its meetings will appear here.
            </Text>
          </div>
        ) : null}
        {communities.status === 'ready' && communities.data.items.length > 0 ? (
          <ul className={styles.cards}>
            {communities.data.items.map((community) => (
              <li key={community.id}>
                <CommunityCard community={community} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="meetings-heading" className={styles.section}>
        <SectionHeading id="meetings-heading">Upcoming meetings</SectionHeading>
        {meetings.status === 'loading' ? <LoadingIndicator label="Loading upcoming meetings…" /> : null}
        {meetings.status === 'error' ? (
          <ErrorNotice title="Upcoming meetings could not be loaded" error={meetings.error} onRetry={meetings.retry} />
        ) : null}
        {meetings.status === 'ready' && meetings.data.items.length === 0 ? (
          <div className={styles.empty}>
            <Text className={styles.muted}>No upcoming meetings.</Text>
          </div>
        ) : null}
        {meetings.status === 'ready' && meetings.data.items.length > 0 ? (
          <MeetingsTable meetings={meetings.data.items} labelledBy="meetings-heading" />
        ) : null}
      </section>
    </div>
  );
}
