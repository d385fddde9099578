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
  error: z.object({ code: z.string(), message: z.string(), correlationId: z.string() }),
});
