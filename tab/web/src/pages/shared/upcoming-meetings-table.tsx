import { TableCell, TableRow, makeStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { MeetingMode } from '../../api/types';
import { ScrollingTable } from '../../components/scrolling-table';
import { formatDate, formatTimeRange } from '../../format/dates';
import { meetingModeLabel } from '../../format/labels';

const useStyles = makeStyles({
  table: { minWidth: '720px', tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
});

/** What every upcoming meeting has, whichever list it comes from. */
interface UpcomingMeeting {
  id: string;
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
}

/**
 * Upcoming meetings in the order given, as Home and the community page show them: the date, time
 * and mode here, and what the meeting is, its venue and its join link as each page words them.
 */
export function UpcomingMeetingsTable<Meeting extends UpcomingMeeting>(props: {
  meetings: readonly Meeting[];
  labelledBy: string;
  /** The heading of the third column, which says what each meeting is. */
  whatHeading: string;
  what: (meeting: Meeting) => ReactNode;
  venue: (meeting: Meeting) => ReactNode;
  /** The join link or a note; `date` is the meeting's date as shown, for the link's label. */
  join: (meeting: Meeting, date: string) => ReactNode;
}) {
  const { meetings, labelledBy, whatHeading, what, venue, join } = props;
  const styles = useStyles();
  return (
    <ScrollingTable
      label="Upcoming meetings table"
      labelledBy={labelledBy}
      columns={['Date', 'Time', whatHeading, 'Mode', 'Venue', 'Join online']}
      tableClassName={styles.table}
      focusOutline
    >
      {meetings.map((meeting) => {
        const date = formatDate(meeting.startsAt);
        return (
          <TableRow key={meeting.id}>
            <TableCell className={styles.nowrap}>
              <time dateTime={meeting.startsAt}>{date}</time>
            </TableCell>
            <TableCell className={styles.nowrap}>{formatTimeRange(meeting.startsAt, meeting.endsAt)}</TableCell>
            <TableCell>{what(meeting)}</TableCell>
            <TableCell className={styles.nowrap}>{meetingModeLabel(meeting.mode)}</TableCell>
            <TableCell>{venue(meeting)}</TableCell>
            <TableCell>{join(meeting, date)}</TableCell>
          </TableRow>
        );
      })}
    </ScrollingTable>
  );
}
