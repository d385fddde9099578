import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { auditLog, feedbackAnswers, feedbackRequests } from '../db/schema';
import { AppError, notFound } from '../errors';
import { requireAcademyReader, type FeedbackScope } from './feedback-access';
import { itemStatuses } from './feedback-collation';

export const itemChangeSchema = z.object({
  status: z.enum(itemStatuses).optional(),
  ownerName: z.string().trim().max(200, { error: 'The owner is at most 200 characters.' }).nullable().optional(),
  dueOn: z.iso.date({ error: 'The due date must be a date like 2026-11-30.' }).nullable().optional(),
  notes: z.string().max(4000, { error: 'Notes are at most 4,000 characters.' }).optional(),
  locked: z.boolean().optional(),
});
export type ItemChange = z.infer<typeof itemChangeSchema>;

/**
 * The PD lead moves an answered item through the workflow (any order: an item can go back a step),
 * sets its owner, due date and notes, and locks it so the member can no longer edit it.
 */
export async function changeItem(db: Db, scope: FeedbackScope, requestId: string, change: ItemChange, now: Date) {
  const [request] = await db
    .select({ academyId: feedbackRequests.academyId, answered: feedbackAnswers.requestId })
    .from(feedbackRequests)
    .leftJoin(feedbackAnswers, eq(feedbackAnswers.requestId, feedbackRequests.id))
    .where(and(eq(feedbackRequests.trustId, scope.trustId), eq(feedbackRequests.id, requestId)));
  if (!request) throw notFound('The feedback item');
  if (!request.academyId) throw new AppError('forbidden', 'This feedback belongs to no academy, so only the PD director can change it.', 403);
  requireAcademyReader(scope, request.academyId);
  if (!request.answered) throw new AppError('not_answered', 'This colleague has not answered yet, so there is nothing to move on.', 409);
  const [updated] = await db
    .update(feedbackAnswers)
    .set({
      ...(change.status ? { status: change.status } : {}),
      ...(change.ownerName !== undefined ? { ownerName: change.ownerName || null } : {}),
      ...(change.dueOn !== undefined ? { dueOn: change.dueOn } : {}),
      ...(change.notes !== undefined ? { notes: change.notes } : {}),
      ...(change.locked !== undefined ? { lockedAt: change.locked ? now : null } : {}),
      statusChangedBy: scope.personId,
      statusChangedAt: now,
    })
    .where(eq(feedbackAnswers.requestId, requestId))
    .returning();
  await db.insert(auditLog).values({ trustId: scope.trustId, actorPersonId: scope.personId, action: 'feedback.item_changed', subject: `feedback_request:${requestId}`, detail: { ...change } });
  if (!updated) throw notFound('The feedback item');
  return {
    requestId,
    status: updated.status,
    ownerName: updated.ownerName,
    dueOn: updated.dueOn,
    notes: updated.notes,
    locked: updated.lockedAt !== null,
  };
}
