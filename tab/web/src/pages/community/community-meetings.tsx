import { Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CommunityMeeting } from '../../api/community-client';
import { formatDate, formatTimeRange } from '../../format/dates';
import { meetingModeLabel } from '../../format/labels';

const useStyles = makeStyles({
  scroller: {
    overflowX: 'auto',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  table: { minWidth: '720px', tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The community's upcoming meetings, soonest first: when, how, where, and the join link for online and hybrid ones. */
export function CommunityMeetings({ meetings, labelledBy }: { meetings: CommunityMeeting[]; labelledBy: string }) {
  const styles = useStyles();
  return (
    // Focusable so keyboard users can scroll it sideways in a narrow channel tab.
    <div className={styles.scroller} role="region" aria-label="Upcoming meetings table" tabIndex={0}>
      <Table className={styles.table} aria-labelledby={labelledBy}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Date</TableHeaderCell>
            <TableHeaderCell>Time</TableHeaderCell>
            <TableHeaderCell>Meeting</TableHeaderCell>
            <TableHeaderCell>Mode</TableHeaderCell>
            <TableHeaderCell>Venue</TableHeaderCell>
            <TableHeaderCell>Join online</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {meetings.map((meeting) => {
            const date = formatDate(meeting.startsAt);
            return (
              <TableRow key={meeting.id}>
                <TableCell className={styles.nowrap}>
                  <time dateTime={meeting.startsAt}>{date}</time>
                </TableCell>
                <TableCell className={styles.nowrap}>{formatTimeRange(meeting.startsAt, meeting.endsAt)}</TableCell>
                <TableCell>{meeting.title}</TableCell>
                <TableCell className={styles.nowrap}>{meetingModeLabel(meeting.mode)}</TableCell>
                <TableCell>{meeting.venue ?? <Text className={styles.muted}>No venue</Text>}</TableCell>
                <TableCell>
                  <JoinCell meeting={meeting} date={date} muted={styles.muted} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
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
