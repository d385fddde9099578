import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { feedbackRequests, feedbackSendLeases, type FeedbackFailureReason } from '../db/schema';
import type { AppInstaller } from '../graph/app-installer';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../log/logger';
import { finalFailures, type CardSender } from '../messaging/card-sender';
import { SendPacer } from '../messaging/send-pacer';
import type { Clock } from '../time/clock';
import { retryDelayMs, sendWithInstall } from './card-sending';
import type { FeedbackCards } from './feedback-card-view';
import type { FeedbackSettings } from './feedback-settings';
import { claimDueAsks, type ClaimedAsk } from './feedback-ask-claims';
import { currentView } from './feedback-view';

export const feedbackSendQueue = 'feedback-send';
const sendJobSchema = z.object({ trustId: z.uuid() });

export interface FeedbackAskSenderDeps {
  db: Db;
  jobs: JobQueue;
  sender: CardSender;
  cards: FeedbackCards;
  installer: AppInstaller | null;
  clock: Clock;
  logger: Logger;
  settings: FeedbackSettings;
}

/** A sender that stops renewing (it died) loses the trust to another instance after this long. */
const leaseMs = 3_000;
const renewEveryMs = 1_000;
/** One job sends for at most this long, then hands over to a fresh one, so no job outlives its expiry. */
const sliceMs = 3 * 60_000;
/** With nothing due, a sender waits this long for a retry to come due before leaving it to the next kick or sweep. */
const longestWaitMs = 60_000;
const pollMs = 500;
/** How long before a pacer slot frees its card is claimed: about one claim's round trip to the database. */
const claimAheadMs = 25;

export interface SendRunResult {
  sent: number;
  failed: number;
  retrying: number;
  /** Another instance holds the trust's lease: it sends, this run did nothing. */
  skipped: boolean;
}

/**
 * Sends a trust's first feedback cards ("asks") as fast as Teams allows and no faster: one sender
 * per trust at a time (a lease in the database), paced to `sendRatePerSecond`, at most
 * `sendConcurrency` cards in flight. Cards are claimed in small batches just before they are sent
 * (pending -> sending in one UPDATE with SKIP LOCKED), so a card is never sent twice: a re-run,
 * a second instance or a restart finds claimed rows and leaves them. Throttled and failed sends go
 * back to pending with the time they may be tried again (Retry-After when Teams gave one).
 */
export class FeedbackAskSender {
  /** Trusts this instance is sending for now: a second job here for one of them has nothing to add. */
  private readonly sending = new Set<string>();

  constructor(private readonly deps: FeedbackAskSenderDeps) {}

  async register(): Promise<void> {
    await this.deps.jobs.register(feedbackSendQueue, sendJobSchema, async ({ trustId }) => {
      const result = await this.sendDue(trustId);
      if (!result.skipped && result.sent + result.failed + result.retrying > 0) this.deps.logger.info({ trustId, ...result }, 'feedback cards sent');
    }, {
      // One queued behind the running one per trust: a kick while a sender runs is picked up by it or by the next.
      singletons: 'one-queued',
      concurrency: 4,
      retryLimit: 0,
      expireInSeconds: 15 * 60,
    });
  }

  /** Makes sure a sender runs for the trust soon. */
  async kick(trustId: string): Promise<void> {
    await this.deps.jobs.send(feedbackSendQueue, { trustId }, { singletonKey: trustId });
  }

  /** At start-up and from the sweep: a sender for every trust with cards waiting. */
  async kickAll(): Promise<number> {
    const trusts = await this.deps.db.selectDistinct({ trustId: feedbackRequests.trustId }).from(feedbackRequests).where(eq(feedbackRequests.deliveryStatus, 'pending'));
    for (const { trustId } of trusts) await this.kick(trustId);
    return trusts.length;
  }

  /** Sends the trust's due cards until none is left, unless another instance is already doing so. */
  async sendDue(trustId: string): Promise<SendRunResult> {
    const result: SendRunResult = { sent: 0, failed: 0, retrying: 0, skipped: false };
    if (this.sending.has(trustId)) return { ...result, skipped: true };
    this.sending.add(trustId);
    let handOver: boolean;
    try {
      const held = await this.sendAsHolder(trustId, randomUUID(), result);
      if (held === 'skipped') return { ...result, skipped: true };
      handOver = held === 'handed-over';
    } finally {
      this.sending.delete(trustId);
    }
    // Cards queued while this sender was finishing would otherwise wait for the sweep; retries due
    // later than that are left to the sweep, so an idle trust does not keep a job running.
    const nextDueMs = handOver ? 0 : await this.nextDueInMs(trustId);
    if (nextDueMs !== null && nextDueMs <= longestWaitMs) await this.kick(trustId);
    return result;
  }

