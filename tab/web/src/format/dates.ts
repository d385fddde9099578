/** Dates and times as UK schools read them: `Tue 14 Oct 2026`, `16:00–17:30`, in Europe/London. */

const TIME_ZONE = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `Tue 14 Oct 2026`. Built from parts because en-GB puts a comma after the weekday. */
export function formatDate(iso: string): string {
  const parts = dateFormat.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** `16:00` */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** `16:00–17:30` (en dash, as in print). */
export function formatTimeRange(startIso: string, endIso: string): string {
  return `${formatTime(startIso)}\u2013${formatTime(endIso)}`;
}

/** Machine-readable value for a `<time>` element. */
export function isoDateTime(iso: string): string {
  return new Date(iso).toISOString();
}
