import { earlierOf, eachDate, formatDateRange, laterOf, type IsoDate } from './iso-date';
import type { PlanRequest } from './plan-request';
import type { SchoolCalendar } from './school-calendar';

/** A stretch of the year that gets its own share of meetings: a half-term, a term, a month, or the whole window. */
export interface PlanPeriod {
  label: string;
  from: IsoDate;
  to: IsoDate;
  meetings: number;
}

const monthName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** The window the plan may use: the academic year, narrowed by the request's earliest and latest dates. */
export function planWindow(request: PlanRequest, calendar: SchoolCalendar): { from: IsoDate; to: IsoDate } {
  return {
    from: request.earliest ? laterOf(request.earliest, calendar.startsOn) : calendar.startsOn,
    to: request.latest ? earlierOf(request.latest, calendar.endsOn) : calendar.endsOn,
  };
}

/**
 * The periods to share meetings between. A count is one period over the whole window; a cadence is
 * one period per half-term, term or month that has school days in the window.
 */
export function planPeriods(request: PlanRequest, calendar: SchoolCalendar): PlanPeriod[] {
  const window = planWindow(request, calendar);
  if (!request.cadence) {
    const whole = window.from === calendar.startsOn && window.to === calendar.endsOn;
    return [{ label: whole ? calendar.label : formatDateRange(window.from, window.to), ...window, meetings: request.count ?? 0 }];
  }
  const { per, times } = request.cadence;
  const ranges: Array<{ label: string; from: IsoDate; to: IsoDate }> =
    per === 'half_term'
      ? calendar.halfTerms.map((h) => ({ label: h.label, from: h.startsOn, to: h.endsOn }))
      : per === 'term'
        ? calendar.terms.map((t) => ({ label: t.name, from: t.startsOn, to: t.endsOn }))
        : months(window.from, window.to);
  return ranges
    .map((range) => ({ ...range, from: laterOf(range.from, window.from), to: earlierOf(range.to, window.to), meetings: times }))
    .filter((period) => period.from <= period.to && calendar.countSchoolDays(period.from, period.to) > 0);
}

function months(from: IsoDate, to: IsoDate): Array<{ label: string; from: IsoDate; to: IsoDate }> {
  const byMonth = new Map<string, IsoDate[]>();
  for (const date of eachDate(from, to)) byMonth.set(date.slice(0, 7), [...(byMonth.get(date.slice(0, 7)) ?? []), date]);
  return [...byMonth.entries()].map(([month, dates]) => ({
    label: monthName.format(new Date(`${month}-01T00:00:00Z`)),
    from: dates[0]!,
    to: dates[dates.length - 1]!,
  }));
}
