import { and, eq, lt, or, sql } from 'drizzle-orm';
import { findConversationReference } from '../conversations/conversation-references';
import type { Db } from '../db/database';
import { meetingOpenings } from '../db/schema';
import type { Logger } from '../log/logger';
import { finalFailures, type AdaptiveCard, type CardSender, type DeliveryOutcome } from '../messaging/card-sender';
import type { Clock } from '../time/clock';
import { londonWallClock } from '../time/london-clock';
import { communityLeads, findMeetingFacts, waysOfWorkingCardData, type MeetingFacts, type WaysOfWorkingCardData } from './meeting-card-data';
import { findLifecycle, recordLifecycle } from './meeting-lifecycle';

export type OpeningTrigger = 'start_event' | 'fallback' | 'manual';

/** The cards this feature sends, rendered by the bot folder from its templates. */
export interface WaysOfWorkingCards {
  opening(data: WaysOfWorkingCardData, options?: { notice?: string }): AdaptiveCard;
}

export type OpeningResult =
  | { status: 'sent'; destination: 'meeting_chat' | 'channel' | 'lead'; conversationId: string; activityId: string }
  | { status: 'already_sent'; conversationId: string | null; activityId: string | null }
  | { status: 'in_progress' }
  | { status: 'unknown_meeting' }
  | { status: 'cancelled' }
  | { status: 'not_sent'; message: string; retryable: boolean; retryAfterMs?: number };

export interface MeetingOpeningDeps {
  db: Db;
  cardSender: CardSender;
  cards: WaysOfWorkingCards;
  clock: Clock;
  logger: Logger;
  tabUrl: string;
  /** Names this instance in claims, for the logs. */
  instanceId: string;
  /** How long a claim holds before another sender may take over (the first sender died). */
  leaseMs?: number;
}

/**
 * Posts the Ways of Working card of a meeting occurrence exactly once, whoever asks first: the
 * Teams start event, the fallback sweep or a lead. The `meeting_openings` row is claimed before
 * anything is sent (claimed → sent); a claim whose lease lapsed is taken over, a failed one may be
 * retried, a sent one never.
 */
export class MeetingOpeningService {
  private readonly leaseMs: number;

  constructor(private readonly deps: MeetingOpeningDeps) {
    this.leaseMs = deps.leaseMs ?? 120_000;
  }

  async open(meetingId: string, trigger: OpeningTrigger, hint: { meetingChatId?: string } = {}): Promise<OpeningResult> {
    const { db, logger } = this.deps;
    const meeting = await findMeetingFacts(db, meetingId);
    if (!meeting) {
      logger.warn({ meetingId, trigger }, 'Ways of Working: no such meeting; nothing posted');
      return { status: 'unknown_meeting' };
    }
    if (meeting.status === 'cancelled') {
      logger.warn({ meetingId, trigger }, 'Ways of Working: the meeting is cancelled; nothing posted');
      return { status: 'cancelled' };
    }
    const now = this.deps.clock.now();
    const claimed = await db
      .insert(meetingOpenings)
      .values({ meetingId, trustId: meeting.trustId, state: 'claimed', trigger, claimedBy: this.deps.instanceId, claimedAt: now, leaseUntil: new Date(now.getTime() + this.leaseMs) })
      .onConflictDoUpdate({
        target: meetingOpenings.meetingId,
        set: { state: 'claimed', trigger, claimedBy: this.deps.instanceId, claimedAt: now, leaseUntil: new Date(now.getTime() + this.leaseMs), failure: null, attempts: sql`${meetingOpenings.attempts} + 1` },
        setWhere: or(eq(meetingOpenings.state, 'failed'), and(eq(meetingOpenings.state, 'claimed'), lt(meetingOpenings.leaseUntil, now))),
      })
      .returning({ claimedAt: meetingOpenings.claimedAt });
    if (claimed.length === 0) {
      const [current] = await db.select().from(meetingOpenings).where(eq(meetingOpenings.meetingId, meetingId));
      if (current?.state === 'sent') return { status: 'already_sent', conversationId: current.conversationId, activityId: current.activityId };
      return { status: 'in_progress' };
    }

    const data = await waysOfWorkingCardData(db, meeting, { tabUrl: this.deps.tabUrl });
    let result: OpeningResult;
    try {
      result = await this.deliver(meeting, data, hint.meetingChatId);
    } catch (error) {
      result = { status: 'not_sent', retryable: true, message: error instanceof Error ? error.message : String(error) };
    }
    if (result.status === 'sent') {
      await db
        .update(meetingOpenings)
        .set({ state: 'sent', conversationId: result.conversationId, activityId: result.activityId, sentAt: this.deps.clock.now(), frameworkVersionId: data.frameworkVersionId, communityVersionId: data.communityVersionId })
        .where(and(eq(meetingOpenings.meetingId, meetingId), eq(meetingOpenings.claimedBy, this.deps.instanceId)));
      logger.info({ meetingId, trigger, destination: result.destination, conversationId: result.conversationId }, 'Ways of Working card posted');
    } else if (result.status === 'not_sent') {
      await db.update(meetingOpenings).set({ state: 'failed', failure: result.message }).where(and(eq(meetingOpenings.meetingId, meetingId), eq(meetingOpenings.claimedBy, this.deps.instanceId)));
      logger.warn({ meetingId, trigger, problem: result.message, retryable: result.retryable }, 'Ways of Working card not posted');
    }
    return result;
  }

