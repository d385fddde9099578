import { and, asc, eq, gt, inArray, lt, ne } from 'drizzle-orm';
import type { Db } from '../db/database';
import { communities, meetingPlans, meetings, memberships } from '../db/schema';
import type { MeetingMode } from '../meetings/meeting-mode';
import type { BusyTime } from './plan-request';
import { currentMembership } from './planner-permissions';

/** Reads and small writes of plans and their meetings; every query is scoped by trust. */

export type PlanRow = typeof meetingPlans.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

/** One meeting of a plan as the tab shows it. */
export interface PlannedMeeting {
  id: string;
  sequence: number;
  of: number;
  title: string;
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  venue: string | null;
  status: 'scheduled' | 'cancelled';
  joinUrl: string | null;
  /** In the organiser's Outlook calendar (and the members') at some revision. */
  published: boolean;
  /** Changed (or cancelled) here since it was last published: the next publish sends it. */
  changedSincePublish: boolean;
}

export interface PlanView {
  community: { id: string; name: string };
  year: { id: string; label: string };
  plan: null | {
    id: string;
    status: 'draft' | 'published';
    version: number;
    request: Record<string, unknown>;
    publishedAt: string | null;
    meetings: PlannedMeeting[];
  };
}

export async function findPlan(db: Db, trustId: string, communityId: string, yearId: string): Promise<PlanRow | undefined> {
  const [plan] = await db
    .select()
    .from(meetingPlans)
    .where(and(eq(meetingPlans.trustId, trustId), eq(meetingPlans.communityId, communityId), eq(meetingPlans.academicYearId, yearId)));
  return plan;
}

export async function findPlanById(db: Db, trustId: string, planId: string): Promise<PlanRow | undefined> {
  const [plan] = await db.select().from(meetingPlans).where(and(eq(meetingPlans.trustId, trustId), eq(meetingPlans.id, planId)));
  return plan;
}

export async function planMeetings(db: Db, trustId: string, planId: string): Promise<MeetingRow[]> {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.trustId, trustId), eq(meetings.planId, planId)))
    .orderBy(asc(meetings.startsAt), asc(meetings.createdAt), asc(meetings.id));
}

export const isPublished = (meeting: MeetingRow): boolean => meeting.calendarEventId !== null && meeting.publishedRevision !== null;

export function toPlannedMeeting(meeting: MeetingRow, of: number): PlannedMeeting {
  const published = isPublished(meeting);
  return {
    id: meeting.id,
    sequence: meeting.sequence ?? 0,
    of,
    title: meeting.title,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    mode: meeting.mode,
    venue: meeting.venue,
    status: meeting.status,
    joinUrl: meeting.joinUrl,
    published,
    changedSincePublish: published && meeting.revision > (meeting.publishedRevision ?? 0),
  };
}

export async function planView(
  db: Db,
  trustId: string,
  community: { id: string; name: string },
  year: { id: string; label: string },
): Promise<PlanView> {
  const plan = await findPlan(db, trustId, community.id, year.id);
  if (!plan) return { community: { id: community.id, name: community.name }, year: { id: year.id, label: year.label }, plan: null };
  const rows = await planMeetings(db, trustId, plan.id);
  const of = rows.filter((row) => row.status === 'scheduled').length;
  return {
    community: { id: community.id, name: community.name },
    year: { id: year.id, label: year.label },
    plan: {
      id: plan.id,
      status: plan.status,
      version: plan.version,
      request: plan.request,
      publishedAt: plan.publishedAt ? plan.publishedAt.toISOString() : null,
      meetings: rows.map((row) => toPlannedMeeting(row, of)),
    },
  };
}

/** Numbers the plan's scheduled meetings 1..n by date; cancelled ones keep the number they had. */
export async function renumber(db: Db, trustId: string, planId: string): Promise<void> {
  const rows = await planMeetings(db, trustId, planId);
  const scheduled = rows.filter((row) => row.status === 'scheduled');
  for (const [index, row] of scheduled.entries()) {
    if (row.sequence !== index + 1) await db.update(meetings).set({ sequence: index + 1 }).where(eq(meetings.id, row.id));
  }
}

/**
 * Scheduled meetings of other communities that share a current member with this one, within the
 * window: the planner keeps clear of them so nobody is asked to be in two places at once.
 */
export async function busyTimesFor(db: Db, trustId: string, communityId: string, window: { start: Date; end: Date }, now: Date): Promise<BusyTime[]> {
  const ourMembers = db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.trustId, trustId), eq(memberships.communityId, communityId), currentMembership(now)));
  const sharing = db
    .select({ communityId: memberships.communityId })
    .from(memberships)
    .where(and(eq(memberships.trustId, trustId), inArray(memberships.personId, ourMembers), currentMembership(now)));
  const rows = await db
    .select({ startsAt: meetings.startsAt, endsAt: meetings.endsAt, communityName: communities.name })
    .from(meetings)
    .innerJoin(communities, eq(communities.id, meetings.communityId))
    .where(
      and(
        eq(meetings.trustId, trustId),
        ne(meetings.communityId, communityId),
        inArray(meetings.communityId, sharing),
        eq(meetings.status, 'scheduled'),
        lt(meetings.startsAt, window.end),
        gt(meetings.endsAt, window.start),
      ),
    )
    .orderBy(asc(meetings.startsAt));
  return rows.map((row) => ({ startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), communityName: row.communityName }));
}
