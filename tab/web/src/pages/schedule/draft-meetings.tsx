import { Button, Input, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { MeetingInput, PlannedMeeting, ProposedMeeting } from '../../api/planner-types';
import type { MeetingMode } from '../../api/types';
import { MeetingModeSelect } from '../../components/meeting-mode-select';
import { ScrollingTable } from '../../components/scrolling-table';
import type { MarkedPeriod } from '../../components/year-calendar';
import { addMinutes, formatDay, londonDateOf, londonIso, londonTimeOf, minutesBetween } from '../../format/dates';
import { periodKindLabel } from '../../format/labels';

/** A meeting being planned, as its row holds it: London date and time as typed. */
export interface DraftMeeting {
  key: number;
  id?: string;
  title?: string;
  period: string;
  date: string;
  startTime: string;
  durationMinutes: number;
  mode: MeetingMode;
  venue: string;
}

let nextKey = 1;

export function draftFromProposal(meeting: ProposedMeeting): DraftMeeting {
  return {
    key: nextKey++,
    period: meeting.period,
    date: meeting.date,
    startTime: londonTimeOf(meeting.startsAt),
    durationMinutes: minutesBetween(meeting.startsAt, meeting.endsAt),
    mode: meeting.mode,
    venue: meeting.venue ?? '',
  };
}

export function draftFromPlanned(meeting: PlannedMeeting): DraftMeeting {
  return {
    key: nextKey++,
    id: meeting.id,
    title: meeting.title,
    period: '',
    date: londonDateOf(meeting.startsAt),
    startTime: londonTimeOf(meeting.startsAt),
    durationMinutes: minutesBetween(meeting.startsAt, meeting.endsAt),
    mode: meeting.mode,
    venue: meeting.venue ?? '',
  };
}

export function startsAtOf(draft: DraftMeeting): string {
  return londonIso(draft.date, draft.startTime);
}

/** What Save draft sends, in date order. */
export function meetingInputs(drafts: readonly DraftMeeting[]): MeetingInput[] {
  return [...drafts]
    .sort((a, b) => `${a.date}T${a.startTime}`.localeCompare(`${b.date}T${b.startTime}`))
    .map((draft) => {
      const startsAt = startsAtOf(draft);
      return {
        ...(draft.id ? { id: draft.id } : {}),
        ...(draft.title ? { title: draft.title } : {}),
        startsAt,
        endsAt: addMinutes(startsAt, draft.durationMinutes),
        mode: draft.mode,
        venue: draft.mode === 'online' ? null : draft.venue.trim() || null,
      };
    });
}

/** Why a date is not a school day, if it is not: `Bank holiday: Good Friday`, `Saturday`. */
export function nonSchoolDayNote(date: string, periods: readonly MarkedPeriod[]): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return weekday === 0 ? 'Sunday' : 'Saturday';
  for (const kind of ['bank_holiday', 'inset_day', 'half_term', 'closure'] as const) {
    const period = periods.find((p) => p.kind === kind && p.startsOn <= date && date <= p.endsOn);
    if (period) return `${periodKindLabel(kind)}: ${period.name}`;
  }
  return periods.some((p) => p.kind === 'term' && p.startsOn <= date && date <= p.endsOn) ? null : 'Outside term time';
}

const useStyles = makeStyles({
  table: { minWidth: '960px' },
  nowrap: { whiteSpace: 'nowrap' },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS },
  warning: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The proposed (or re-opened) meetings, each editable before the plan is saved. */
export function DraftMeetingsTable(props: {
  drafts: readonly DraftMeeting[];
  periods: readonly MarkedPeriod[];
  onChange: (next: DraftMeeting[]) => void;
  labelledBy: string;
}) {
  const { drafts, periods, onChange, labelledBy } = props;
  const styles = useStyles();
  const update = (key: number, change: Partial<DraftMeeting>) =>
    onChange(drafts.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)));

  return (
    <ScrollingTable
      label="Proposed meetings table"
      labelledBy={labelledBy}
      columns={['Meeting', 'Date', 'Time', 'Mode', 'Venue', 'Half-term']}
      actionsColumn
      tableClassName={styles.table}
    >
      {drafts.map((draft, index) => {
        const which = `meeting ${index + 1} of ${drafts.length}`;
        const note = nonSchoolDayNote(draft.date, periods);
        const validTime = /^\d{2}:\d{2}$/.test(draft.startTime) && /^\d{4}-\d{2}-\d{2}$/.test(draft.date);
        const endTime = validTime ? londonTimeOf(addMinutes(startsAtOf(draft), draft.durationMinutes)) : null;
        return (
          <TableRow key={draft.key}>
            <TableCell className={styles.nowrap}>
              {index + 1} of {drafts.length}
            </TableCell>
            <TableCell>
              <div className={styles.stack}>
                <Text weight="semibold" className={styles.nowrap}>
                  {/^\d{4}-\d{2}-\d{2}$/.test(draft.date) ? formatDay(draft.date) : 'No date'}
                </Text>
                <Input
                  type="date"
                  aria-label={`Date of ${which}`}
                  value={draft.date}
                  onChange={(_e, d) => update(draft.key, { date: d.value })}
                />
                {note ? (
                  <Text className={styles.warning} role="note">
                    Not a school day ({note})
                  </Text>
                ) : null}
              </div>
            </TableCell>
            <TableCell>
              <div className={styles.stack}>
                <Input
                  type="time"
                  aria-label={`Start time of ${which}`}
                  value={draft.startTime}
                  onChange={(_e, d) => update(draft.key, { startTime: d.value })}
                />
                {endTime ? <Text className={styles.muted}>until {endTime}</Text> : null}
              </div>
            </TableCell>
            <TableCell>
              <MeetingModeSelect aria-label={`Mode of ${which}`} value={draft.mode} onChange={(mode) => update(draft.key, { mode })} />
            </TableCell>
            <TableCell>
              <Input
                aria-label={`Venue of ${which}`}
                value={draft.mode === 'online' ? '' : draft.venue}
                disabled={draft.mode === 'online'}
                placeholder={draft.mode === 'online' ? 'Online' : undefined}
                onChange={(_e, d) => update(draft.key, { venue: d.value })}
              />
            </TableCell>
            <TableCell className={styles.nowrap}>{draft.period || <span className={styles.muted}>Not set</span>}</TableCell>
            <TableCell>
              <Button
                appearance="subtle"
                aria-label={`Remove ${which}`}
                onClick={() => onChange(drafts.filter((other) => other.key !== draft.key))}
              >
                Remove
              </Button>
            </TableCell>
          </TableRow>
        );
      })}
    </ScrollingTable>
  );
}
