/** Dates and times as UK schools read them (`Tue 14 Oct 2026`, `16:00–17:30`), shared with the bot's cards. */
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
