import { bankHolidays } from './bank-holidays';
import { buildSchoolCalendar, type AcademicYearDates } from './school-calendar';
import { SchoolCalendarError } from './school-calendar-error';
import { demoCalendar, demoYear } from './test-support/demo-year';

const calendarError = (year: AcademicYearDates): SchoolCalendarError => {
  try {
    buildSchoolCalendar(year);
  } catch (error) {
    if (error instanceof SchoolCalendarError) return error;
    throw error;
  }
  throw new Error('expected a SchoolCalendarError');
};

describe('school calendar', () => {
  const calendar = demoCalendar();

  it('counts an ordinary Tuesday in term as a school day', () => {
    expect(calendar.isSchoolDay('2026-10-06')).toBe(true);
    expect(calendar.whyNotSchoolDay('2026-10-06')).toBeUndefined();
  });

  it('explains each kind of day off with a readable label', () => {
    expect(calendar.whyNotSchoolDay('2027-01-04')).toEqual({ kind: 'inset_day', label: 'INSET day (Mon 4 Jan 2027)' });
    expect(calendar.whyNotSchoolDay('2026-10-27')).toEqual({ kind: 'half_term', label: 'Autumn half-term' });
    expect(calendar.whyNotSchoolDay('2027-05-31')).toEqual({ kind: 'bank_holiday', label: 'Spring bank holiday' });
    expect(calendar.whyNotSchoolDay('2027-05-03')).toEqual({ kind: 'bank_holiday', label: 'Early May bank holiday' });
    expect(calendar.whyNotSchoolDay('2026-12-22')).toEqual({ kind: 'closure', label: 'Christmas holiday' });
    expect(calendar.whyNotSchoolDay('2026-10-03')).toEqual({ kind: 'weekend', label: 'Weekend (Sat 3 Oct 2026)' });
    expect(calendar.whyNotSchoolDay('2027-09-06')?.kind).toBe('outside_year');
  });

  it('closes on bank holidays computed for England even when the data does not list them', () => {
    const withoutListedHolidays = { ...demoYear(), periods: demoYear().periods.filter((p) => p.kind !== 'bank_holiday') };
    const computed = buildSchoolCalendar(withoutListedHolidays);
    expect(computed.whyNotSchoolDay('2027-05-03')).toEqual({ kind: 'bank_holiday', label: 'Early May bank holiday' });
    expect(computed.bankHolidays.map((h) => h.date)).toContain('2027-03-29');
  });

  it('lists the bank holidays of England and of Wales within a date range', () => {
    const england = bankHolidays('england', '2026-09-01', '2027-08-31');
    expect(england.map((h) => h.name)).toEqual([
      'Christmas Day',
      'Boxing Day',
      'Boxing Day (substitute day)',
      "New Year's Day",
      'Good Friday',
      'Easter Monday',
      'Early May bank holiday',
      'Spring bank holiday',
      'Summer bank holiday',
    ]);
    expect(bankHolidays('wales', '2027-03-01', '2027-04-30').map((h) => h.date)).toEqual(['2027-03-26', '2027-03-29']);
  });

  it('splits each term at its half-term break into six half-terms', () => {
    expect(calendar.halfTerms.map((h) => [h.label, h.firstSchoolDay, h.lastSchoolDay])).toEqual([
      ['Autumn 1', '2026-09-03', '2026-10-23'],
      ['Autumn 2', '2026-11-02', '2026-12-18'],
      ['Spring 1', '2027-01-05', '2027-02-12'],
      ['Spring 2', '2027-02-22', '2027-03-25'],
      ['Summer 1', '2027-04-12', '2027-05-28'],
      ['Summer 2', '2027-06-08', '2027-07-22'],
    ]);
    expect(calendar.halfTermOf('2026-12-08')?.label).toBe('Autumn 2');
    expect(calendar.halfTermOf('2026-10-28')).toBeUndefined();
  });

  it('counts school days between two dates and finds the date N school days later', () => {
    // 3 Sep to 9 Sep 2026: Thu, Fri, Mon, Tue, Wed.
    expect(calendar.countSchoolDays('2026-09-01', '2026-09-09')).toBe(5);
    expect(calendar.schoolDays('2026-09-01', '2026-09-09')).toEqual(['2026-09-03', '2026-09-04', '2026-09-07', '2026-09-08', '2026-09-09']);
    // From Thu 22 Oct: Fri 23 Oct, then half-term, then Mon 2 Nov.
    expect(calendar.addSchoolDays('2026-10-22', 1)).toBe('2026-10-23');
    expect(calendar.addSchoolDays('2026-10-22', 2)).toBe('2026-11-02');
    expect(calendar.addSchoolDays('2027-07-21', 5)).toBeUndefined();
  });

  it('has no school day on a weekend, in a break, on an INSET day or on a bank holiday', () => {
    for (const date of calendar.schoolDays()) {
      expect(new Date(`${date}T12:00:00Z`).getUTCDay() % 6).not.toBe(0);
      expect(calendar.bankHolidays.some((h) => h.date === date)).toBe(false);
      expect(demoYear().periods.some((p) => p.kind !== 'term' && p.startsOn <= date && date <= p.endsOn)).toBe(false);
    }
  });

  it('refuses a year with no term dates', () => {
    const error = calendarError({ ...demoYear(), periods: demoYear().periods.filter((p) => p.kind !== 'term') });
    expect(error.code).toBe('school_calendar_invalid');
    expect(error.problems.map((p) => p.code)).toEqual(['no_terms']);
    expect(error.message).toBe('The academic year 2026/27 has no term dates, so there are no school days to plan around.');
  });

  it('refuses overlapping terms and names both', () => {
    const periods = [...demoYear().periods, { kind: 'term' as const, name: 'Extra term', startsOn: '2026-12-14', endsOn: '2027-01-08' }];
    const error = calendarError({ ...demoYear(), periods });
    expect(error.problems.map((p) => p.message)).toEqual([
      'Autumn term (Tue 1 Sep 2026 – Fri 18 Dec 2026) overlaps Extra term (Mon 14 Dec 2026 – Fri 8 Jan 2027).',
      'Extra term (Mon 14 Dec 2026 – Fri 8 Jan 2027) overlaps Spring term (Mon 4 Jan 2027 – Thu 25 Mar 2027).',
    ]);
  });

  it('refuses a period outside the academic year', () => {
    const periods = [...demoYear().periods, { kind: 'inset_day' as const, name: 'INSET day (next year)', startsOn: '2027-09-01', endsOn: '2027-09-01' }];
    expect(calendarError({ ...demoYear(), periods }).message).toBe(
      'INSET day (next year) (Wed 1 Sep 2027) falls outside the academic year 2026/27 (Tue 1 Sep 2026 – Tue 31 Aug 2027).',
    );
  });

  it('refuses dates that are not real calendar dates', () => {
    expect(calendarError({ ...demoYear(), endsOn: '2027-02-30' }).problems[0]?.code).toBe('invalid_date');
  });
});
