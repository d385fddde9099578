import { rememberedByInstant } from './remembered-by-instant';

/** Every date a person reads is in the trust's time zone, written the British way: `Tue 14 Oct 2026`. */
const timeZone = 'Europe/London';

const dayParts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric' });
// Newer ICU writes September as "Sept"; the house style is three letters for every month.
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export const formatLondonDate = rememberedByInstant((at) => {
  const parts = dayParts.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${Number(part('day'))} ${months[Number(part('month')) - 1]} ${part('year')}`;
});

export const formatLondonTime = rememberedByInstant((at) => timeFormat.format(at));

/** `Tue 14 Oct 2026, 16:00–17:30` */
export function formatMeetingSlot(startsAt: Date, endsAt: Date): string {
  return `${formatLondonDate(startsAt)}, ${formatLondonTime(startsAt)}–${formatLondonTime(endsAt)}`;
}
