import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../../api/client';
import type { CommunityRole } from '../../api/types';
import { SectionHeading } from '../../components/headings';
import { ScheduleExports } from '../schedule/schedule-exports';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * The schedule exports the API offers: the trust's schedule for the year (CSV, Word) and this
 * community's calendar feed, which the server gives only to its members and leads.
 */
export function CommunityExports(props: { api: ApiClient; communityId: string; yearLabel: string | null; role: CommunityRole | null }) {
  const { api, communityId, yearLabel, role } = props;
  const styles = useStyles();
  return (
    <section aria-labelledby="exports-heading" className={styles.section}>
      <SectionHeading id="exports-heading">Schedule and calendar</SectionHeading>
      {yearLabel ? (
        <>
          <Text className={styles.muted}>
            The CSV and Word files list every community&apos;s meetings in {yearLabel}. The calendar link follows this community&apos;s meetings
            only{role ? '' : ' and is for its members and leads'}.
          </Text>
          <ScheduleExports api={api} yearLabel={yearLabel} communityId={communityId} />
        </>
      ) : (
        <Text className={styles.muted}>The trust has no current academic year yet, so there is no schedule to export.</Text>
      )}
    </section>
  );
}
