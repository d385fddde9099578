import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CommunityMeeting } from '../../api/community-client';
import { UpcomingMeetingsTable } from '../shared/upcoming-meetings-table';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The community's upcoming meetings, soonest first: when, how, where, and the join link for online and hybrid ones. */
export function CommunityMeetings({ meetings, labelledBy }: { meetings: CommunityMeeting[]; labelledBy: string }) {
  const styles = useStyles();
  return (
    <UpcomingMeetingsTable
      meetings={meetings}
      labelledBy={labelledBy}
      whatHeading="Meeting"
      what={(meeting) => meeting.title}
      venue={(meeting) => meeting.venue ?? <Text className={styles.muted}>No venue</Text>}
      join={(meeting, date) => <JoinCell meeting={meeting} date={date} muted={styles.muted} />}
    />
  );
}

function JoinCell({ meeting, date, muted }: { meeting: CommunityMeeting; date: string; muted: string }) {
  if (meeting.mode === 'face_to_face') return <Text className={muted}>In person only</Text>;
  if (!meeting.joinUrl) {
    // Online meetings get their Teams link when the lead publishes the year's dates to Outlook.
    return <Text className={muted}>Link when published</Text>;
  }
  return (
    <Link href={meeting.joinUrl} target="_blank" rel="noreferrer" aria-label={`Join the meeting on ${date} in Teams`}>
      Join
    </Link>
  );
}
