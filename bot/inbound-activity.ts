import { z } from 'zod';

/**
 * The least an activity needs before botbuilder sees it. botbuilder answers some malformed
 * bodies with a 500 and a stack trace in the log; we answer 400 with what is wrong instead.
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1, 'type is empty'),
  id: z.string().optional(),
  channelId: z.string().min(1, 'channelId is empty'),
  serviceUrl: z.url('serviceUrl is not a URL'),
  conversation: z.looseObject({ id: z.string().min(1, 'conversation.id is empty') }),
  from: z.looseObject({ id: z.string().min(1, 'from.id is empty') }),
  recipient: z.looseObject({ id: z.string() }).optional(),
});

export function describeActivityProblems(body: unknown): string | null {
  const result = inboundActivitySchema.safeParse(body);
  if (result.success) return null;
  return result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}
