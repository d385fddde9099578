import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { newestFirst, personalChatsOf } from '../conversations/delivery-lookup';
import type { Db } from '../db/database';
import { preparedPerDatabase } from '../db/prepared-statements';
import { communities, conversationReferences, feedbackAnswers, feedbackRequests, meetings, people } from '../db/schema';
import { requestColumns, toLoadedRequest, type LoadedRequest } from './feedback-view';

/** A card its sender now owns: what the card shows, and where to send it. */
export interface ClaimedAsk {
  request: LoadedRequest;
  /** Tries so far, this one included. */
  attempts: number;
  /** The person's newest personal chat with the bot, as `findDeliveryRecipient` picks it; null for a first chat. */
  personalChatId: string | null;
}

/**
 * Claims up to `limit` of the trust's due cards (pending -> sending; rows another sender is
 * claiming are skipped) and reads what their sends need, the card's content and the person's
 * personal chat, in one prepared statement: each send is left one lookup (the chat's stored
 * reference) where it had a claim, a load and two lookups. Due retries go first, then the oldest.
 */
export async function claimDueAsks(db: Db, claim: { trustId: string; limit: number; now: Date; claimedAt: Date }): Promise<ClaimedAsk[]> {
  const rows = await preparedClaim(db).execute({ trustId: claim.trustId, limit: claim.limit, now: claim.now.toISOString(), claimedAt: claim.claimedAt.toISOString() });
  return rows.map(({ attempts, personalChatId, ...row }) => ({ request: toLoadedRequest(row), attempts, personalChatId }));
}

const preparedClaim = preparedPerDatabase((db) => {
  const ph = sql.placeholder;
  const due = db
    .select({ id: feedbackRequests.id })
    .from(feedbackRequests)
    .where(and(eq(feedbackRequests.trustId, sql`${ph('trustId')}::uuid`), eq(feedbackRequests.deliveryStatus, 'pending'), or(isNull(feedbackRequests.nextAttemptAt), lte(feedbackRequests.nextAttemptAt, sql`${ph('now')}::timestamptz`))))
    .orderBy(asc(feedbackRequests.nextAttemptAt), asc(feedbackRequests.createdAt))
    .limit(ph('limit'))
    .for('update', { skipLocked: true });
  const claimed = db.$with('claimed').as(
    db
      .update(feedbackRequests)
      .set({ deliveryStatus: 'sending', claimedAt: sql`${ph('claimedAt')}::timestamptz`, attempts: sql`${feedbackRequests.attempts} + 1` })
      .where(and(inArray(feedbackRequests.id, due), eq(feedbackRequests.deliveryStatus, 'pending')))
      .returning({ claimedId: feedbackRequests.id, attempts: feedbackRequests.attempts }),
  );
  const personalChat = db
    .select({ conversationId: conversationReferences.conversationId })
    .from(conversationReferences)
    .where(personalChatsOf(feedbackRequests.trustId, feedbackRequests.personId))
    .orderBy(newestFirst)
    .limit(1);
  // The statement reads feedback_requests as it was before the claim; only `attempts` changes, and that comes from the claim itself.
  return db
    .with(claimed)
    .select({ ...requestColumns, attempts: claimed.attempts, personalChatId: sql<string | null>`(${personalChat})` })
    .from(feedbackRequests)
    .innerJoin(claimed, eq(claimed.claimedId, feedbackRequests.id))
    .innerJoin(meetings, eq(meetings.id, feedbackRequests.meetingId))
    .innerJoin(communities, eq(communities.id, feedbackRequests.communityId))
    .innerJoin(people, eq(people.id, feedbackRequests.personId))
    .leftJoin(feedbackAnswers, eq(feedbackAnswers.requestId, feedbackRequests.id))
    .prepare('feedback_claim_due_asks');
});
