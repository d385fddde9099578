import { boundedMemo } from '../memo/bounded-memo';
import { rememberedByInstant } from './remembered-by-instant';

/** Conversions between instants and the wall clock in London, where every meeting is planned. */
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

/** `2026-10-06T15:45:00`: what clocks in London show at `at`. Remembered: every card press reads its meeting's date. */
export const londonWallClock = rememberedByInstant((at) => {
  const parts = londonParts.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
});

const londonDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar date in London (YYYY-MM-DD) at an instant: memberships start and end on London
 * dates. Every bot turn asks, and London is a whole number of hours from UTC, so its date cannot
 * change within a UTC hour: one answer serves the hour.
 */
export const londonDate = boundedMemo((at: Date) => londonDateFormat.format(at), (at) => Math.floor(at.getTime() / 3_600_000), 4_096);

/** Minutes London is ahead of UTC at `at`: 60 in British Summer Time, 0 in Greenwich Mean Time. */
export function londonOffsetMinutes(at: Date): number {
  const wallClock = Date.parse(`${londonWallClock(at)}Z`);
  return Math.round((wallClock - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant London clocks show `wallClock` (`YYYY-MM-DDTHH:MM[:SS]`). A time skipped when the
 * clocks go forward moves to the later valid time; one repeated when they go back reads as GMT.
 */
export function londonWallClockToInstant(wallClock: string): Date {
  const asUtc = Date.parse(`${wallClock.length === 16 ? `${wallClock}:00` : wallClock.slice(0, 19)}Z`);
  let instant = asUtc - londonOffsetMinutes(new Date(asUtc)) * 60000;
  // Near a clock change the first guess can use the other side's offset; one more step settles it.
  instant = asUtc - londonOffsetMinutes(new Date(instant)) * 60000;
  return new Date(instant);
}

/** The instant London clocks show `time` (`HH:MM`) on `date` (`YYYY-MM-DD`). */
export function londonInstant(date: string, time: string): Date {
  return londonWallClockToInstant(`${date}T${time}`);
}

/** `2026-10-06T15:45:00+01:00`: London wall-clock time with the offset in force at that instant. */
export function toLondonIsoString(at: Date): string {
  const offset = londonOffsetMinutes(at);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${londonWallClock(at)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
