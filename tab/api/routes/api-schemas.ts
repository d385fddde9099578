import { z } from 'zod';
import { meetingModes } from '../../../core/meetings/meeting-mode';

export const personSummarySchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  academyName: z.string().nullable(),
  roles: z.array(z.string()),
});

export const meetingModeSchema = z.enum(meetingModes);

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    correlationId: z.string(),
    /** On `invalid_request`: each problem with where it is in the body (`behaviours.2`), so a form can show it beside the field. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
