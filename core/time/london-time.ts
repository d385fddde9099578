/** Every date a person reads is in the trust's time zone, written the British way: `Tue 14 Oct 2026`. */
const timeZone = 'Europe/London';

const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function formatLondonDate(at: Date): string {
  return dayFormat.format(at).replace(/,/g, '');
}

export function formatLondonTime(at: Date): string {
  return timeFormat.format(at);
}

/** `Tue 14 Oct 2026, 16:00–17:30` */
export function formatMeetingSlot(startsAt: Date, endsAt: Date): string {
  return `${formatLondonDate(startsAt)}, ${formatLondonTime(startsAt)}–${formatLondonTime(endsAt)}`;
}
