import { formatLondonDate } from '../time/london-time';

/** A calendar date with no time of day, `YYYY-MM-DD`. Compares correctly as a string. */
export type IsoDate = string;

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export const weekdayNames: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const dayMs = 24 * 60 * 60 * 1000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

// Dates are handled as UTC midnights so that no time zone or clock change can shift a day.
const toUtc = (date: IsoDate): number => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

/** Whether `value` is a real calendar date written as `YYYY-MM-DD` (so not 2027-02-30). */
export function isIsoDate(value: string): boolean {
  if (!isoDatePattern.test(value)) return false;
  const ms = toUtc(value);
  return !Number.isNaN(ms) && fromUtc(ms) === value;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * dayMs);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / dayMs);
}

export function weekdayOf(date: IsoDate): Weekday {
  // getUTCDay: 0 is Sunday.
  return weekdays[(new Date(toUtc(date)).getUTCDay() + 6) % 7]!;
}

export function isWeekend(date: IsoDate): boolean {
  const day = weekdayOf(date);
  return day === 'sat' || day === 'sun';
}

/** The Monday of the week holding `date`: two dates share a week when this is equal. */
export function weekOf(date: IsoDate): IsoDate {
  return addDays(date, -weekdays.indexOf(weekdayOf(date)));
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

export const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
export const earlierOf = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

/** `Tue 6 Oct 2026`, the house style for a date a person reads. */
export function formatDate(date: IsoDate): string {
  // Midday UTC is the same calendar day in London whatever the season.
  return formatLondonDate(new Date(`${date}T12:00:00Z`));
}

/** `Tue 1 Sep 2026 – Fri 18 Dec 2026` */
export function formatDateRange(from: IsoDate, to: IsoDate): string {
  return from === to ? formatDate(from) : `${formatDate(from)} – ${formatDate(to)}`;
}

/** `Tuesday`, `Tuesday or Wednesday`, `Monday, Tuesday or Wednesday`. */
export function formatWeekdays(days: readonly Weekday[]): string {
  const names = days.map((day) => weekdayNames[day]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
