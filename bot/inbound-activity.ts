import { z } from 'zod';

const missing = (field: string) => ({ error: `${field} is missing` });

/**
 * The least an activity needs before botbuilder sees it. botbuilder answers some malformed
 * bodies with a 500 and a stack trace in the log; we answer 400 with what is wrong instead.
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string(missing('type')).min(1, 'type is empty'),
  id: z.string().optional(),
  channelId: z.string(missing('channelId')).min(1, 'channelId is empty'),
  serviceUrl: z.url({ error: (issue) => (issue.input === undefined ? 'serviceUrl is missing' : 'serviceUrl is not a URL') }),
  conversation: z.looseObject({ id: z.string(missing('conversation.id')).min(1, 'conversation.id is empty') }, missing('conversation')),
  from: z.looseObject({ id: z.string(missing('from.id')).min(1, 'from.id is empty') }, missing('from')),
  recipient: z.looseObject({ id: z.string() }).optional(),
});

export function describeActivityProblems(body: unknown): string | null {
  const result = inboundActivitySchema.safeParse(body);
  if (result.success) return null;
  return result.error.issues.map((i) => i.message).join('; ');
}
