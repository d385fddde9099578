import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { communities, meetingPlans, meetings, memberships, people, publishRuns } from '../db/schema';
import { AppError, notFound } from '../errors';
import type { Attendee, CalendarEventUpdate, CalendarGateway, GatewayFailure, NewCalendarEvent } from '../graph/graph-gateway';
import { chatThreadIdFromJoinUrl } from '../graph/meeting-join-url';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../log/logger';
import type { Clock } from '../time/clock';
import { formatMeetingSlot } from '../time/london-time';
import { findAcademicYear } from './calendar-service';
import { findPlan, findPlanById, isPublished, planMeetings, type MeetingRow, type PlanRow } from './plan-repository';
import { recordAudit } from './planner-audit';
import { currentLeads, currentMembership, requirePlanner, requireUuid } from './planner-permissions';

/** Publishing a plan to the organiser's Outlook calendar: one run per press of "Publish". */

export interface PublishFailureEntry {
  meetingId: string;
  label: string;
  message: string;
}

export interface PublishSummary {
  created: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  failures: PublishFailureEntry[];
  /** Published, but something around it did not work (such as finding the meeting chat). */
  warnings: string[];
}

export interface PublishRunView {
  id: string;
  status: 'running' | 'completed' | 'failed';
  total: number;
  done: number;
  failed: number;
  summary: PublishSummary;
}

export interface PlanPublisherDeps {
  db: Db;
  gateway: CalendarGateway;
  clock: Clock;
  logger: Logger;
  /** Linked from every invitation: the tab's schedule page. */
  tabUrl: string;
  /** Where publish jobs go: `start` sends one per run, and whichever instance picks it up publishes. */
  jobs: Pick<JobQueue, 'send'>;
  /**
   * How long a publisher's claim on a run lasts without renewal (renewed every third of it while
   * it works). After a crash another instance takes the run over once the claim lapses.
   */
  leaseSeconds?: number;
}

/** The job queue that publishes one run; its payload names the run. */
export const publishPlanQueue = 'publish-plan';
export const publishPlanJobSchema = z.object({ runId: z.uuid() });

interface Caller {
  trustId: string;
  personId: string;
}

type RunRow = typeof publishRuns.$inferSelect;

interface Work {
  create: MeetingRow[];
  update: MeetingRow[];
  cancel: MeetingRow[];
  unchanged: number;
}

function workFor(rows: readonly MeetingRow[], skip: ReadonlySet<string> = new Set()): Work {
  const work: Work = { create: [], update: [], cancel: [], unchanged: 0 };
  for (const row of rows) {
    if (skip.has(row.id)) continue;
    const behind = row.revision > (row.publishedRevision ?? 0);
    if (row.status === 'scheduled' && !row.calendarEventId) work.create.push(row);
    else if (row.status === 'scheduled' && behind) work.update.push(row);
    else if (row.status === 'cancelled' && row.calendarEventId && behind) work.cancel.push(row);
    else if (row.status === 'scheduled') work.unchanged++;
  }
  return work;
}

const emptySummary = (unchanged: number): PublishSummary => ({ created: 0, updated: 0, cancelled: 0, unchanged, failures: [], warnings: [] });

function summaryOf(run: RunRow): PublishSummary {
  const stored = run.summary as Partial<PublishSummary>;
  return { ...emptySummary(0), ...stored, failures: stored.failures ?? [], warnings: stored.warnings ?? [] };
}

