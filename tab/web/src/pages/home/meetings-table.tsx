import {
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { MyMeeting } from '../../api/types';
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
  cellStack: { display: 'flex', flexDirection: 'column', paddingBlock: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Upcoming meetings, soonest first, as the API returns them. */
export function MeetingsTable({ meetings, labelledBy }: { meetings: MyMeeting[]; labelledBy: string }) {
  const styles = useStyles();
  return (
    // Focusable so keyboard users can scroll it sideways on narrow screens.
    <div className={styles.scroller} role="region" aria-label="Upcoming meetings table" tabIndex={0}>
      <Table className={styles.table} aria-labelledby={labelledBy}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Date</TableHeaderCell>
            <TableHeaderCell>Time</TableHeaderCell>
            <TableHeaderCell>Community</TableHeaderCell>
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
                <TableCell>
                  <div className={styles.cellStack}>
                    <Text weight="semibold">{meeting.communityName}</Text>
                    {meeting.title && meeting.title !== meeting.communityName ? (
                      <Text size={200} className={styles.muted}>
                        {meeting.title}
                      </Text>
                    ) : null}
                  </div>
                </TableCell>
                <TableCell className={styles.nowrap}>{meetingModeLabel(meeting.mode)}</TableCell>
                <TableCell>
                  {meeting.venue ?? (
                    <span className={styles.muted}>
                      <span aria-hidden>—</span>
                      <span className="visually-hidden">No venue</span>
                    </span>
                  )}
                </TableCell>
                <TableCell>
                  {meeting.joinUrl ? (
                    <Link
                      href={meeting.joinUrl}
                      target="_blank"
                      rel="noreferrer"
                      aria-label={`Join ${meeting.communityName} meeting on ${date}`}
                    >
                      Join
                    </Link>
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
