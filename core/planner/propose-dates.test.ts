import fc from 'fast-check';
import { weekdayOf, weekOf } from './iso-date';
import { parsePlanRequest, schoolWeekdays, type PlanRequestInput } from './plan-request';
import { proposeDates, type Proposal } from './propose-dates';
import { demoCalendar } from './test-support/demo-year';

const calendar = demoCalendar();

const twicePerHalfTerm: PlanRequestInput = {
  communityId: 'maths-leads',
  academicYear: '2026/27',
  cadence: { per: 'half_term', times: 2 },
  preferredWeekdays: ['tue', 'wed'],
  startTime: '15:45',
  durationMinutes: 90,
  modePattern: { kind: 'sequence', modes: ['face_to_face', 'online', 'online', 'hybrid'] },
  venues: { kind: 'rotation', venues: ['Northfield Academy', 'Riverside Academy', 'Hillcrest Academy'] },
};

const propose = (input: PlanRequestInput): Proposal => proposeDates(parsePlanRequest(input), calendar);
const dates = (proposal: Proposal) => proposal.meetings.map((m) => m.date);

describe('proposing meeting dates', () => {
  const proposal = propose(twicePerHalfTerm);

  it('places every meeting on a school day, never a weekend, holiday, half-term, INSET day or bank holiday', () => {
    expect(proposal.meetings).toHaveLength(12);
    for (const meeting of proposal.meetings) expect([meeting.date, calendar.whyNotSchoolDay(meeting.date)]).toEqual([meeting.date, undefined]);
  });

  it('places two meetings in each half-term, on the preferred weekdays, in different weeks', () => {
    const perHalfTerm = new Map<string, number>();
    for (const meeting of proposal.meetings) {
      const half = calendar.halfTermOf(meeting.date)?.label ?? 'none';
      perHalfTerm.set(half, (perHalfTerm.get(half) ?? 0) + 1);
      expect(['tue', 'wed']).toContain(meeting.weekday);
      expect(meeting.period).toBe(half);
    }
    expect(Object.fromEntries(perHalfTerm)).toEqual({ 'Autumn 1': 2, 'Autumn 2': 2, 'Spring 1': 2, 'Spring 2': 2, 'Summer 1': 2, 'Summer 2': 2 });
    expect(new Set(dates(proposal).map(weekOf)).size).toBe(12);
    expect(proposal.unplaced).toEqual([]);
    expect(proposal.summary).toBe('12 meetings proposed for 2026/27.');
  });

  it('spaces the two meetings of a half-term apart and keeps off its first and last school days', () => {
    for (const half of calendar.halfTerms) {
      const inHalf = dates(proposal).filter((date) => date >= half.startsOn && date <= half.endsOn);
      expect(inHalf).not.toContain(half.firstSchoolDay);
      expect(inHalf).not.toContain(half.lastSchoolDay);
      expect(calendar.countSchoolDays(inHalf[0]!, inHalf[1]!)).toBeGreaterThan(calendar.countSchoolDays(half.startsOn, half.endsOn) / 3);
    }
  });

  it('numbers the meetings in date order', () => {
    expect(proposal.meetings.map((m) => m.sequenceLabel).slice(0, 3)).toEqual(['1 of 12', '2 of 12', '3 of 12']);
    expect([...dates(proposal)].sort()).toEqual(dates(proposal));
  });

  it('repeats the mode sequence exactly and rotates host academies over the meetings in person', () => {
    const sequence = ['face_to_face', 'online', 'online', 'hybrid'];
    expect(proposal.meetings.map((m) => m.mode)).toEqual([...sequence, ...sequence, ...sequence]);
    const inPerson = proposal.meetings.filter((m) => m.mode !== 'online');
    expect(inPerson.map((m) => m.venue)).toEqual(['Northfield Academy', 'Riverside Academy', 'Hillcrest Academy', 'Northfield Academy', 'Riverside Academy', 'Hillcrest Academy']);
    expect(proposal.meetings.filter((m) => m.mode === 'online').every((m) => m.venue === null)).toBe(true);
  });

  it('shares a 1:1:2 ratio over 8 meetings as 2 face to face, 2 hybrid and 4 online', () => {
    const eight = propose({ ...twicePerHalfTerm, cadence: undefined, count: 8, modePattern: { kind: 'ratio', ratio: { face_to_face: 1, hybrid: 1, online: 2 } } });
    const count = (mode: string) => eight.meetings.filter((m) => m.mode === mode).length;
    expect([count('face_to_face'), count('hybrid'), count('online')]).toEqual([2, 2, 4]);
  });

  it('moves meetings off days when members are at another community meeting', () => {
    const busyTimes = proposal.meetings.map((m) => ({ startsAt: m.startsAt.replace('T15:45', 'T16:30'), endsAt: m.endsAt, communityName: 'Maths Leads' }));
    const moved = propose({ ...twicePerHalfTerm, busyTimes });
    expect(moved.meetings).toHaveLength(12);
    for (const meeting of moved.meetings) {
      expect(dates(proposal)).not.toContain(meeting.date);
      expect(calendar.isSchoolDay(meeting.date)).toBe(true);
    }
  });

  it('does not count a meeting that ends as ours starts as a clash', () => {
    const before = { startsAt: '2026-10-06T13:45:00+01:00', endsAt: '2026-10-06T15:45:00+01:00', communityName: 'SENCOs' };
    const oneDay = propose({ ...twicePerHalfTerm, cadence: undefined, count: 1, preferredWeekdays: ['tue'], earliest: '2026-10-05', latest: '2026-10-09', busyTimes: [before] });
    expect(dates(oneDay)).toEqual(['2026-10-06']);
  });

  it('writes London times with the British Summer Time or Greenwich Mean Time offset of the day', () => {
    const autumn = propose({ ...twicePerHalfTerm, cadence: undefined, count: 1, preferredWeekdays: ['tue'], earliest: '2026-10-05', latest: '2026-10-09' });
    expect(autumn.meetings[0]).toMatchObject({ date: '2026-10-06', startsAt: '2026-10-06T15:45:00+01:00', endsAt: '2026-10-06T17:15:00+01:00' });
    expect(new Date(autumn.meetings[0]!.startsAt).toISOString()).toBe('2026-10-06T14:45:00.000Z');
    expect(autumn.meetings[0]!.label).toBe('Tue 6 Oct 2026, 15:45–17:15');

    const winter = propose({ ...twicePerHalfTerm, cadence: undefined, count: 1, preferredWeekdays: ['tue'], earliest: '2026-11-09', latest: '2026-11-13' });
    expect(winter.meetings[0]).toMatchObject({ date: '2026-11-10', startsAt: '2026-11-10T15:45:00+00:00' });
    expect(new Date(winter.meetings[0]!.startsAt).toISOString()).toBe('2026-11-10T15:45:00.000Z');
  });

  it('explains a meeting that cannot avoid a clash, naming the clashing meeting', () => {
    const squeezed = propose({
      ...twicePerHalfTerm,
      earliest: '2026-12-07',
      latest: '2026-12-11',
      busyTimes: [{ startsAt: '2026-12-08T16:00:00Z', endsAt: '2026-12-08T17:00:00Z', communityName: 'Maths Leads' }],
    });
    expect(dates(squeezed)).toEqual(['2026-12-09']);
    expect(squeezed.unplaced).toEqual([
      expect.objectContaining({
        period: 'Autumn 2',
        meetingInPeriod: 2,
        reason: 'clashes',
        explanation: 'Autumn 2, meeting 2: no Tuesday or Wednesday school day left without a clash; the only candidates clash with Maths Leads (Tue 8 Dec 2026 16:00)',
      }),
    ]);
    expect(squeezed.summary).toBe('1 of 2 meetings proposed for 2026/27; 1 could not be placed.');
  });

  it('explains a cadence too dense for the half-term rather than quietly placing fewer', () => {
    const dense = propose({ ...twicePerHalfTerm, cadence: { per: 'half_term', times: 6 }, preferredWeekdays: ['tue'] });
    expect(dense.meetings).toHaveLength(35);
    expect(dense.unplaced.map((u) => u.explanation)).toEqual([
      'Spring 2, meeting 6: there are only 5 Tuesday school days in Spring 2 (Mon 22 Feb 2027 – Thu 25 Mar 2027), and this plan already uses them all',
    ]);
  });

  it('explains a count larger than the year can hold', () => {
    const tooMany = propose({ ...twicePerHalfTerm, cadence: undefined, count: 60, preferredWeekdays: ['tue'] });
    const tuesdays = calendar.schoolDays().filter((date) => weekdayOf(date) === 'tue').length;
    expect(tooMany.meetings).toHaveLength(tuesdays);
    expect(tooMany.unplaced).toHaveLength(60 - tuesdays);
    expect(tooMany.unplaced[0]).toMatchObject({
      reason: 'not_enough_days',
      explanation: `2026/27, meeting ${tuesdays + 1}: there are only ${tuesdays} Tuesday school days in 2026/27 (Thu 3 Sep 2026 – Thu 22 Jul 2027), and this plan already uses them all`,
    });
    expect(tooMany.summary).toBe(`${tuesdays} of 60 meetings proposed for 2026/27; ${60 - tuesdays} could not be placed.`);
  });

  it('explains a period with none of the preferred weekdays', () => {
    // Mon 7 Jun 2027 is an INSET day, the only Monday in the window.
    const none = propose({ ...twicePerHalfTerm, cadence: undefined, count: 1, preferredWeekdays: ['mon'], earliest: '2027-06-07', latest: '2027-06-11' });
    expect(none.unplaced.map((u) => u.explanation)).toEqual([
      'Mon 7 Jun 2027 – Fri 11 Jun 2027, meeting 1: there is no Monday school day between those dates (school days Tue 8 Jun 2027 – Fri 11 Jun 2027)',
    ]);
  });

  it('places monthly meetings in every month with school days', () => {
    const monthly = propose({ ...twicePerHalfTerm, cadence: { per: 'month', times: 1 } });
    expect(monthly.meetings.map((m) => m.period)).toEqual([
      'September 2026', 'October 2026', 'November 2026', 'December 2026', 'January 2027', 'February 2027',
      'March 2027', 'April 2027', 'May 2027', 'June 2027', 'July 2027',
    ]);
    expect(new Set(dates(monthly).map(weekOf)).size).toBe(11);
  });

  it('refuses a calendar for another academic year', () => {
    expect(() => propose({ ...twicePerHalfTerm, academicYear: '2027/28' })).toThrow('The plan is for 2027/28 but the calendar is for 2026/27.');
  });
});

