import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { assessmentCycles, assessmentParticipants, people } from '../db/schema';
import { londonDate } from '../time/london-clock';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../log/logger';
import { finalFailures, type AdaptiveCard, type CardSender } from '../messaging/card-sender';
import type { Clock } from '../time/clock';
import { formatLondonDate } from '../time/london-time';
import { rowsOf } from './sql-rows';

/** What an invitation or reminder card says. */
export interface InvitationCardData {
  kind: 'invitation' | 'reminder';
  personName: string;
  cycleId: string;
  cycleName: string;
  closesOn: string;
  descriptorCount: number;
  answered: number;
  tabUrl: string;
}

export interface SelfAssessmentInvitations {
  /** Sends whatever invitations and reminders are due now (after a cycle opens, and daily). */
  inviteDue(trustId?: string): Promise<void>;
}

export const invitationQueues = { sweep: 'self-assessment-sweep', message: 'self-assessment-message' } as const;

const sweepSchema = z.object({ trustId: z.uuid().optional() });
const messageSchema = z.object({ participantId: z.uuid(), kind: z.enum(['invitation', 'reminder']), reminder: z.number().int().min(1).max(2).optional() });
type Message = z.infer<typeof messageSchema>;

/** At most two reminders: from the cycle's midpoint, and again two days before it closes. */
export const MAX_REMINDERS = 2;

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The London date on which reminder `n` is due for a cycle. */
export function reminderDueOn(cycle: { opensOn: string; closesOn: string }, n: 1 | 2): string {
  if (n === 2) return addDays(cycle.closesOn, -2);
  const days = Math.round((Date.parse(cycle.closesOn) - Date.parse(cycle.opensOn)) / 86_400_000);
  return addDays(cycle.opensOn, Math.floor(days / 2));
}

/**
 * Invitations and reminders through the job queue: a daily sweep finds who is due and queues one
 * message job per person and purpose (singleton keys stop duplicates); each job sends one card
 * and records it; a repeated job finds the record and sends nothing.
 */
export class SelfAssessmentMessenger implements SelfAssessmentInvitations {
  constructor(
    private readonly deps: {
      db: Db;
      jobs: JobQueue;
      sender: CardSender;
      clock: Clock;
      logger: Logger;
      tabUrl: string;
      card: (data: InvitationCardData) => AdaptiveCard;
    },
  ) {}

  async register(): Promise<void> {
    const { jobs } = this.deps;
    await jobs.register(invitationQueues.sweep, sweepSchema, (data) => this.sweep(data.trustId), { retryLimit: 2, singletons: 'one-queued' });
    await jobs.register(invitationQueues.message, messageSchema, (data) => this.deliver(data), {
      retryLimit: 5,
      retryDelaySeconds: 60,
      retryBackoff: true,
      concurrency: 5,
      singletons: 'one-queued-one-running',
    });
    await jobs.schedule(invitationQueues.sweep, '30 8 * * *', {}, { tz: 'Europe/London' });
  }

  async inviteDue(trustId?: string): Promise<void> {
    await this.deps.jobs.send(invitationQueues.sweep, trustId ? { trustId } : {}, { singletonKey: trustId ?? 'all' });
  }

  /** Queues a message job for everyone in an open cycle who is due an invitation or a reminder. */
  async sweep(trustId?: string): Promise<void> {
    const { db, jobs } = this.deps;
    const today = londonDate(this.deps.clock.now());
    const rows = await db
      .select({
        participantId: assessmentParticipants.id,
        status: assessmentParticipants.status,
        invitedAt: assessmentParticipants.invitedAt,
        remindersSent: assessmentParticipants.remindersSent,
        opensOn: assessmentCycles.opensOn,
        closesOn: assessmentCycles.closesOn,
      })
      .from(assessmentParticipants)
      .innerJoin(assessmentCycles, eq(assessmentCycles.id, assessmentParticipants.cycleId))
      .where(
        and(
          trustId ? eq(assessmentCycles.trustId, trustId) : undefined,
          sql`${assessmentCycles.opensOn} <= ${today} and ${assessmentCycles.closesOn} >= ${today}`,
          sql`${assessmentParticipants.status} <> 'submitted'`,
        ),
      );
    for (const row of rows) {
      const message = dueMessage(row, today);
      if (!message) continue;
      const key = message.kind === 'invitation' ? `invite:${row.participantId}` : `remind:${row.participantId}:${message.reminder}`;
      await jobs.send(invitationQueues.message, message, { singletonKey: key });
    }
  }

