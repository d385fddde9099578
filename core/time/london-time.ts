/** Every date a person reads is in the trust's time zone, written the British way: `Tue 14 Oct 2026`. */
const timeZone = 'Europe/London';

const dayParts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric' });
// Newer ICU writes September as "Sept"; the house style is three letters for every month.
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Dates by instant: `formatToParts` is slow and cards show the same meeting dates turn after turn; emptied when full. */
const formattedDates = new Map<number, string>();
const maxRemembered = 4_096;

export function formatLondonDate(at: Date): string {
  const key = at.getTime();
  const known = formattedDates.get(key);
  if (known !== undefined) return known;
  const parts = dayParts.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const formatted = `${part('weekday')} ${Number(part('day'))} ${months[Number(part('month')) - 1]} ${part('year')}`;
  if (formattedDates.size >= maxRemembered) formattedDates.clear();
  formattedDates.set(key, formatted);
  return formatted;
}

export function formatLondonTime(at: Date): string {
  return timeFormat.format(at);
}

/** `Tue 14 Oct 2026, 16:00–17:30` */
export function formatMeetingSlot(startsAt: Date, endsAt: Date): string {
  return `${formatLondonDate(startsAt)}, ${formatLondonTime(startsAt)}–${formatLondonTime(endsAt)}`;
}
