import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { feedbackAnswers, feedbackRequests } from '../db/schema';
import { finalFailures } from '../messaging/card-sender';
import { retryDelayMs, sendWithInstall } from './card-sending';
import { FeedbackAskSender, type FeedbackAskSenderDeps } from './feedback-ask-sender';
import { currentView, loadRequest } from './feedback-view';

/** Reminders, one job per person: the first cards go through the trust's paced sender (`FeedbackAskSender`). */
export const feedbackCardQueue = 'feedback-card';

export const feedbackCardJobSchema = z.object({
  requestId: z.uuid(),
  kind: z.literal('reminder'),
  reminder: z.number().int().min(1).max(5),
});
export type FeedbackCardJob = z.infer<typeof feedbackCardJobSchema>;

export type FeedbackDeliveryDeps = FeedbackAskSenderDeps;

/** pg-boss times delays on the database's clock, so they are measured from real time, not the app's (possibly fixed) clock. */
export const jobDelay = (ms: number): Date => new Date(Date.now() + ms);

/** A claimed row older than this whose send never reported back: the sender died mid-send. */
const inDoubtAfterMs = 10 * 60_000;

/**
 * Feedback card delivery: the first cards of a round through the trust's paced sender, reminders
 * one job each, and the repair of what a crash leaves behind. A card is never sent twice: a row is
 * claimed before its card goes out, so a second instance or a re-run finds nothing to do.
 */
export class FeedbackDelivery {
  readonly asks: FeedbackAskSender;

  constructor(private readonly deps: FeedbackDeliveryDeps) {
    this.asks = new FeedbackAskSender(deps);
  }

  async register(): Promise<void> {
    await this.asks.register();
    await this.deps.jobs.register(feedbackCardQueue, feedbackCardJobSchema, (job) => this.deliverReminder(job.requestId, job.reminder), {
      concurrency: this.deps.settings.sendConcurrency,
      singletons: 'one-queued-one-running',
      retryLimit: 3,
      retryDelaySeconds: 5,
      expireInSeconds: 5 * 60,
    });
  }

  /** Wakes the trust's sender for cards just asked for; safe to call again (claims, one queued sender per trust). */
  async sendAsks(trustId: string): Promise<void> {
    await this.asks.kick(trustId);
  }

  /** At start-up: carries on with cards an earlier run (or a stopped instance) left waiting. */
  async resumeSending(): Promise<number> {
    return this.asks.kickAll();
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
    const outcome = await sendWithInstall(this.deps, request.trustId, request.personId, card, `Reminder: feedback on ${request.meeting.title}`);
    if (outcome.ok || finalFailures.has(outcome.reason)) {
      if (!outcome.ok) this.deps.logger.warn({ requestId, reason: outcome.reason }, 'feedback reminder could not be delivered');
      return;
    }
    await db
      .update(feedbackRequests)
      .set({ remindersSent: reminder - 1 })
      .where(and(eq(feedbackRequests.id, requestId), eq(feedbackRequests.remindersSent, reminder)));
    // A reminder keeps no count of its tries, so it waits as a second try does (about a second) every time.
    await this.deps.jobs.send(
      feedbackCardQueue,
      { requestId, kind: 'reminder', reminder },
      { singletonKey: `reminder:${requestId}:${reminder}:${Date.now()}`, startAfter: jobDelay(retryDelayMs(outcome, 2)) },
    );
  }

  /**
   * Repairs what a crash can leave behind: rows claimed long ago with no result are marked
   * `in_doubt` rather than re-sent, because the card may already be in the person's chat (their
   * reminder still reaches them); every trust with cards waiting gets its sender woken.
   */
  async sweep(): Promise<{ woken: number; inDoubt: number }> {
    const cutoff = new Date(this.deps.clock.now().getTime() - inDoubtAfterMs);
    const stale = await this.deps.db
      .update(feedbackRequests)
      .set({ deliveryStatus: 'failed', failureReason: 'in_doubt', failureMessage: 'The sender stopped while sending this card; it may have arrived, so it was not sent again.' })
      .where(and(eq(feedbackRequests.deliveryStatus, 'sending'), lt(feedbackRequests.claimedAt, cutoff)))
      .returning({ id: feedbackRequests.id });
    const woken = await this.asks.kickAll();
    return { woken, inDoubt: stale.length };
  }
}
