import Holidays from 'date-holidays';
import type { IsoDate } from './iso-date';

export const bankHolidayRegions = ['england', 'wales'] as const;
/** Schools in England and Wales share most bank holidays, but not all of them in every year. */
export type BankHolidayRegion = (typeof bankHolidayRegions)[number];

export interface BankHoliday {
  date: IsoDate;
  name: string;
}

const stateCodes: Record<BankHolidayRegion, string> = { england: 'ENG', wales: 'WLS' };
const calendars = new Map<BankHolidayRegion, Holidays>();

function holidaysFor(region: BankHolidayRegion): Holidays {
  let holidays = calendars.get(region);
  if (!holidays) {
    holidays = new Holidays('GB', stateCodes[region]);
    calendars.set(region, holidays);
  }
  return holidays;
}

/** The bank holidays in `region` from `from` to `to` (both included), in date order. */
export function bankHolidays(region: BankHolidayRegion, from: IsoDate, to: IsoDate): BankHoliday[] {
  const found: BankHoliday[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const holiday of holidaysFor(region).getHolidays(year)) {
      // `date` is the local calendar date, `2026-12-28 00:00:00`; `start` would be shifted by BST.
      const date = holiday.date.slice(0, 10);
      if (holiday.type === 'public' && date >= from && date <= to) found.push({ date, name: holiday.name });
    }
  }
  return found.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