  /** One run under a lease of its own; `result` is filled in as cards go. */
  private async sendAsHolder(trustId: string, holder: string, result: SendRunResult): Promise<'skipped' | 'finished' | 'handed-over'> {
    if (!(await this.waitForLease(trustId, holder))) return 'skipped';
    const pacer = new SendPacer(this.deps.settings.sendRatePerSecond);
    const inFlight = new Set<Promise<void>>();
    // Claimed a moment before the pacer frees their slots, so a freed slot waits for the send alone; they count as in flight.
    const ready: ClaimedAsk[] = [];
    const began = Date.now();
    let renewedAt = Date.now();
    let handOver = false;
    try {
      for (;;) {
        if (Date.now() - renewedAt >= renewEveryMs) {
          if (!(await this.renewLease(trustId, holder))) break;
          renewedAt = Date.now();
        }
        if (Date.now() - began > sliceMs) {
          handOver = true;
          break;
        }
        const wanted = Math.min(this.deps.settings.sendConcurrency - inFlight.size, pacer.availableWithin(claimAheadMs)) - ready.length;
        if (wanted > 0) {
          ready.push(...(await claimDueAsks(this.deps.db, { trustId, limit: wanted, now: new Date(), claimedAt: this.deps.clock.now() })));
          if (ready.length === 0) {
            if (inFlight.size > 0) {
              await Promise.race([sleep(pollMs), ...inFlight]);
              continue;
            }
            const nextDueMs = await this.nextDueInMs(trustId);
            if (nextDueMs === null || nextDueMs > longestWaitMs) break;
            await sleep(Math.min(Math.max(nextDueMs, 10), pollMs));
            continue;
          }
        }
        while (ready.length > 0 && pacer.available() > 0) {
          const ask = ready.shift() as ClaimedAsk;
          pacer.begin();
          // The slot is settled as soon as Teams answers, not after our write: the wait is Teams' window, not our database.
          let settled = false;
          const answered = (accepted: boolean) => {
            if (settled) return;
            settled = true;
            pacer.end(accepted);
          };
          const send: Promise<void> = this.sendOne(ask, answered).then(
            (outcome) => {
              answered(false);
              result[outcome === 'throttled' ? 'retrying' : outcome] += 1;
            },
            (error: unknown) => {
              answered(false);
              this.deps.logger.error({ err: error, requestId: ask.request.id }, 'feedback card send failed unexpectedly; the sweep will settle it');
            },
          );
          const tracked = send.finally(() => inFlight.delete(tracked));
          inFlight.add(tracked);
        }
        if (ready.length > 0 || wanted <= 0) {
          // Ready cards wait for a free slot; otherwise the next claim waits for a slot about to free, or (all cards in flight) for an answer.
          const full = inFlight.size + ready.length >= this.deps.settings.sendConcurrency;
          const pacerMs = ready.length > 0 ? pacer.waitMs() : full ? renewEveryMs : pacer.waitMs(claimAheadMs);
          await Promise.race([sleep(Math.min(pacerMs, renewEveryMs)), ...inFlight]);
        }
      }
      await Promise.all(inFlight);
    } finally {
      try {
        await this.giveBack(ready);
      } finally {
        await this.releaseLease(trustId, holder);
      }
    }
    return handOver ? 'handed-over' : 'finished';
  }

  /** `answered` hears whether Teams took the card (a 429 counts: its slot is held for the window, as sending again at once would only be refused). */
  private async sendOne({ request, attempts, personalChatId }: ClaimedAsk, answered: (accepted: boolean) => void): Promise<'sent' | 'failed' | 'retrying' | 'throttled'> {
    if (request.meetingCancelled) {
      await this.recordFailure(request.id, 'cancelled', 'The meeting was cancelled before the card went out.');
      return 'failed';
    }
    const card = this.deps.cards.feedbackCard(currentView(request));
    const outcome = await sendWithInstall(this.deps, request.trustId, request.personId, card, `Feedback on ${request.meeting.title}`, personalChatId);
    answered(outcome.ok || outcome.reason === 'throttled');
    const { db, clock } = this.deps;
    if (outcome.ok) {
      await db
        .update(feedbackRequests)
        .set({ deliveryStatus: 'sent', conversationId: outcome.conversationId, activityId: outcome.activityId, sentAt: clock.now(), failureReason: null, failureMessage: null, nextAttemptAt: null })
        .where(eq(feedbackRequests.id, request.id));
      return 'sent';
    }
    if (finalFailures.has(outcome.reason)) {
      await this.recordFailure(request.id, outcome.reason, outcome.message);
      return 'failed';
    }
    if (attempts >= this.deps.settings.maxSendAttempts) {
      await this.recordFailure(request.id, outcome.reason, `Gave up after ${attempts} tries: ${outcome.message}`);
      return 'failed';
    }
    await db
      .update(feedbackRequests)
      .set({
        deliveryStatus: 'pending',
        claimedAt: null,
        failureReason: outcome.reason,
        failureMessage: outcome.message,
        nextAttemptAt: new Date(Date.now() + retryDelayMs(outcome, attempts)),
      })
      .where(and(eq(feedbackRequests.id, request.id), eq(feedbackRequests.deliveryStatus, 'sending')));
    return outcome.reason === 'throttled' ? 'throttled' : 'retrying';
  }

