import type { IsoDate } from './iso-date';

const timeZone = 'Europe/London';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Minutes London is ahead of UTC at `at`: 60 in British Summer Time, 0 in Greenwich Mean Time. */
export function londonOffsetMinutes(at: Date): number {
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.formatToParts(at).find((p) => p.type === type)?.value ?? 0);
  const wallClock = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return Math.round((wallClock - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/** The instant the clocks in London show `time` (`HH:MM`) on `date`. */
export function londonInstant(date: IsoDate, time: string): Date {
  const wallClock = Date.parse(`${date}T${time}:00Z`);
  let instant = wallClock - londonOffsetMinutes(new Date(wallClock)) * 60000;
  // Near a clock change the first guess can use the other side's offset; one more step settles it.
  instant = wallClock - londonOffsetMinutes(new Date(instant)) * 60000;
  return new Date(instant);
}

/** `2026-10-06T15:45:00+01:00`: London wall-clock time with the offset in force at that instant. */
export function toLondonIsoString(at: Date): string {
  const offset = londonOffsetMinutes(at);
  const local = new Date(at.getTime() + offset * 60000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
