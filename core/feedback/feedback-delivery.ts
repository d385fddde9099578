import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { feedbackAnswers, feedbackRequests, people } from '../db/schema';
import type { AppInstaller } from '../graph/app-installer';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../log/logger';
import { finalFailures, type CardSender, type DeliveryOutcome } from '../messaging/card-sender';
import type { Clock } from '../time/clock';
import type { FeedbackCards } from './feedback-card-view';
import type { FeedbackSettings } from './feedback-settings';
import { currentView, loadRequest } from './feedback-view';

export const feedbackCardQueue = 'feedback-card';

export const feedbackCardJobSchema = z.object({
  requestId: z.uuid(),
  /** `ask` is the first card; `reminder` a later one for someone who has not answered. */
  kind: z.enum(['ask', 'reminder']),
  reminder: z.number().int().min(1).max(5).optional(),
});
export type FeedbackCardJob = z.infer<typeof feedbackCardJobSchema>;

export interface FeedbackDeliveryDeps {
  db: Db;
  jobs: JobQueue;
  sender: CardSender;
  cards: FeedbackCards;
  /** Absent in local mode: a person without a conversation is then recorded as uninstalled. */
  installer: AppInstaller | null;
  clock: Clock;
  logger: Logger;
  settings: FeedbackSettings;
}

/** pg-boss times delays on the database's clock, so they are measured from real time, not the app's (possibly fixed) clock. */
export const jobDelay = (ms: number): Date => new Date(Date.now() + ms);

/** A claimed row older than this whose send never reported back: the sender died mid-send. */
const inDoubtAfterMs = 10 * 60_000;

/**
 * Sends feedback cards, one job per recipient. A card is never sent twice: the row is claimed
 * (pending -> sending) in one UPDATE before the send, so a second instance or a re-run of the job
 * finds nothing to do. Throttling and outages put the row back to pending and queue a new job
 * after `Retry-After`; 403 and 404 are final.
 */
export class FeedbackDelivery {
  constructor(private readonly deps: FeedbackDeliveryDeps) {}

  async register(): Promise<void> {
    await this.deps.jobs.register(feedbackCardQueue, feedbackCardJobSchema, (job) => this.deliver(job), {
      concurrency: this.deps.settings.sendConcurrency,
      singletons: 'one-queued-one-running',
      retryLimit: 3,
      retryDelaySeconds: 5,
      expireInSeconds: 5 * 60,
    });
  }

  /** Queues the first card for each request still pending; safe to call again (singleton keys, claims). */
  async enqueueAsks(requestIds: readonly string[]): Promise<void> {
    for (const requestId of requestIds) {
      await this.deps.jobs.send(feedbackCardQueue, { requestId, kind: 'ask' }, { singletonKey: `ask:${requestId}:0` });
    }
  }

  async deliver(job: FeedbackCardJob): Promise<void> {
    if (job.kind === 'ask') await this.deliverAsk(job.requestId);
    else await this.deliverReminder(job.requestId, job.reminder ?? 1);
  }

  private async deliverAsk(requestId: string): Promise<void> {
    const { db, clock } = this.deps;
    const [claimed] = await db
      .update(feedbackRequests)
      .set({ deliveryStatus: 'sending', claimedAt: clock.now(), attempts: sql`${feedbackRequests.attempts} + 1` })
      .where(and(eq(feedbackRequests.id, requestId), eq(feedbackRequests.deliveryStatus, 'pending')))
      .returning({ attempts: feedbackRequests.attempts });
    if (!claimed) return;
    const request = await loadRequest(db, requestId);
    if (!request) return;
    if (request.meetingCancelled) {
      await this.recordFailure(requestId, 'cancelled', 'The meeting was cancelled before the card went out.');
      return;
    }
    const card = this.deps.cards.feedbackCard(currentView(request));
    const outcome = await this.sendWithInstall(request.trustId, request.personId, card, `Feedback on ${request.meeting.title}`);
    if (outcome.ok) {
      await db
        .update(feedbackRequests)
        .set({ deliveryStatus: 'sent', conversationId: outcome.conversationId, activityId: outcome.activityId, sentAt: clock.now(), failureReason: null, failureMessage: null })
        .where(eq(feedbackRequests.id, requestId));
      return;
    }
    if (finalFailures.has(outcome.reason)) {
      await this.recordFailure(requestId, outcome.reason, outcome.message);
      return;
    }
    if (claimed.attempts >= this.deps.settings.maxSendAttempts) {
      await this.recordFailure(requestId, outcome.reason, `Gave up after ${claimed.attempts} tries: ${outcome.message}`);
      return;
    }
    // Back to pending first, then the delayed job: a crash in between leaves a pending row the sweep re-queues.
    await db
      .update(feedbackRequests)
      .set({ deliveryStatus: 'pending', claimedAt: null, failureReason: outcome.reason, failureMessage: outcome.message })
      .where(and(eq(feedbackRequests.id, requestId), eq(feedbackRequests.deliveryStatus, 'sending')));
    await this.deps.jobs.send(
      feedbackCardQueue,
      { requestId, kind: 'ask' },
      { singletonKey: `ask:${requestId}:${claimed.attempts}`, startAfter: jobDelay(this.retryDelayMs(outcome, claimed.attempts)) },
    );
  }

