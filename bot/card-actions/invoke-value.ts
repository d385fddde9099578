import { z } from 'zod';

/** What Teams sends for an `Action.Execute` press (`adaptiveCard/action` invoke). */
export const executeInvokeSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

export type ExecuteInvoke = z.infer<typeof executeInvokeSchema>;
