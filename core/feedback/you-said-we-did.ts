import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { academies, auditLog, communities, feedbackAnswers, feedbackRequests } from '../db/schema';
import { AppError, notFound } from '../errors';
import type { CardSender } from '../messaging/card-sender';
import { requireAcademyReader, type FeedbackScope } from './feedback-access';
import type { FeedbackCards } from './feedback-card-view';
import { itemStatusLabels } from './feedback-collation';

const maxItems = 15;

/**
 * Posts "you said, we did" for one academy's items in one community to the community's channel:
 * what colleagues asked of their SLT and what the PD lead recorded as done (agreed, implemented, impact).
 */
export async function postYouSaidWeDid(deps: { db: Db; sender: CardSender; cards: FeedbackCards }, scope: FeedbackScope, academyId: string, communityId: string) {
  const { db } = deps;
  requireAcademyReader(scope, academyId);
  const [community] = await db.select().from(communities).where(and(eq(communities.trustId, scope.trustId), eq(communities.id, communityId)));
  const [academy] = await db.select({ name: academies.name }).from(academies).where(and(eq(academies.trustId, scope.trustId), eq(academies.id, academyId)));
  if (!community || !academy) throw notFound('The community or academy');
  if (!community.channelId) throw new AppError('no_channel', `${community.name} has no Teams channel on record, so there is nowhere to post. Ask a trust administrator to add the app to the community's team.`, 409);
  const rows = await db
    .select({ forSlt: feedbackAnswers.forSlt, keyMessages: feedbackAnswers.keyMessages, notes: feedbackAnswers.notes, status: feedbackAnswers.status })
    .from(feedbackAnswers)
    .innerJoin(feedbackRequests, eq(feedbackRequests.id, feedbackAnswers.requestId))
    .where(
      and(
        eq(feedbackRequests.trustId, scope.trustId),
        eq(feedbackRequests.academyId, academyId),
        eq(feedbackRequests.communityId, communityId),
        inArray(feedbackAnswers.status, ['action_agreed', 'implemented', 'impact_noted']),
      ),
    )
    .limit(maxItems);
  if (rows.length === 0) throw new AppError('nothing_to_post', 'No item from this community has an agreed action yet; move at least one to "Action agreed" first.', 409);
  const card = deps.cards.youSaidWeDidCard({
    communityName: community.name,
    academyName: academy.name,
    items: rows.map((r) => ({ said: (r.forSlt || r.keyMessages).slice(0, 400), did: r.notes.trim() ? r.notes.slice(0, 400) : 'Action agreed with SLT.', status: itemStatusLabels[r.status] })),
  });
  const outcome = await deps.sender.postToConversation(community.channelId, card, { summary: `You said, we did: ${academy.name}` });
  await db.insert(auditLog).values({ trustId: scope.trustId, actorPersonId: scope.personId, action: 'feedback.you_said_we_did', subject: `community:${communityId}`, detail: { academyId, items: rows.length, ok: outcome.ok } });
  if (!outcome.ok) throw new AppError('not_posted', `The summary could not be posted to the channel (${outcome.reason}): ${outcome.message}`, 502);
  return { posted: rows.length };
}