  /** Sends one card unless it was already sent or is no longer needed; final failures are logged, not retried. */
  async deliver(message: Message): Promise<void> {
    const { db, clock, logger } = this.deps;
    const [row] = await db
      .select({ participant: assessmentParticipants, cycle: assessmentCycles, personName: people.displayName })
      .from(assessmentParticipants)
      .innerJoin(assessmentCycles, eq(assessmentCycles.id, assessmentParticipants.cycleId))
      .innerJoin(people, eq(people.id, assessmentParticipants.personId))
      .where(eq(assessmentParticipants.id, message.participantId));
    if (!row) return;
    const { participant, cycle } = row;
    const today = londonDate(clock.now());
    if (participant.status === 'submitted' || today > cycle.closesOn) return;
    if (message.kind === 'invitation' && participant.invitedAt) return;
    if (message.kind === 'reminder' && participant.remindersSent >= (message.reminder ?? 1)) return;

    const [progress] = rowsOf<{ answered: number; total: number }>(await db.execute(sql`
      select (select count(*)::int from assessment_answers where participant_id = ${participant.id} and level is not null) as answered,
             (select count(*)::int from framework_descriptors where framework_id = ${cycle.frameworkId}) as total`));
    const card = this.deps.card({
      kind: message.kind,
      personName: row.personName,
      cycleId: cycle.id,
      cycleName: cycle.name,
      closesOn: formatLondonDate(new Date(`${cycle.closesOn}T12:00:00Z`)),
      descriptorCount: Number(progress?.total ?? 0),
      answered: Number(progress?.answered ?? 0),
      tabUrl: `${this.deps.tabUrl}#/self-assessment`,
    });
    const outcome = await this.deps.sender.sendToPerson(participant.trustId, participant.personId, card, {
      summary: message.kind === 'invitation' ? `Your self-assessment for ${cycle.name} is open` : `Reminder: ${cycle.name} closes on ${cycle.closesOn}`,
    });
    if (!outcome.ok) {
      if (finalFailures.has(outcome.reason)) {
        logger.warn({ participantId: participant.id, reason: outcome.reason, detail: outcome.message }, 'self-assessment card could not be delivered');
        return;
      }
      throw new Error(`Self-assessment card not delivered yet (${outcome.reason}): ${outcome.message}`);
    }
    const now = clock.now();
    if (message.kind === 'invitation') {
      await db.update(assessmentParticipants).set({ invitedAt: now }).where(and(eq(assessmentParticipants.id, participant.id), sql`${assessmentParticipants.invitedAt} is null`));
    } else {
      await db
        .update(assessmentParticipants)
        .set({ remindersSent: message.reminder ?? 1 })
        .where(and(eq(assessmentParticipants.id, participant.id), sql`${assessmentParticipants.remindersSent} < ${message.reminder ?? 1}`));
    }
  }
}

/** What a participant is due today, if anything: an invitation first, then reminders in turn. */
export function dueMessage(row: { participantId: string; invitedAt: Date | null; remindersSent: number; opensOn: string; closesOn: string }, today: string): Message | undefined {
  if (!row.invitedAt) return { participantId: row.participantId, kind: 'invitation' };
  const next = row.remindersSent + 1;
  if (next > MAX_REMINDERS) return undefined;
  const due = reminderDueOn(row, next as 1 | 2);
  // An invitation sent on the due day is enough for that day.
  if (today < due || londonDate(row.invitedAt) === today) return undefined;
  return { participantId: row.participantId, kind: 'reminder', reminder: next };
}