  private async deliverReminder(requestId: string, reminder: number): Promise<void> {
    const { db, clock } = this.deps;
    if (reminder > this.deps.settings.maxReminders) return;
    // Claimed by moving the counter from n-1 to n, only while the person still has not answered.
    const [claimed] = await db
      .update(feedbackRequests)
      .set({ remindersSent: reminder, lastReminderAt: clock.now() })
      .where(
        and(
          eq(feedbackRequests.id, requestId),
          eq(feedbackRequests.remindersSent, reminder - 1),
          sql`not exists (select 1 from ${feedbackAnswers} where ${feedbackAnswers.requestId} = ${feedbackRequests.id})`,
        ),
      )
      .returning({ id: feedbackRequests.id });
    if (!claimed) return;
    const request = await loadRequest(db, requestId);
    if (!request || request.meetingCancelled || request.answer) return;
    const card = this.deps.cards.feedbackCard(currentView(request, { notice: `Reminder ${reminder} of ${this.deps.settings.maxReminders}: your academy's PD lead would value your feedback.` }));
    const outcome = await this.sendWithInstall(request.trustId, request.personId, card, `Reminder: feedback on ${request.meeting.title}`);
    if (outcome.ok || finalFailures.has(outcome.reason)) {
      if (!outcome.ok) this.deps.logger.warn({ requestId, reason: outcome.reason }, 'feedback reminder could not be delivered');
      return;
    }
    await db
      .update(feedbackRequests)
      .set({ remindersSent: reminder - 1 })
      .where(and(eq(feedbackRequests.id, requestId), eq(feedbackRequests.remindersSent, reminder)));
    await this.deps.jobs.send(
      feedbackCardQueue,
      { requestId, kind: 'reminder', reminder },
      { singletonKey: `reminder:${requestId}:${reminder}:${Date.now()}`, startAfter: jobDelay(this.retryDelayMs(outcome, 1)) },
    );
  }

  /** Sends; when the person has no conversation with the bot, installs the app for them through Graph and tries once more. */
  private async sendWithInstall(trustId: string, personId: string, card: ReturnType<FeedbackCards['feedbackCard']>, summary: string): Promise<DeliveryOutcome> {
    const first = await this.deps.sender.sendToPerson(trustId, personId, card, { summary });
    if (first.ok || first.reason !== 'uninstalled' || !this.deps.installer) return first;
    const [person] = await this.deps.db.select({ aad: people.entraObjectId }).from(people).where(eq(people.id, personId));
    if (!person?.aad) return { ok: false, reason: 'uninstalled', message: 'The person has no Entra object id, so the app cannot be installed for them.' };
    const installed = await this.deps.installer.installForUser(person.aad);
    if (!installed.ok) return { ok: false, reason: 'uninstalled', message: installed.message };
    return this.deps.sender.sendToPerson(trustId, personId, card, { summary });
  }

  private retryDelayMs(outcome: Extract<DeliveryOutcome, { ok: false }>, attempt: number): number {
    if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > 0) return outcome.retryAfterMs;
    return Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1)) * (0.75 + Math.random() * 0.5);
  }

  private async recordFailure(requestId: string, reason: string, message: string): Promise<void> {
    await this.deps.db
      .update(feedbackRequests)
      .set({ deliveryStatus: 'failed', failureReason: reason, failureMessage: message, claimedAt: null })
      .where(eq(feedbackRequests.id, requestId));
  }

  /**
   * Repairs what a crash can leave behind: pending rows whose job was lost are queued again, and
   * rows claimed long ago with no result are marked `in_doubt` rather than re-sent, because the
   * card may already be in the person's chat (their reminder still reaches them).
   */
  async sweep(): Promise<{ requeued: number; inDoubt: number }> {
    const { db, clock } = this.deps;
    const cutoff = new Date(clock.now().getTime() - inDoubtAfterMs);
    const stale = await db
      .update(feedbackRequests)
      .set({ deliveryStatus: 'failed', failureReason: 'in_doubt', failureMessage: 'The sender stopped while sending this card; it may have arrived, so it was not sent again.' })
      .where(and(eq(feedbackRequests.deliveryStatus, 'sending'), lt(feedbackRequests.claimedAt, cutoff)))
      .returning({ id: feedbackRequests.id });
    const pending = await db
      .select({ id: feedbackRequests.id, attempts: feedbackRequests.attempts })
      .from(feedbackRequests)
      .where(and(eq(feedbackRequests.deliveryStatus, 'pending'), isNull(feedbackRequests.claimedAt), lt(feedbackRequests.createdAt, cutoff)));
    for (const row of pending) {
      await this.deps.jobs.send(feedbackCardQueue, { requestId: row.id, kind: 'ask' }, { singletonKey: `ask:${row.id}:${row.attempts}` });
    }
    return { requeued: pending.length, inDoubt: stale.length };
  }
}
