import { formatDate, formatDateRange, isIsoDate } from './iso-date';
import type { AcademicYearDates } from './school-calendar';
import type { CalendarProblem } from './school-calendar-error';

/** Every reason the year's dates cannot be planned around; empty when they can. */
export function calendarProblems(year: AcademicYearDates): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const badDates = [year.startsOn, year.endsOn, ...year.periods.flatMap((p) => [p.startsOn, p.endsOn])].filter((d) => !isIsoDate(d));
  if (badDates.length > 0) {
    return [{ code: 'invalid_date', message: `The calendar for ${year.label} has dates that are not in the form YYYY-MM-DD: ${badDates.join(', ')}.` }];
  }
  if (year.endsOn < year.startsOn) {
    problems.push({
      code: 'year_ends_before_it_starts',
      message: `The academic year ${year.label} ends (${formatDate(year.endsOn)}) before it starts (${formatDate(year.startsOn)}).`,
    });
  }
  for (const period of year.periods) {
    if (period.endsOn < period.startsOn) {
      problems.push({
        code: 'period_ends_before_it_starts',
        message: `${period.name} ends (${formatDate(period.endsOn)}) before it starts (${formatDate(period.startsOn)}).`,
      });
    } else if (period.startsOn < year.startsOn || period.endsOn > year.endsOn) {
      problems.push({
        code: 'period_outside_year',
        message: `${period.name} (${formatDateRange(period.startsOn, period.endsOn)}) falls outside the academic year ${year.label} (${formatDateRange(year.startsOn, year.endsOn)}).`,
      });
    }
  }
  const terms = year.periods.filter((p) => p.kind === 'term').sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
  if (terms.length === 0) {
    problems.push({ code: 'no_terms', message: `The academic year ${year.label} has no term dates, so there are no school days to plan around.` });
  }
  for (let i = 0; i < terms.length; i++) {
    for (let j = i + 1; j < terms.length; j++) {
      const [a, b] = [terms[i]!, terms[j]!];
      if (b.startsOn <= a.endsOn && a.startsOn <= b.endsOn) {
        problems.push({
          code: 'terms_overlap',
          message: `${a.name} (${formatDateRange(a.startsOn, a.endsOn)}) overlaps ${b.name} (${formatDateRange(b.startsOn, b.endsOn)}).`,
        });
      }
    }
  }
  return problems;
}