  /** Milliseconds until the trust's next pending card is due (0 when one is due now); null when none is pending. */
  private async nextDueInMs(trustId: string): Promise<number | null> {
    const [row] = await this.deps.db
      .select({ next: sql<string | null>`min(coalesce(${feedbackRequests.nextAttemptAt}, '-infinity'::timestamptz))::text`, pending: sql<number>`count(*)::int` })
      .from(feedbackRequests)
      .where(and(eq(feedbackRequests.trustId, trustId), eq(feedbackRequests.deliveryStatus, 'pending')));
    if (!row || row.pending === 0 || row.next === null) return null;
    if (row.next === '-infinity') return 0;
    return Math.max(0, new Date(row.next).getTime() - Date.now());
  }

  /** Cards claimed but never sent (the run stopped first) go back to the queue as they were. */
  private async giveBack(asks: readonly ClaimedAsk[]): Promise<void> {
    if (asks.length === 0) return;
    await this.deps.db
      .update(feedbackRequests)
      .set({ deliveryStatus: 'pending', claimedAt: null, attempts: sql`${feedbackRequests.attempts} - 1` })
      .where(and(inArray(feedbackRequests.id, asks.map((ask) => ask.request.id)), eq(feedbackRequests.deliveryStatus, 'sending')));
  }

  private async recordFailure(requestId: string, reason: FeedbackFailureReason, message: string): Promise<void> {
    await this.deps.db
      .update(feedbackRequests)
      .set({ deliveryStatus: 'failed', failureReason: reason, failureMessage: message, claimedAt: null, nextAttemptAt: null })
      .where(eq(feedbackRequests.id, requestId));
  }

  /**
   * Takes the trust's lease, waiting out one lease period: a sender that died (an instance killed
   * mid-round) stops renewing and is replaced within seconds; a live one keeps it, and this run
   * leaves the cards to it (it looks for new ones until it finishes, and wakes a sender if any
   * arrive as it stops).
   */
  private async waitForLease(trustId: string, holder: string): Promise<boolean> {
    const giveUpAt = Date.now() + leaseMs + renewEveryMs;
    for (;;) {
      if (await this.takeLease(trustId, holder)) return true;
      if (Date.now() >= giveUpAt) return false;
      await sleep(250);
    }
  }

  private async takeLease(trustId: string, holder: string): Promise<boolean> {
    const rows = await this.deps.db
      .insert(feedbackSendLeases)
      .values({ trustId, holder: holder, expiresAt: new Date(Date.now() + leaseMs) })
      .onConflictDoUpdate({
        target: feedbackSendLeases.trustId,
        set: { holder: holder, expiresAt: new Date(Date.now() + leaseMs) },
        setWhere: sql`${feedbackSendLeases.expiresAt} < ${new Date()} or ${feedbackSendLeases.holder} = ${holder}`,
      })
      .returning({ holder: feedbackSendLeases.holder });
    return rows.length > 0;
  }

  private async renewLease(trustId: string, holder: string): Promise<boolean> {
    const rows = await this.deps.db
      .update(feedbackSendLeases)
      .set({ expiresAt: new Date(Date.now() + leaseMs) })
      .where(and(eq(feedbackSendLeases.trustId, trustId), eq(feedbackSendLeases.holder, holder)))
      .returning({ holder: feedbackSendLeases.holder });
    if (rows.length === 0) this.deps.logger.warn({ trustId }, 'feedback sender lost its lease; another instance carries on');
    return rows.length > 0;
  }

  private async releaseLease(trustId: string, holder: string): Promise<void> {
    await this.deps.db.delete(feedbackSendLeases).where(and(eq(feedbackSendLeases.trustId, trustId), eq(feedbackSendLeases.holder, holder)));
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
