import { and, eq, inArray, isNotNull, max, min, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { academicYears, calendarSyncState, meetingPlans, meetings, people } from '../db/schema';
import type { CalendarGateway, ChangedEvent, DateWindow } from '../graph/graph-gateway';
import type { Logger } from '../log/logger';
import type { Clock } from '../time/clock';
import { recordAudit } from './planner-audit';

/**
 * Brings back what a lead changed in Outlook: a meeting moved there moves here, a meeting
 * cancelled (or deleted) there is cancelled here. Reads the organiser's calendar changes since the
 * last Graph delta token; events we did not publish are ignored. Idempotent: every change is
 * compared with the meeting before anything is written, so replaying a delta changes nothing.
 */

export interface OutlookSyncDeps {
  db: Db;
  gateway: CalendarGateway;
  clock: Clock;
  logger: Logger;
}

export interface Organiser {
  trustId: string;
  organizerPersonId: string;
}

export interface SyncOutcome {
  moved: number;
  cancelled: number;
  /** Changed in Outlook, but the tab has an unpublished edit of the same meeting: the next publish sends the tab's version. */
  keptTabEdit: number;
  /** Events in the calendar that are not meetings we published, or changes that change nothing here. */
  unchanged: number;
}

/** Graph answers 410 when a delta token has expired; a fresh round lists the window again. */
const deltaExpired = (status: number, code: string) => status === 410 || /SyncStateNotFound|resyncRequired|SyncStateInvalid/i.test(code);

const day = 24 * 60 * 60 * 1000;

export class OutlookSync {
  constructor(private readonly deps: OutlookSyncDeps) {}

  /** Everyone who organises at least one published meeting, in every trust. */
  async organisers(): Promise<Organiser[]> {
    const rows = await this.deps.db
      .selectDistinct({ trustId: meetings.trustId, organizerPersonId: meetings.organizerPersonId })
      .from(meetings)
      .where(and(isNotNull(meetings.calendarEventId), isNotNull(meetings.organizerPersonId)));
    return rows.flatMap((row) => (row.organizerPersonId ? [{ trustId: row.trustId, organizerPersonId: row.organizerPersonId }] : []));
  }

  async syncOrganiser({ trustId, organizerPersonId }: Organiser): Promise<SyncOutcome> {
    const { db, gateway, logger } = this.deps;
    const outcome: SyncOutcome = { moved: 0, cancelled: 0, keptTabEdit: 0, unchanged: 0 };
    const [person] = await db.select({ email: people.email }).from(people).where(and(eq(people.trustId, trustId), eq(people.id, organizerPersonId)));
    if (!person?.email.includes('@')) {
      logger.warn({ trustId, organizerPersonId }, 'Outlook sync skipped: the organiser has no email address in the directory');
      return outcome;
    }
    const window = await this.windowFor(trustId, organizerPersonId);
    if (!window) return outcome;
    const [state] = await db.select().from(calendarSyncState).where(eq(calendarSyncState.organizerPersonId, organizerPersonId));
    // A delta token belongs to the window it was started with; a new academic year starts a new round.
    const sameWindow = state && state.windowStart.getTime() === window.start.getTime() && state.windowEnd.getTime() === window.end.getTime();
    const token = sameWindow ? (state.deltaLink ?? undefined) : undefined;

    let result = await gateway.changedEvents(person.email, token, token ? undefined : window);
    if (!result.ok && token && deltaExpired(result.status, result.code)) {
      logger.info({ organizerPersonId }, 'Outlook delta token expired; listing the calendar again');
      result = await gateway.changedEvents(person.email, undefined, window);
    }
    if (!result.ok) throw new Error(`Reading ${person.email}'s calendar changes failed (${result.status} ${result.code}): ${result.message}`);

    const changes = result.changes;
    const eventIds = [...new Set(changes.map((change) => change.eventId))];
    const known =
      eventIds.length === 0
        ? []
        : await db
            .select()
            .from(meetings)
            .where(and(eq(meetings.trustId, trustId), eq(meetings.organizerPersonId, organizerPersonId), inArray(meetings.calendarEventId, eventIds)));
    const byEventId = new Map(known.map((meeting) => [meeting.calendarEventId ?? '', meeting]));
    const now = this.deps.clock.now();

    await db.transaction(async (tx) => {
      for (const change of changes) {
        const meeting = byEventId.get(change.eventId);
        const action = meeting ? decide(meeting, change) : { kind: 'none' as const };
        if (action.kind === 'none' || !meeting) {
          outcome.unchanged++;
          continue;
        }
        if (action.kind === 'keep') {
          outcome.keptTabEdit++;
          continue;
        }
        const revision = meeting.revision + 1;
        // In step with Outlook at the new revision: nothing to send on the next publish.
        const inStep = { revision, publishedRevision: revision, updatedAt: now };
        if (action.kind === 'cancel') {
          await tx.update(meetings).set({ status: 'cancelled', ...inStep }).where(eq(meetings.id, meeting.id));
          outcome.cancelled++;
        } else {
          await tx.update(meetings).set({ startsAt: action.startsAt, endsAt: action.endsAt, ...inStep }).where(eq(meetings.id, meeting.id));
          outcome.moved++;
        }
        // A lead editing the plan from an older version now gets "someone else changed this plan".
        if (meeting.planId) await tx.update(meetingPlans).set({ version: sql`${meetingPlans.version} + 1`, updatedAt: now }).where(eq(meetingPlans.id, meeting.planId));
        await recordAudit(tx, {
          trustId,
          actorPersonId: organizerPersonId,
          action: action.kind === 'cancel' ? 'meeting.cancelled_in_outlook' : 'meeting.moved_in_outlook',
          subject: `meeting:${meeting.id}`,
          detail:
            action.kind === 'cancel'
              ? { eventId: change.eventId }
              : { eventId: change.eventId, from: { startsAt: meeting.startsAt.toISOString(), endsAt: meeting.endsAt.toISOString() }, to: { startsAt: action.startsAt.toISOString(), endsAt: action.endsAt.toISOString() } },
          at: now,
        });
      }
      await tx
        .insert(calendarSyncState)
        .values({ organizerPersonId, trustId, deltaLink: result.deltaToken, windowStart: window.start, windowEnd: window.end, syncedAt: now })
        .onConflictDoUpdate({ target: calendarSyncState.organizerPersonId, set: { deltaLink: result.deltaToken, windowStart: window.start, windowEnd: window.end, syncedAt: now } });
    });
    if (outcome.moved + outcome.cancelled + outcome.keptTabEdit > 0) logger.info({ organizerPersonId, ...outcome }, 'Outlook changes synced');
    return outcome;
  }

  /** The academic years the organiser's published meetings fall in, a day either side. */
  private async windowFor(trustId: string, organizerPersonId: string): Promise<DateWindow | undefined> {
    const [range] = await this.deps.db
      .select({ from: min(academicYears.startsOn), to: max(academicYears.endsOn), firstStart: min(meetings.startsAt), lastEnd: max(meetings.endsAt) })
      .from(meetings)
      .leftJoin(academicYears, eq(academicYears.id, meetings.academicYearId))
      .where(and(eq(meetings.trustId, trustId), eq(meetings.organizerPersonId, organizerPersonId), isNotNull(meetings.calendarEventId)));
    if (!range?.firstStart || !range.lastEnd) return undefined;
    const start = Math.min(range.from ? Date.parse(`${range.from}T00:00:00Z`) : Infinity, new Date(range.firstStart).getTime()) - day;
    const end = Math.max(range.to ? Date.parse(`${range.to}T00:00:00Z`) + day : -Infinity, new Date(range.lastEnd).getTime()) + day;
    return { start: new Date(floorToDay(start)), end: new Date(floorToDay(end)) };
  }
}

type MeetingRow = typeof meetings.$inferSelect;
type Decision = { kind: 'none' } | { kind: 'keep' } | { kind: 'cancel' } | { kind: 'move'; startsAt: Date; endsAt: Date };

function decide(meeting: MeetingRow, change: ChangedEvent): Decision {
  if (meeting.status === 'cancelled') return { kind: 'none' };
  if (change.kind === 'removed' || change.isCancelled) return { kind: 'cancel' };
  if (!change.startsAt || !change.endsAt) return { kind: 'none' };
  if (change.startsAt.getTime() === meeting.startsAt.getTime() && change.endsAt.getTime() === meeting.endsAt.getTime()) return { kind: 'none' };
  if (meeting.revision > (meeting.publishedRevision ?? 0)) return { kind: 'keep' };
  return { kind: 'move', startsAt: change.startsAt, endsAt: change.endsAt };
}

/** Whole days keep the window stable between runs, so the stored delta token stays usable. */
function floorToDay(ms: number): number {
  return Math.floor(ms / day) * day;
}
