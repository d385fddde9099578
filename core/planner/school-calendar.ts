import { bankHolidays as bankHolidaysIn, type BankHoliday, type BankHolidayRegion } from './bank-holidays';
import { calendarProblems } from './calendar-validation';
import { addDays, eachDate, formatDate, isWeekend, type IsoDate } from './iso-date';
import { SchoolCalendarError } from './school-calendar-error';

export type CalendarPeriodKind = 'term' | 'half_term' | 'inset_day' | 'closure' | 'bank_holiday';

/** One row of `calendar_periods`, or of `academicYears[].periods` in the trust data file. */
export interface CalendarPeriod {
  kind: CalendarPeriodKind;
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** An academic year and its periods, as stored or imported. */
export interface AcademicYearDates {
  label: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  periods: readonly CalendarPeriod[];
}

export type NonSchoolDayKind = 'outside_year' | 'outside_term' | 'weekend' | 'bank_holiday' | 'inset_day' | 'half_term' | 'closure';

/** Why a date is not a school day, with a label a person can read: `INSET day (Mon 4 Jan 2027)`. */
export interface NonSchoolDay {
  kind: NonSchoolDayKind;
  label: string;
}

export interface Term {
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** A term split at its half-term break: `Autumn 1` runs from the start of term to the break. */
export interface HalfTerm {
  label: string;
  termName: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** Undefined when INSET days or closures fill the whole half-term. */
  firstSchoolDay: IsoDate | undefined;
  lastSchoolDay: IsoDate | undefined;
}

/** An academic year's school days: terms less weekends, breaks, INSET days, closures and bank holidays. */
export interface SchoolCalendar {
  readonly label: string;
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate;
  readonly region: BankHolidayRegion;
  readonly terms: readonly Term[];
  readonly halfTerms: readonly HalfTerm[];
  readonly bankHolidays: readonly BankHoliday[];
  isSchoolDay(date: IsoDate): boolean;
  /** Undefined for a school day. */
  whyNotSchoolDay(date: IsoDate): NonSchoolDay | undefined;
  /** School days from `from` to `to`, both included; the whole year by default. */
  schoolDays(from?: IsoDate, to?: IsoDate): IsoDate[];
  /** How many school days fall from `from` to `to`, both included. */
  countSchoolDays(from: IsoDate, to: IsoDate): number;
  /** The school day `count` school days after `from` (1 is the next school day); undefined past the year's end. */
  addSchoolDays(from: IsoDate, count: number): IsoDate | undefined;
  /** The half-term holding `date`, if it falls in term. */
  halfTermOf(date: IsoDate): HalfTerm | undefined;
}

export interface SchoolCalendarOptions {
  /** Whose bank holidays to close on. England by default. */
  region?: BankHolidayRegion;
}

const byStart = <T extends { startsOn: IsoDate }>(a: T, b: T) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0);
const covers = (period: { startsOn: IsoDate; endsOn: IsoDate }, date: IsoDate) => period.startsOn <= date && date <= period.endsOn;

/**
 * Builds the calendar for one academic year. Bank holidays come from `date-holidays` for the region
 * and from any `bank_holiday` periods in the data (a one-off royal occasion, say).
 * Throws `SchoolCalendarError` when the dates make no sense: no terms, overlapping terms, periods
 * outside the year.
 */
export function buildSchoolCalendar(year: AcademicYearDates, options: SchoolCalendarOptions = {}): SchoolCalendar {
  const problems = calendarProblems(year);
  if (problems.length > 0) throw new SchoolCalendarError(year.label, problems);
  const region = options.region ?? 'england';

  const periods = [...year.periods].sort(byStart);
  const terms: Term[] = periods.filter((p) => p.kind === 'term').map(({ name, startsOn, endsOn }) => ({ name, startsOn, endsOn }));
  const holidays = mergeBankHolidays(bankHolidaysIn(region, year.startsOn, year.endsOn), periods);

  const reasons = new Map<IsoDate, NonSchoolDay | undefined>();
  for (const date of eachDate(year.startsOn, year.endsOn)) reasons.set(date, reasonFor(date, terms, periods, holidays, year.label));
  const schoolDayList = [...reasons.entries()].filter(([, reason]) => reason === undefined).map(([date]) => date);
  const schoolDaySet = new Set(schoolDayList);

  const schoolDays = (from: IsoDate = year.startsOn, to: IsoDate = year.endsOn) => schoolDayList.filter((d) => d >= from && d <= to);
  const halfTerms = terms.flatMap((term) => splitTerm(term, periods, schoolDays));

  return {
    label: year.label,
    startsOn: year.startsOn,
    endsOn: year.endsOn,
    region,
    terms,
    halfTerms,
    bankHolidays: holidays,
    isSchoolDay: (date) => schoolDaySet.has(date),
    whyNotSchoolDay: (date) =>
      reasons.has(date) ? reasons.get(date) : { kind: 'outside_year', label: `Outside the academic year ${year.label} (${formatDate(date)})` },
    schoolDays,
    countSchoolDays: (from, to) => schoolDays(from, to).length,
    addSchoolDays: (from, count) => schoolDayList.filter((d) => d > from)[count - 1],
    halfTermOf: (date) => halfTerms.find((half) => covers(half, date)),
  };
}

function mergeBankHolidays(computed: BankHoliday[], periods: readonly CalendarPeriod[]): BankHoliday[] {
  const byDate = new Map(computed.map((holiday) => [holiday.date, holiday]));
  for (const period of periods.filter((p) => p.kind === 'bank_holiday')) {
    for (const date of eachDate(period.startsOn, period.endsOn)) if (!byDate.has(date)) byDate.set(date, { date, name: period.name });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

// The most specific reason wins: Christmas Day is a bank holiday before it is a closure or a Friday.
function reasonFor(
  date: IsoDate,
  terms: Term[],
  periods: readonly CalendarPeriod[],
  holidays: BankHoliday[],
  yearLabel: string,
): NonSchoolDay | undefined {
  const holiday = holidays.find((h) => h.date === date);
  if (holiday) return { kind: 'bank_holiday', label: holiday.name };
  const covering = (kind: CalendarPeriodKind) => periods.find((p) => p.kind === kind && covers(p, date));
  if (covering('inset_day')) return { kind: 'inset_day', label: `INSET day (${formatDate(date)})` };
  const halfTerm = covering('half_term');
  if (halfTerm) return { kind: 'half_term', label: halfTerm.name };
  const closure = covering('closure');
  if (closure) return { kind: 'closure', label: closure.name };
  if (isWeekend(date)) return { kind: 'weekend', label: `Weekend (${formatDate(date)})` };
  if (!terms.some((term) => covers(term, date))) {
    return { kind: 'outside_term', label: `Not in term time for ${yearLabel} (${formatDate(date)})` };
  }
  return undefined;
}

function splitTerm(term: Term, periods: readonly CalendarPeriod[], schoolDays: (from: IsoDate, to: IsoDate) => IsoDate[]): HalfTerm[] {
  // Only a break strictly inside the term splits it; a break between terms is simply a holiday.
  const breaks = periods.filter((p) => p.kind === 'half_term' && p.startsOn > term.startsOn && p.endsOn < term.endsOn);
  const ranges: Array<[IsoDate, IsoDate]> = [];
  let start = term.startsOn;
  for (const pause of breaks) {
    if (pause.startsOn <= start) continue;
    ranges.push([start, addDays(pause.startsOn, -1)]);
    start = addDays(pause.endsOn, 1);
  }
  ranges.push([start, term.endsOn]);

  const season = /\b(autumn|spring|summer)\b/i.exec(term.name)?.[1];
  const base = season ? season[0]!.toUpperCase() + season.slice(1).toLowerCase() : term.name;
  return ranges.map(([startsOn, endsOn], index) => {
    const days = schoolDays(startsOn, endsOn);
    return {
      label: ranges.length === 1 ? base : `${base} ${index + 1}`,
      termName: term.name,
      startsOn,
      endsOn,
      firstSchoolDay: days[0],
      lastSchoolDay: days[days.length - 1],
    };
  });
}