  /**
   * Online and hybrid: the meeting chat when the app is there, else the community channel.
   * Face to face: the community channel, and each lead a personal copy to put on screen.
   */
  private async deliver(meeting: MeetingFacts, data: WaysOfWorkingCardData, hintedChatId: string | undefined): Promise<OpeningResult> {
    const card = this.deps.cards.opening(data);
    const summary = `Ways of Working: ${data.communityName}`;
    const attempts: string[] = [];
    let retry: { retryAfterMs?: number } | null = null;
    const note = (where: string, outcome: Extract<DeliveryOutcome, { ok: false }>) => {
      attempts.push(`${where}: ${outcome.message}`);
      if (!finalFailures.has(outcome.reason)) retry = { ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}) };
    };

    if (meeting.mode !== 'face_to_face') {
      const chatId = hintedChatId ?? meeting.chatThreadId;
      const lifecycle = await findLifecycle(this.deps.db, meeting.id);
      if (chatId && !lifecycle?.chatAppRemovedAt && (await findConversationReference(this.deps.db, chatId))) {
        const outcome = await this.deps.cardSender.postToConversation(chatId, card, { summary });
        if (outcome.ok) return { status: 'sent', destination: 'meeting_chat', conversationId: outcome.conversationId, activityId: outcome.activityId };
        note('meeting chat', outcome);
        if (finalFailures.has(outcome.reason)) {
          // The app was removed from the chat (or never let in): remember it so later cards go to the channel straight away.
          await recordLifecycle(this.deps.db, meeting.trustId, meeting.id, { chatAppRemovedAt: this.deps.clock.now() });
          this.deps.logger.warn({ meetingId: meeting.id, chatId, reason: outcome.reason }, 'the app cannot post in this meeting chat any more; using the community channel');
        } else {
          return { status: 'not_sent', retryable: true, message: attempts.join('; '), ...(retry ?? {}) };
        }
      }
    }

    let posted: OpeningResult | null = null;
    if (meeting.channelId && (await findConversationReference(this.deps.db, meeting.channelId))) {
      const outcome = await this.deps.cardSender.postToConversation(meeting.channelId, card, { summary });
      if (outcome.ok) posted = { status: 'sent', destination: 'channel', conversationId: outcome.conversationId, activityId: outcome.activityId };
      else note('community channel', outcome);
    }
    if (meeting.mode === 'face_to_face' || !posted) {
      const onDate = londonWallClock(meeting.startsAt).slice(0, 10);
      const leadCard = this.deps.cards.opening(data, { notice: meeting.mode === 'face_to_face' ? 'Show this card on screen as the meeting starts.' : 'The app could not post in the meeting chat or the community channel, so here is the card to share.' });
      for (const leadId of await communityLeads(this.deps.db, meeting.communityId, onDate)) {
        const outcome = await this.deps.cardSender.sendToPerson(meeting.trustId, leadId, leadCard, { summary });
        if (outcome.ok) posted ??= { status: 'sent', destination: 'lead', conversationId: outcome.conversationId, activityId: outcome.activityId };
        else note(`lead ${leadId}`, outcome);
      }
    }
    if (posted) return posted;
    if (attempts.length === 0) attempts.push('the app is in neither the meeting chat nor the community channel, and the community has no lead');
    return { status: 'not_sent', retryable: retry !== null, message: attempts.join('; '), ...(retry ?? {}) };
  }
}
