/** Graph's `dateTimeTimeZone`: a wall-clock time and the zone it is read in. */
export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function wallClock(at: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) => londonParts.formatToParts(at).find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
}

/** An instant as London wall-clock time, the way Outlook shows it to the trust. */
export function toLondonDateTime(at: Date): DateTimeTimeZone {
  return { dateTime: wallClock(at), timeZone: 'Europe/London' };
}

/** Reads Graph's `dateTimeTimeZone` back as an instant (UTC and Europe/London; others are read as UTC). */
export function fromGraphDateTime(value: DateTimeTimeZone): Date {
  const local = value.dateTime.replace(/(\.\d{3})\d*$/, '$1').replace(/Z$/, '');
  const asUtc = Date.parse(`${local}Z`);
  if (value.timeZone !== 'Europe/London') return new Date(asUtc);
  // London is UTC+0 or UTC+1: try both offsets and keep the one whose wall clock matches.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    if (wallClock(candidate) === local.slice(0, 19)) return candidate;
  }
  return new Date(asUtc);
}
