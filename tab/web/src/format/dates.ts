/** Dates and times as UK schools read them (`Tue 14 Oct 2026`, `16:00–17:30`), shared with the bot's cards. */
import { londonInstant, londonWallClock, toLondonIsoString } from '../../../../core/time/london-clock';
import { formatLondonDate, formatLondonTime } from '../../../../core/time/london-time';

export function formatDate(iso: string): string {
  return formatLondonDate(new Date(iso));
}

export function formatTime(iso: string): string {
  return formatLondonTime(new Date(iso));
}

/** `16:00–17:30` (en dash, as in print). */
export function formatTimeRange(startIso: string, endIso: string): string {
  return `${formatTime(startIso)}\u2013${formatTime(endIso)}`;
}

/** Machine-readable value for a `<time>` element. */
export function isoDateTime(iso: string): string {
  return new Date(iso).toISOString();
}

/** A calendar date (`2026-10-06`) as `Tue 6 Oct 2026`; midday UTC is the same day in London all year. */
export function formatDay(isoDate: string): string {
  return formatLondonDate(new Date(`${isoDate}T12:00:00Z`));
}

/** `Tue 6 Oct 2026` or `Mon 26 Oct 2026 to Fri 30 Oct 2026`. */
export function formatDayRange(startsOn: string, endsOn: string): string {
  return startsOn === endsOn ? formatDay(startsOn) : `${formatDay(startsOn)} to ${formatDay(endsOn)}`;
}

/** The London calendar date of an instant, `2026-10-06`, as a date input wants it. */
export function londonDateOf(iso: string): string {
  return londonWallClock(new Date(iso)).slice(0, 10);
}

/** The London wall-clock time of an instant, `15:45`, as a time input wants it. */
export function londonTimeOf(iso: string): string {
  return londonWallClock(new Date(iso)).slice(11, 16);
}

/** `2026-10-06` + `15:45` in London → `2026-10-06T15:45:00+01:00`. */
export function londonIso(date: string, time: string): string {
  return toLondonIsoString(londonInstant(date, time));
}

/** Whole minutes between two instants. */
export function minutesBetween(startIso: string, endIso: string): number {
  return Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60000);
}

/** The instant `minutes` after `startIso`, written in London time with its offset. */
export function addMinutes(startIso: string, minutes: number): string {
  return toLondonIsoString(new Date(Date.parse(startIso) + minutes * 60000));
}
