import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { MyMeeting } from '../../api/types';
import { UpcomingMeetingsTable } from '../shared/upcoming-meetings-table';

const useStyles = makeStyles({
  cellStack: { display: 'flex', flexDirection: 'column', paddingBlock: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Upcoming meetings, soonest first, as the API returns them. */
export function MeetingsTable({ meetings, labelledBy }: { meetings: MyMeeting[]; labelledBy: string }) {
  const styles = useStyles();
  return (
    <UpcomingMeetingsTable
      meetings={meetings}
      labelledBy={labelledBy}
      whatHeading="Community"
      what={(meeting) => (
        <div className={styles.cellStack}>
          <Text weight="semibold">{meeting.communityName}</Text>
          {meeting.title && meeting.title !== meeting.communityName ? (
            <Text size={200} className={styles.muted}>
              {meeting.title}
            </Text>
          ) : null}
        </div>
      )}
      venue={(meeting) =>
        meeting.venue ?? (
          <span className={styles.muted}>
            <span aria-hidden>—</span>
            <span className="visually-hidden">No venue</span>
          </span>
        )
      }
      join={(meeting, date) =>
        meeting.joinUrl ? (
          <Link href={meeting.joinUrl} target="_blank" rel="noreferrer" aria-label={`Join ${meeting.communityName} meeting on ${date}`}>
            Join
          </Link>
        ) : null
      }
    />
  );
}
