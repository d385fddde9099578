import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { PeriodKind } from '../api/planner-types';
import type { MeetingMode } from '../api/types';
import { formatDay } from '../format/dates';
import { meetingModeLabel, meetingModeOptions, periodKindLabel } from '../format/labels';

/** A day the school is closed or set apart, as the month grid shades it. */
export interface MarkedPeriod {
  kind: PeriodKind;
  name: string;
  startsOn: string;
  endsOn: string;
}

/** A meeting on the grid: its London date and mode, with a label read out by screen readers. */
export interface MarkedMeeting {
  date: string;
  mode: MeetingMode;
  label: string;
}

type DayKind = Exclude<PeriodKind, 'term'> | 'no_school';

// Closed days outrank the term they fall in; the first match wins.
const dayKindOrder: readonly DayKind[] = ['bank_holiday', 'inset_day', 'half_term', 'closure'];

const modeLetters: Record<MeetingMode, string> = { face_to_face: 'F', hybrid: 'H', online: 'O' };
const weekdayHeadings = [
  ['M', 'Monday'],
  ['T', 'Tuesday'],
  ['W', 'Wednesday'],
  ['T', 'Thursday'],
  ['F', 'Friday'],
  ['S', 'Saturday'],
  ['S', 'Sunday'],
] as const;
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  months: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(228px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  month: {
    borderCollapse: 'collapse',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    width: '100%',
    tableLayout: 'fixed',
  },
  caption: {
    textAlign: 'start',
    fontWeight: tokens.fontWeightSemibold,
    paddingBlock: tokens.spacingVerticalXS,
  },
  headCell: {
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    paddingBlock: tokens.spacingVerticalXXS,
  },
  day: {
    textAlign: 'center',
    fontSize: tokens.fontSizeBase200,
    height: '32px',
    padding: 0,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralBackground1}`,
    position: 'relative',
  },
  weekend: { color: tokens.colorNeutralForeground3 },
  // Each kind has its own pattern as well as its colour, so the shading reads without colour.
  half_term: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    backgroundImage: `repeating-linear-gradient(45deg, transparent 0 4px, ${tokens.colorNeutralStroke2} 4px 5px)`,
  },
  closure: {
    backgroundColor: tokens.colorNeutralBackground5,
    backgroundImage: `repeating-linear-gradient(-45deg, transparent 0 4px, ${tokens.colorNeutralStroke2} 4px 5px)`,
  },
  bank_holiday: {
    backgroundColor: tokens.colorPaletteRedBackground2,
    outline: `${tokens.strokeWidthThick} double ${tokens.colorPaletteRedBorder2}`,
    outlineOffset: '-3px',
  },
  inset_day: {
    backgroundColor: tokens.colorPalettePurpleBackground2,
    outline: `${tokens.strokeWidthThin} dashed ${tokens.colorPalettePurpleBorderActive}`,
    outlineOffset: '-3px',
  },
  no_school: { backgroundColor: tokens.colorNeutralBackground3 },
  meeting: {
    fontWeight: tokens.fontWeightBold,
    display: 'inline-flex',
    flexDirection: 'column',
    alignItems: 'center',
    lineHeight: '12px',
  },
  modeLetter: {
    display: 'inline-block',
    minWidth: '12px',
    lineHeight: '12px',
    fontSize: '9px',
    borderRadius: tokens.borderRadiusCircular,
    fontWeight: tokens.fontWeightBold,
    color: tokens.colorNeutralForegroundOnBrand,
    backgroundColor: tokens.colorBrandBackground,
  },
  hybrid: { backgroundColor: tokens.colorPaletteDarkOrangeBackground3, color: tokens.colorNeutralForegroundInverted },
  online: { backgroundColor: tokens.colorPaletteGreenForeground1, color: tokens.colorNeutralForegroundInverted },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    fontSize: tokens.fontSizeBase200,
  },
  legendItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: {
    display: 'inline-block',
    width: '20px',
    height: '16px',
    borderRadius: tokens.borderRadiusSmall,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
});

/**
 * The academic year as month grids: closed days shaded (with a pattern per kind), meetings marked
 * with their mode's letter, and a legend. Each day also carries its full description as text for
 * screen readers, so nothing depends on colour.
 */
export function YearCalendar(props: {
  startsOn: string;
  endsOn: string;
  periods: readonly MarkedPeriod[];
  meetings?: readonly MarkedMeeting[];
  label: string;
}) {
  const { startsOn, endsOn, periods, meetings = [], label } = props;
  const styles = useStyles();
  const meetingsByDate = new Map<string, MarkedMeeting[]>();
  for (const meeting of meetings) meetingsByDate.set(meeting.date, [...(meetingsByDate.get(meeting.date) ?? []), meeting]);
  const usedModes = new Set(meetings.map((meeting) => meeting.mode));

  return (
    <div className={styles.root} role="group" aria-label={label}>
      <ul className={styles.legend} aria-label="Key">
        {dayKindOrder.map((kind) => (
          <li key={kind} className={styles.legendItem}>
            <span className={mergeClasses(styles.swatch, styles[kind])} aria-hidden />
            {periodKindLabel(kind as PeriodKind)}
          </li>
        ))}
        <li className={styles.legendItem}>
          <span className={mergeClasses(styles.swatch, styles.no_school)} aria-hidden />
          No school (outside term)
        </li>
        {meetingModeOptions
          .filter((mode) => usedModes.has(mode))
          .map((mode) => (
            <li key={mode} className={styles.legendItem}>
              <ModeLetter mode={mode} />
              {meetingModeLabel(mode)} meeting
            </li>
          ))}
      </ul>
      <div className={styles.months}>
        {monthsBetween(startsOn, endsOn).map(({ year, month }) => (
          <MonthGrid
            key={`${year}-${month}`}
            year={year}
            month={month}
            startsOn={startsOn}
            endsOn={endsOn}
            periods={periods}
            meetingsByDate={meetingsByDate}
          />
        ))}
      </div>
    </div>
  );
}

function MonthGrid(props: {
  year: number;
  month: number;
  startsOn: string;
  endsOn: string;
  periods: readonly MarkedPeriod[];
  meetingsByDate: Map<string, MarkedMeeting[]>;
}) {
  const { year, month, startsOn, endsOn, periods, meetingsByDate } = props;
  const styles = useStyles();
  const weeks = weeksOfMonth(year, month);

  return (
    <table className={styles.month}>
      <caption className={styles.caption}>
        {monthNames[month]} {year}
      </caption>
      <thead>
        <tr>
          {weekdayHeadings.map(([letter, name]) => (
            <th key={name} scope="col" className={styles.headCell}>
              <abbr title={name} style={{ textDecoration: 'none' }}>
                {letter}
              </abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, index) => (
          <tr key={index}>
            {week.map((date, column) => {
              if (!date) return <td key={column} className={styles.day} />;
              const inYear = date >= startsOn && date <= endsOn;
              const weekend = column >= 5;
              const marks = inYear ? periodsOn(date, periods) : [];
              const kind = inYear && !weekend ? dayKindOf(marks) : null;
              const dayMeetings = meetingsByDate.get(date) ?? [];
              const description = [
                ...marks.filter((period) => period.kind !== 'term').map((period) => `${periodKindLabel(period.kind)}: ${period.name}`),
                ...(kind === 'no_school' ? ['No school'] : []),
                ...dayMeetings.map((meeting) => meeting.label),
              ];
              return (
                <td
                  key={column}
                  className={mergeClasses(styles.day, weekend && styles.weekend, kind ? styles[kind] : undefined)}
                  title={description.length ? description.join('; ') : undefined}
                >
                  {dayMeetings.length ? (
                    <span className={styles.meeting} aria-hidden>
                      {Number(date.slice(8))}
                      {dayMeetings.map((meeting, i) => (
                        <ModeLetter key={i} mode={meeting.mode} />
                      ))}
                    </span>
                  ) : (
                    <span aria-hidden>{Number(date.slice(8))}</span>
                  )}
                  <span className="visually-hidden">
                    {[formatDay(date), ...description].join('. ')}
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ModeLetter({ mode }: { mode: MeetingMode }) {
  const styles = useStyles();
  return (
    <Text
      as="span"
      className={mergeClasses(styles.modeLetter, mode === 'hybrid' && styles.hybrid, mode === 'online' && styles.online)}
      aria-hidden
    >
      {modeLetters[mode]}
    </Text>
  );
}

function periodsOn(date: string, periods: readonly MarkedPeriod[]): MarkedPeriod[] {
  return periods.filter((period) => period.startsOn <= date && date <= period.endsOn);
}

function dayKindOf(marks: MarkedPeriod[]): DayKind | null {
  for (const kind of dayKindOrder) if (marks.some((period) => period.kind === kind)) return kind;
  return marks.some((period) => period.kind === 'term') ? null : 'no_school';
}

function monthsBetween(startsOn: string, endsOn: string): { year: number; month: number }[] {
  const months: { year: number; month: number }[] = [];
  let year = Number(startsOn.slice(0, 4));
  let month = Number(startsOn.slice(5, 7)) - 1;
  const lastYear = Number(endsOn.slice(0, 4));
  const lastMonth = Number(endsOn.slice(5, 7)) - 1;
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push({ year, month });
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return months;
}

/** Weeks Monday to Sunday, with null before the 1st and after the last day. */
function weeksOfMonth(year: number, month: number): (string | null)[][] {
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const leading = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: leading }, () => null);
  for (let day = 1; day <= daysInMonth; day += 1) {
    cells.push(`${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
