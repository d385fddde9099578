import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { communities, meetingPlans, meetings, memberships, people, publishRuns } from '../db/schema';
import { AppError, notFound } from '../errors';
import type { Attendee, CalendarEventUpdate, CalendarGateway, GatewayFailure, NewCalendarEvent } from '../graph/graph-gateway';
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
}

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
 * Runs publishes in the background of this process. `publishPlan(runId)` is idempotent and
 * resumable: it works out what is left from the meetings themselves (an event id and a published
 * revision are stored per meeting as each result arrives) and Graph's transactionId stops a
 * repeated create from duplicating, so a job queue can call it again after a crash.
 */
export class PlanPublisher {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly deps: PlanPublisherDeps) {}

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
      this.launch(running.id);
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
    if (total > 0) this.launch(run.id);
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

  /** Resolves when every publish started by this process has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  private launch(runId: string): void {
    if (this.inFlight.has(runId)) return;
    const running = this.publishPlan(runId)
      .catch((error: unknown) => this.deps.logger.error({ err: error, runId }, 'publishing a plan failed'))
      .finally(() => this.inFlight.delete(runId));
    this.inFlight.set(runId, running);
  }

  /** Does whatever the run still has to do; a finished run is left alone. */
  async publishPlan(runId: string): Promise<void> {
    const { db } = this.deps;
    const [run] = await db.select().from(publishRuns).where(eq(publishRuns.id, runId));
    if (!run || run.status !== 'running') return;
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
      for (const meeting of pending) await progress.fail(meeting, organizerProblem ?? '');
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
      for (const [index, meeting] of work.create.entries()) {
        const result = results[index];
        if (!result || !result.ok) {
          await progress.fail(meeting, failureMessage(result));
          continue;
        }
        const chatThreadId = result.joinUrl ? await this.chatThreadId(organizer, result.joinUrl, meeting, progress) : null;
        await progress.published(meeting, 'created', {
          calendarEventId: result.eventId,
          iCalUId: result.iCalUId,
          joinUrl: result.joinUrl ?? null,
          chatThreadId,
          organizerPersonId: lead.id,
        });
      }
    }

    if (work.update.length > 0) {
      const updates: CalendarEventUpdate[] = work.update.map((meeting) => ({ eventId: meeting.calendarEventId!, ...details(meeting) }));
      const results = await gateway.updateEvents(organizer, updates);
      for (const [index, meeting] of work.update.entries()) {
        const result = results[index];
        if (!result || !result.ok) {
          await progress.fail(meeting, failureMessage(result));
          continue;
        }
        const joinUrl = result.joinUrl ?? (meeting.mode === 'face_to_face' ? null : meeting.joinUrl);
        const chatThreadId =
          joinUrl && (joinUrl !== meeting.joinUrl || !meeting.chatThreadId) ? await this.chatThreadId(organizer, joinUrl, meeting, progress) : joinUrl ? meeting.chatThreadId : null;
        await progress.published(meeting, 'updated', { iCalUId: result.iCalUId, joinUrl, chatThreadId });
      }
    }

    if (work.cancel.length > 0) {
      const results = await gateway.cancelEvents(
        organizer,
        work.cancel.map((meeting) => ({ eventId: meeting.calendarEventId!, comment: `This ${community.name} meeting has been cancelled.` })),
      );
      for (const [index, meeting] of work.cancel.entries()) {
        const result = results[index];
        if (!result || !result.ok) await progress.fail(meeting, failureMessage(result));
        else await progress.published(meeting, 'cancelled', {});
      }
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

  private async chatThreadId(organizer: string, joinUrl: string, meeting: MeetingRow, progress: RunProgress): Promise<string | null> {
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

/** The run's counters and summary, written with each meeting's result so a crash keeps what was done. */
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

  async published(meeting: MeetingRow, outcome: 'created' | 'updated' | 'cancelled', fields: Partial<typeof meetings.$inferInsert>): Promise<void> {
    const now = this.clock.now();
    this.summary[outcome]++;
    this.done++;
    await this.db.transaction(async (tx) => {
      // The revision that was sent: an edit made while publishing stays "changed since publish".
      await tx.update(meetings).set({ ...fields, publishedRevision: meeting.revision, publishedAt: now }).where(eq(meetings.id, meeting.id));
      await tx.update(publishRuns).set({ done: this.done, failed: this.failed, summary: { ...this.summary } }).where(eq(publishRuns.id, this.run.id));
    });
  }

  async fail(meeting: MeetingRow, message: string): Promise<void> {
    this.summary.failures.push({ meetingId: meeting.id, label: label(meeting), message });
    this.failed++;
    await this.db.update(publishRuns).set({ done: this.done, failed: this.failed, summary: { ...this.summary } }).where(eq(publishRuns.id, this.run.id));
  }

  async finish(plan: PlanRow): Promise<void> {
    const now = this.clock.now();
    const anyPublished = (await planMeetings(this.db, plan.trustId, plan.id)).some(isPublished);
    await this.db.transaction(async (tx) => {
      await tx
        .update(publishRuns)
        .set({ status: this.failed > 0 ? 'failed' : 'completed', done: this.done, failed: this.failed, summary: { ...this.summary }, finishedAt: now })
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
