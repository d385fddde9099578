import { londonWallClock, londonWallClockToInstant } from '../time/london-clock';

/** Graph's `dateTimeTimeZone`: a wall-clock time and the zone it is read in. */
export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

/** An instant as London wall-clock time, the way Outlook shows it to the trust. */
export function toLondonDateTime(at: Date): DateTimeTimeZone {
  return { dateTime: londonWallClock(at), timeZone: 'Europe/London' };
}

/** Reads Graph's `dateTimeTimeZone` back as an instant (UTC and Europe/London; others are read as UTC). */
export function fromGraphDateTime(value: DateTimeTimeZone): Date {
  const local = value.dateTime.replace(/(\.\d{3})\d*$/, '$1').replace(/Z$/, '');
  if (value.timeZone !== 'Europe/London') return new Date(Date.parse(`${local}Z`));
  return londonWallClockToInstant(local);
}
