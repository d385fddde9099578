import { formatLondonDate, formatLondonTime } from '../time/london-time';
import type { BusyTime } from './plan-request';

/** Another community's meeting that shares members and overlaps a proposed slot. */
export interface Clash {
  communityName: string;
  startsAt: string;
  endsAt: string;
  /** `Maths Leads (Tue 8 Dec 2026 16:00)` */
  label: string;
}

/** The busy times that overlap `[startsAt, endsAt)`, earliest first. Touching end to start is no clash. */
export function clashesWith(busyTimes: readonly BusyTime[], startsAt: Date, endsAt: Date): Clash[] {
  return busyTimes
    .filter((busy) => Date.parse(busy.startsAt) < endsAt.getTime() && Date.parse(busy.endsAt) > startsAt.getTime())
    .map((busy) => {
      const start = new Date(busy.startsAt);
      return { ...busy, label: `${busy.communityName} (${formatLondonDate(start)} ${formatLondonTime(start)})` };
    })
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.communityName.localeCompare(b.communityName));
}