describe('proposing meeting dates for any request', () => {
  const schoolDays = calendar.schoolDays();
  const busyTime = fc.record({
    day: fc.integer({ min: 0, max: schoolDays.length - 1 }),
    hour: fc.integer({ min: 13, max: 18 }),
    minutes: fc.integer({ min: 15, max: 180 }),
  });
  const request = fc.record({
    amount: fc.oneof(
      fc.record({ count: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ cadence: fc.record({ per: fc.constantFrom('half_term' as const, 'term' as const, 'month' as const), times: fc.integer({ min: 1, max: 6 }) }) }),
    ),
    preferredWeekdays: fc.subarray([...schoolWeekdays], { minLength: 1 }),
    startTime: fc.constantFrom('08:00', '12:30', '15:45', '16:00', '17:30'),
    durationMinutes: fc.integer({ min: 15, max: 240 }),
    ratio: fc.record({ face_to_face: fc.nat(3), hybrid: fc.nat(3), online: fc.integer({ min: 1, max: 3 }) }),
    busy: fc.array(busyTime, { maxLength: 40 }),
    window: fc.option(fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 })), { nil: undefined }),
  });

  it('never lands on a non-school day or a clash, accounts for every meeting asked for, and gives the same answer twice', () => {
    fc.assert(
      fc.property(request, (r) => {
        const busyTimes = r.busy.map((b) => {
          const startsAt = new Date(`${schoolDays[b.day]}T${String(b.hour).padStart(2, '0')}:00:00Z`);
          return { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + b.minutes * 60000).toISOString(), communityName: 'Other' };
        });
        const window = r.window ? { earliest: schoolDays[r.window[0]], latest: schoolDays[r.window[0] + r.window[1]] } : {};
        const input: PlanRequestInput = {
          ...twicePerHalfTerm,
          cadence: undefined,
          ...r.amount,
          ...window,
          preferredWeekdays: r.preferredWeekdays,
          startTime: r.startTime,
          durationMinutes: r.durationMinutes,
          modePattern: { kind: 'ratio', ratio: r.ratio },
          busyTimes,
        };
        const first = propose(input);
        for (const meeting of first.meetings) {
          expect(calendar.whyNotSchoolDay(meeting.date)).toBeUndefined();
          expect(r.preferredWeekdays).toContain(meeting.weekday);
          const [start, end] = [Date.parse(meeting.startsAt), Date.parse(meeting.endsAt)];
          expect(busyTimes.filter((b) => Date.parse(b.startsAt) < end && Date.parse(b.endsAt) > start)).toEqual([]);
        }
        expect(new Set(dates(first)).size).toBe(first.meetings.length);
        if (first.requested > 0) expect(first.meetings.length + first.unplaced.length).toBe(first.requested);
        expect(propose(input)).toEqual(first);
      }),
      { numRuns: 80, seed: 20260901 },
    );
  });
});
