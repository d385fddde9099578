import { AppError } from '../errors';
import { parsePlanRequest, planRequestSchema, type PlanRequestInput } from './plan-request';

const valid: PlanRequestInput = {
  communityId: 'maths-leads',
  academicYear: '2026/27',
  cadence: { per: 'half_term', times: 2 },
  preferredWeekdays: ['wed', 'tue'],
  startTime: '15:45',
  durationMinutes: 90,
  modePattern: { kind: 'ratio', ratio: { face_to_face: 1, hybrid: 1, online: 2 } },
  venues: { kind: 'rotation', venues: ['Northfield Academy', 'Riverside Academy'] },
};

const messages = (input: Record<string, unknown>): string[] => {
  const result = planRequestSchema.safeParse({ ...valid, ...input });
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('plan request', () => {
  it('accepts a complete request and puts preferred weekdays in week order', () => {
    const request = parsePlanRequest(valid);
    expect(request.preferredWeekdays).toEqual(['tue', 'wed']);
    expect(request.busyTimes).toEqual([]);
  });

  it('needs at least one weekday from Monday to Friday', () => {
    expect(messages({ preferredWeekdays: [] })).toEqual(['preferred weekdays must include at least one of mon-fri']);
    expect(messages({ preferredWeekdays: ['sat'] })).toEqual(['preferred weekdays must be mon, tue, wed, thu or fri']);
  });

  it('keeps the duration between 15 and 480 minutes', () => {
    expect(messages({ durationMinutes: 10 })).toEqual(['duration must be between 15 and 480 minutes']);
    expect(messages({ durationMinutes: 481 })).toEqual(['duration must be between 15 and 480 minutes']);
  });

  it('needs the start time as HH:MM', () => {
    expect(messages({ startTime: '3.45pm' })).toEqual(['start time must be HH:MM']);
    expect(messages({ startTime: '24:00' })).toEqual(['start time must be HH:MM']);
  });

  it('needs either a count or a cadence but not both', () => {
    expect(messages({ count: 6 })).toEqual(['give either a count of meetings or a cadence, not both or neither']);
    expect(messages({ cadence: undefined })).toEqual(['give either a count of meetings or a cadence, not both or neither']);
    expect(messages({ cadence: undefined, count: 6 })).toEqual([]);
  });

  it('needs a venue when any meeting is face to face or hybrid', () => {
    expect(messages({ venues: undefined })).toEqual([
      'face-to-face and hybrid meetings need a venue: give a fixed venue or a rotation of host academies',
    ]);
    expect(messages({ venues: undefined, modePattern: { kind: 'sequence', modes: ['online'] } })).toEqual([]);
  });

  it('refuses a busy time that ends before it starts and a latest date before the earliest', () => {
    const busy = { startsAt: '2026-12-08T17:00:00Z', endsAt: '2026-12-08T16:00:00Z', communityName: 'Maths Leads' };
    expect(messages({ busyTimes: [busy] })).toEqual(['busy time must end after it starts']);
    expect(messages({ earliest: '2027-01-01', latest: '2026-12-01' })).toEqual(['latest date must be on or after earliest date']);
  });

  it('throws an AppError listing every problem', () => {
    expect(() => parsePlanRequest({ ...valid, startTime: 'soon', durationMinutes: 1 })).toThrow(
      new AppError('plan_request_invalid', 'The plan request is invalid: start time must be HH:MM; duration must be between 15 and 480 minutes.'),
    );
  });
});