function toView(run: RunRow): PublishRunView {
  return { id: run.id, status: run.status, total: run.total, done: run.done, failed: run.failed, summary: summaryOf(run) };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const label = (meeting: MeetingRow) => `${meeting.title} (${formatMeetingSlot(meeting.startsAt, meeting.endsAt)})`;

/**
 * Publishes plans through the durable job queue: `start` records a run and sends a
 * `publish-plan` job; the job runs `publishPlan(runId)`. That is idempotent and resumable: it
 * works out what is left from the meetings themselves (an event id and a published revision are
 * stored per meeting as each result arrives) and Graph's transactionId stops a repeated create
 * from duplicating. A lease on the run keeps two workers from publishing it at once, and lets a
 * restarted instance take over a run whose worker died (`resumeUnfinished` at boot).
 */
export class PlanPublisher {
  private readonly leaseSeconds: number;

  constructor(private readonly deps: PlanPublisherDeps) {
    this.leaseSeconds = deps.leaseSeconds ?? 30;
  }

  /** Starts publishing the community's plan for the year, or returns the run already under way. */
  async start(caller: Caller, communityId: string, yearId: string): Promise<PublishRunView> {
    const { db, clock } = this.deps;
    const now = clock.now();
    requireUuid(communityId, 'The community');
    const community = await requirePlanner(db, caller.trustId, caller.personId, communityId, now);
    const year = await findAcademicYear(db, caller.trustId, yearId);
    const plan = await findPlan(db, caller.trustId, community.id, year.id);
    if (!plan) throw new AppError('plan_not_saved', `Save the plan for ${community.name} in ${year.label} before publishing it.`, 400);

    const [running] = await db
      .select()
      .from(publishRuns)
      .where(and(eq(publishRuns.trustId, caller.trustId), eq(publishRuns.planId, plan.id), eq(publishRuns.status, 'running')))
      .orderBy(desc(publishRuns.startedAt))
      .limit(1);
    if (running) {
      await this.dispatch(running.id);
      return toView(running);
    }

    const work = workFor(await planMeetings(db, caller.trustId, plan.id));
    const total = work.create.length + work.update.length + work.cancel.length;
    const run = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(publishRuns)
        .values({
          trustId: caller.trustId,
          planId: plan.id,
          status: total === 0 ? 'completed' : 'running',
          total,
          summary: { ...emptySummary(work.unchanged) },
          startedByPersonId: caller.personId,
          startedAt: now,
          ...(total === 0 ? { finishedAt: now } : {}),
        })
        .returning();
      await recordAudit(tx, {
        trustId: caller.trustId,
        actorPersonId: caller.personId,
        action: 'plan.publish_started',
        subject: `meeting_plan:${plan.id}`,
        detail: { runId: created!.id, create: work.create.length, update: work.update.length, cancel: work.cancel.length, unchanged: work.unchanged },
        at: now,
      });
      return created!;
    });
    if (total > 0) await this.dispatch(run.id);
    return toView(run);
  }

  async getRun(caller: Caller, runId: string): Promise<PublishRunView> {
    const { db, clock } = this.deps;
    requireUuid(runId, 'The publish run');
    const [run] = await db.select().from(publishRuns).where(and(eq(publishRuns.trustId, caller.trustId), eq(publishRuns.id, runId)));
    if (!run) throw notFound('The publish run');
    const plan = await findPlanById(db, caller.trustId, run.planId);
    if (!plan) throw notFound('The publish run');
    await requirePlanner(db, caller.trustId, caller.personId, plan.communityId, clock.now());
    return toView(run);
  }

  /**
   * Sends a job for every run still `running`: at boot, runs whose worker died with the old
   * process carry on (each waits for the dead worker's lease to lapse). Returns how many.
   */
  async resumeUnfinished(): Promise<number> {
    const runs = await this.deps.db.select({ id: publishRuns.id }).from(publishRuns).where(eq(publishRuns.status, 'running'));
    for (const run of runs) await this.dispatch(run.id);
    if (runs.length > 0) this.deps.logger.info({ runs: runs.length }, 'Resuming publish runs left unfinished');
    return runs.length;
  }

  /** One queued job per run at most: pressing Publish again while a job waits adds nothing. */
  private async dispatch(runId: string): Promise<void> {
    await this.deps.jobs.send(publishPlanQueue, { runId }, { singletonKey: runId });
  }

  /**
   * Does whatever the run still has to do; a finished run is left alone. When another worker
   * holds the run, waits until that worker finishes it or its lease lapses (it died), then
   * carries on from what is stored.
   */
  async publishPlan(runId: string): Promise<void> {
    const { db } = this.deps;
    const owner = randomUUID();
    let run: RunRow | undefined;
    for (;;) {
      run = await this.claim(runId, owner);
      if (run) break;
      const [current] = await db.select({ status: publishRuns.status }).from(publishRuns).where(eq(publishRuns.id, runId));
      if (!current || current.status !== 'running') return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, (this.leaseSeconds * 1_000) / 3)));
    }
    const renewal = setInterval(() => {
      this.renew(runId, owner).catch((error: unknown) => this.deps.logger.warn({ err: error, runId }, 'Could not renew the lease on a publish run'));
    }, (this.leaseSeconds * 1_000) / 3);
    try {
      const plan = await findPlanById(db, run.trustId, run.planId);
      if (!plan) return;
      const progress = new RunProgress(db, run, this.deps.clock);
      try {
        await this.publish(plan, progress);
      } catch (error) {
        this.deps.logger.error({ err: error, runId }, 'publishing stopped');
        progress.summary.failures.push({ meetingId: '', label: 'Publishing', message: `Publishing stopped before it finished: ${(error as Error).message}. Press Publish again to carry on.` });
        progress.failed++;
      }
      await progress.finish(plan);
    } finally {
      clearInterval(renewal);
    }
  }

  /** Takes the run if it is running and nobody holds a live lease on it (the database's clock decides). */
  private async claim(runId: string, owner: string): Promise<RunRow | undefined> {
    const [claimed] = await this.deps.db
      .update(publishRuns)
      .set({ leaseOwner: owner, leaseUntil: sql`now() + make_interval(secs => ${this.leaseSeconds})` })
      .where(and(eq(publishRuns.id, runId), eq(publishRuns.status, 'running'), or(isNull(publishRuns.leaseUntil), lt(publishRuns.leaseUntil, sql`now()`))))
      .returning();
    return claimed;
  }

  private async renew(runId: string, owner: string): Promise<void> {
    await this.deps.db
      .update(publishRuns)
      .set({ leaseUntil: sql`now() + make_interval(secs => ${this.leaseSeconds})` })
      .where(and(eq(publishRuns.id, runId), eq(publishRuns.leaseOwner, owner), eq(publishRuns.status, 'running')));
  }

  private async publish(plan: PlanRow, progress: RunProgress): Promise<void> {
    const { db, gateway, clock } = this.deps;
    const now = clock.now();
    const [community] = await db.select().from(communities).where(and(eq(communities.trustId, plan.trustId), eq(communities.id, plan.communityId)));
    if (!community) throw new Error('the community of the plan no longer exists');
    const alreadyFailed = new Set(progress.summary.failures.map((f) => f.meetingId));
    const work = workFor(await planMeetings(db, plan.trustId, plan.id), alreadyFailed);
    const pending = [...work.create, ...work.update, ...work.cancel];
    if (pending.length === 0) return;

    const [lead] = await currentLeads(db, plan.trustId, community.id, now);
    const organizerProblem = !lead
      ? `${community.name} has no current lead to organise its meetings in Outlook; add a lead, then publish again.`
      : !lead.email.includes('@')
        ? `${lead.displayName}, the lead of ${community.name}, has no email address in the directory, so their calendar cannot organise the meetings.`
        : undefined;
    if (organizerProblem || !lead) {
      await progress.record(pending.map((meeting) => ({ meeting, message: organizerProblem ?? '' })));
      return;
    }
    const organizer = lead.email;
    const attendees = await this.attendees(plan.trustId, community.id, organizer, now);
    const of = work.unchanged + work.create.length + work.update.length;
    const details = (meeting: MeetingRow) => ({
      subject: meeting.title,
      bodyHtml: this.bodyHtml(community, meeting, of),
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      attendees,
      ...(meeting.mode !== 'online' && meeting.venue ? { location: meeting.venue } : {}),
      online: meeting.mode !== 'face_to_face',
    });

    if (work.create.length > 0) {
      const events: NewCalendarEvent[] = work.create.map((meeting) => ({ transactionId: meeting.transactionId, ...details(meeting) }));
      const results = await gateway.createEvents(organizer, events);
      const outcomes: Outcome[] = [];
      for (const [index, meeting] of work.create.entries()) {
        const result = results[index];
        if (!result || !result.ok) {
          outcomes.push({ meeting, message: failureMessage(result) });
          continue;
        }
        const chatThreadId = result.joinUrl ? await this.chatThreadId(organizer, result.joinUrl, meeting, progress) : null;
        outcomes.push({
          meeting,
          outcome: 'created',
          fields: { calendarEventId: result.eventId, iCalUId: result.iCalUId, joinUrl: result.joinUrl ?? null, chatThreadId, organizerPersonId: lead.id },
        });
      }
      await progress.record(outcomes);
    }

    if (work.update.length > 0) {
      const updates: CalendarEventUpdate[] = work.update.map((meeting) => ({ eventId: meeting.calendarEventId!, ...details(meeting) }));
      const results = await gateway.updateEvents(organizer, updates);
      const outcomes: Outcome[] = [];
      for (const [index, meeting] of work.update.entries()) {
        const result = results[index];
        if (!result || !result.ok) {
          outcomes.push({ meeting, message: failureMessage(result) });
          continue;
        }
        const joinUrl = result.joinUrl ?? (meeting.mode === 'face_to_face' ? null : meeting.joinUrl);
        const chatThreadId =
          joinUrl && (joinUrl !== meeting.joinUrl || !meeting.chatThreadId) ? await this.chatThreadId(organizer, joinUrl, meeting, progress) : joinUrl ? meeting.chatThreadId : null;
        outcomes.push({ meeting, outcome: 'updated', fields: { iCalUId: result.iCalUId, joinUrl, chatThreadId } });
      }
      await progress.record(outcomes);
    }

    if (work.cancel.length > 0) {
      const results = await gateway.cancelEvents(
        organizer,
        work.cancel.map((meeting) => ({ eventId: meeting.calendarEventId!, comment: `This ${community.name} meeting has been cancelled.` })),
      );
      await progress.record(
        work.cancel.map((meeting, index): Outcome => {
          const result = results[index];
          return !result || !result.ok ? { meeting, message: failureMessage(result) } : { meeting, outcome: 'cancelled', fields: {} };
        }),
      );
    }
  }

  private async attendees(trustId: string, communityId: string, organizer: string, now: Date): Promise<Attendee[]> {
    const rows = await this.deps.db
      .selectDistinct({ email: people.email, name: people.displayName })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.trustId, trustId), eq(memberships.communityId, communityId), currentMembership(now)))
      .orderBy(asc(people.displayName));
    return rows.filter((row) => row.email.includes('@') && row.email.toLowerCase() !== organizer.toLowerCase());
  }

  /** Read from the join URL when it carries the chat (no request), else looked up by JoinWebUrl. */
  private async chatThreadId(organizer: string, joinUrl: string, meeting: MeetingRow, progress: RunProgress): Promise<string | null> {
    const fromUrl = chatThreadIdFromJoinUrl(joinUrl);
    if (fromUrl) return fromUrl;
    const found = await this.deps.gateway.findMeetingChatThreadId(organizer, joinUrl);
    if (found.ok) return found.threadId;
    progress.summary.warnings.push(`${label(meeting)} was published, but its Teams meeting chat could not be found: ${found.message}`);
    return null;
  }

  private bodyHtml(community: typeof communities.$inferSelect, meeting: MeetingRow, of: number): string {
    const priorities = community.priorities.length > 0 ? `<p><strong>Our priorities</strong></p><ul>${community.priorities.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : '';
    const where = meeting.mode === 'online' ? 'Online (Teams)' : meeting.mode === 'hybrid' ? `${escapeHtml(meeting.venue ?? '')} or online (Teams)` : escapeHtml(meeting.venue ?? '');
    return [
      `<p>Meeting ${meeting.sequence ?? ''} of ${of} of the ${escapeHtml(community.name)} this year. Where: ${where}.</p>`,
      priorities,
      `<p><a href="${escapeHtml(this.deps.tabUrl)}">Open Trust Communities in Teams</a> for the schedule, agenda and feedback.</p>`,
    ].join('');
  }
}

function failureMessage(result: GatewayFailure | { ok: true } | undefined): string {
  if (!result) return 'The calendar service gave no answer for this meeting; press Publish again.';
  return result.ok ? '' : result.message;
}

/** One meeting's result: published (with the fields to store) or failed (with the reason). */
type Outcome = { meeting: MeetingRow; outcome: 'created' | 'updated' | 'cancelled'; fields: Partial<typeof meetings.$inferInsert> } | { meeting: MeetingRow; message: string };

/** The run's counters and summary, written with each batch of results so a crash keeps what was done. */
class RunProgress {
  readonly summary: PublishSummary;
  done: number;
  failed: number;

  constructor(
    private readonly db: Db,
    private readonly run: RunRow,
    private readonly clock: Clock,
  ) {
    this.summary = summaryOf(run);
    this.done = run.done;
    this.failed = run.failed;
  }

  /** The results of one gateway call in one transaction: the meetings and the run's counters together. */
  async record(outcomes: readonly Outcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      for (const result of outcomes) {
        if ('message' in result) {
          this.summary.failures.push({ meetingId: result.meeting.id, label: label(result.meeting), message: result.message });
          this.failed++;
          continue;
        }
        this.summary[result.outcome]++;
        this.done++;
        // The revision that was sent: an edit made while publishing stays "changed since publish".
        await tx.update(meetings).set({ ...result.fields, publishedRevision: result.meeting.revision, publishedAt: now }).where(eq(meetings.id, result.meeting.id));
      }
      await tx.update(publishRuns).set({ done: this.done, failed: this.failed, summary: { ...this.summary } }).where(eq(publishRuns.id, this.run.id));
    });
  }

  async finish(plan: PlanRow): Promise<void> {
    const now = this.clock.now();
    const anyPublished = (await planMeetings(this.db, plan.trustId, plan.id)).some(isPublished);
    await this.db.transaction(async (tx) => {
      await tx
        .update(publishRuns)
        .set({ status: this.failed > 0 ? 'failed' : 'completed', done: this.done, failed: this.failed, summary: { ...this.summary }, finishedAt: now, leaseOwner: null, leaseUntil: null })
        .where(eq(publishRuns.id, this.run.id));
      if (anyPublished) await tx.update(meetingPlans).set({ status: 'published', publishedAt: now }).where(eq(meetingPlans.id, plan.id));
      await recordAudit(tx, {
        trustId: plan.trustId,
        actorPersonId: this.run.startedByPersonId,
        action: 'plan.publish_finished',
        subject: `meeting_plan:${plan.id}`,
        detail: { runId: this.run.id, created: this.summary.created, updated: this.summary.updated, cancelled: this.summary.cancelled, failed: this.failed },
        at: now,
      });
    });
  }
}
