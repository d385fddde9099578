import { z } from 'zod';
import { AppError } from '../errors';
import { meetingModes } from '../meetings/meeting-mode';

export const schoolWeekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
export type SchoolWeekday = (typeof schoolWeekdays)[number];

const startTimePattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const inPersonModes = new Set(['face_to_face', 'hybrid']);
const isoDate = z.iso.date({ error: 'must be a date in the form YYYY-MM-DD' });
const isoDateTime = z.iso.datetime({ offset: true, error: 'must be a date and time with a UTC offset, such as 2026-10-06T15:45:00+01:00' });
const mode = z.enum(meetingModes, { error: 'mode must be face_to_face, hybrid or online' });
const ratioPart = z.number().int().min(0, { error: 'mode ratio parts must be whole numbers of at least 0' }).default(0);

const cadenceSchema = z.object({
  per: z.enum(['half_term', 'term', 'month'], { error: 'cadence must be per half_term, term or month' }),
  times: z
    .number({ error: 'cadence times must be a number' })
    .int({ error: 'cadence times must be a whole number' })
    .min(1, { error: 'cadence times must be between 1 and 20' })
    .max(20, { error: 'cadence times must be between 1 and 20' }),
});

/** An explicit mode for each meeting in turn, repeated as needed, or a ratio spread evenly over the year. */
const modePatternSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('sequence'), modes: z.array(mode).min(1, { error: 'mode sequence must name at least one mode' }) }),
    z.object({
      kind: z.literal('ratio'),
      ratio: z
        .object({ face_to_face: ratioPart, hybrid: ratioPart, online: ratioPart })
        .refine((r) => r.face_to_face + r.hybrid + r.online > 0, { error: 'mode ratio must include at least one meeting' }),
    }),
  ],
  { error: 'mode pattern must be a sequence or a ratio' },
);

/** Where face-to-face and hybrid meetings happen: always the same place, or hosted by academies in turn. */
const venuePlanSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('fixed'), venue: z.string().trim().min(1, { error: 'venue must not be empty' }) }),
    z.object({
      kind: z.literal('rotation'),
      venues: z
        .array(z.string().trim().min(1, { error: 'venue must not be empty' }))
        .min(1, { error: 'venue rotation must list at least one host academy' }),
    }),
  ],
  { error: 'venues must be a fixed venue or a rotation' },
);

const busyTimeSchema = z
  .object({ startsAt: isoDateTime, endsAt: isoDateTime, communityName: z.string().trim().min(1, { error: 'community name must not be empty' }) })
  .refine((busy) => Date.parse(busy.endsAt) > Date.parse(busy.startsAt), { error: 'busy time must end after it starts', path: ['endsAt'] });

export const planRequestSchema = z
  .object({
    communityId: z.string().trim().min(1, { error: 'community id must not be empty' }),
    /** The academic year's label, such as `2026/27`. */
    academicYear: z
      .string()
      .trim()
      .regex(/^\d{4}\/\d{2}$/, { error: 'academic year must look like 2026/27' }),
    count: z
      .number({ error: 'count must be a number' })
      .int({ error: 'count must be a whole number' })
      .min(1, { error: 'count must be between 1 and 200' })
      .max(200, { error: 'count must be between 1 and 200' })
      .optional(),
    cadence: cadenceSchema.optional(),
    preferredWeekdays: z
      .array(z.enum(schoolWeekdays, { error: 'preferred weekdays must be mon, tue, wed, thu or fri' }), {
        error: 'preferred weekdays must include at least one of mon-fri',
      })
      .min(1, { error: 'preferred weekdays must include at least one of mon-fri' })
      .transform((days) => schoolWeekdays.filter((day) => days.includes(day))),
    /** Europe/London wall-clock time, `15:45`. */
    startTime: z.string({ error: 'start time must be HH:MM' }).regex(startTimePattern, { error: 'start time must be HH:MM' }),
    durationMinutes: z
      .number({ error: 'duration must be between 15 and 480 minutes' })
      .int({ error: 'duration must be a whole number of minutes' })
      .min(15, { error: 'duration must be between 15 and 480 minutes' })
      .max(480, { error: 'duration must be between 15 and 480 minutes' }),
    modePattern: modePatternSchema,
    venues: venuePlanSchema.optional(),
    earliest: isoDate.optional(),
    latest: isoDate.optional(),
    busyTimes: z.array(busyTimeSchema).default([]),
  })
  .superRefine((request, ctx) => {
    if ((request.count === undefined) === (request.cadence === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'give either a count of meetings or a cadence, not both or neither' });
    }
    const [hours, minutes] = request.startTime.split(':').map(Number);
    if (startTimePattern.test(request.startTime) && (hours ?? 0) * 60 + (minutes ?? 0) + request.durationMinutes > 24 * 60) {
      ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'the meeting must end by midnight' });
    }
    if (request.earliest && request.latest && request.earliest > request.latest) {
      ctx.addIssue({ code: 'custom', path: ['latest'], message: 'latest date must be on or after earliest date' });
    }
    if (needsVenue(request.modePattern) && !request.venues) {
      ctx.addIssue({
        code: 'custom',
        path: ['venues'],
        message: 'face-to-face and hybrid meetings need a venue: give a fixed venue or a rotation of host academies',
      });
    }
  });

function needsVenue(pattern: z.infer<typeof modePatternSchema>): boolean {
  return pattern.kind === 'sequence' ? pattern.modes.some((m) => inPersonModes.has(m)) : pattern.ratio.face_to_face + pattern.ratio.hybrid > 0;
}

/** A parsed, valid request to propose a community's meeting dates for one academic year. */
export type PlanRequest = z.infer<typeof planRequestSchema>;
/** What a caller sends: defaults (no busy times, ratio parts of 0) may be left out. */
export type PlanRequestInput = z.input<typeof planRequestSchema>;
export type Cadence = z.infer<typeof cadenceSchema>;
export type ModePattern = z.infer<typeof modePatternSchema>;
export type VenuePlan = z.infer<typeof venuePlanSchema>;
export type BusyTime = z.infer<typeof busyTimeSchema>;

/** Parses a plan request, throwing `AppError('plan_request_invalid')` listing every problem. */
export function parsePlanRequest(input: unknown): PlanRequest {
  const result = planRequestSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => issue.message);
  throw new AppError('plan_request_invalid', `The plan request is invalid: ${problems.join('; ')}.`, 400, { problems });
}
