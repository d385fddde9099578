import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { meetingPlans, meetings } from '../db/schema';
import { londonDate } from '../time/london-clock';
import { AppError, notFound } from '../errors';
import { meetingModes, type MeetingMode } from '../meetings/meeting-mode';
import { londonInstant } from '../time/london-clock';
import { formatLondonTime } from '../time/london-time';
import { addDays } from './iso-date';
import { findAcademicYear, loadSchoolCalendar, type AcademicYearSummary } from './calendar-service';
import { busyTimesFor, findPlan, planMeetings, planView, renumber, isPublished, type MeetingRow, type PlanRow, type PlanView } from './plan-repository';
import { parsePlanRequest } from './plan-request';
import { recordAudit } from './planner-audit';
import { requirePlanner, requireUuid, type PlannableCommunity } from './planner-permissions';
import { proposeDates, type Proposal } from './propose-dates';

/** The year planner's use cases: look at a plan, propose dates, save the lead's edits, change one meeting. */

export interface Caller {
  trustId: string;
  personId: string;
}

const isoDateTime = z.iso.datetime({ offset: true, error: 'must be a date and time with a UTC offset, such as 2026-10-06T15:45:00+01:00' });

export const meetingInputSchema = z.object({
  id: z.uuid({ error: 'meeting id must be a UUID' }).optional(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  mode: z.enum(meetingModes, { error: 'mode must be face_to_face, hybrid or online' }),
  venue: z.string().trim().max(300).nullable(),
  title: z.string().trim().min(1, { error: 'title must not be empty' }).max(300).optional(),
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;

export const meetingChangeSchema = z.object({
  version: z.number().int(),
  startsAt: isoDateTime.optional(),
  endsAt: isoDateTime.optional(),
  mode: z.enum(meetingModes, { error: 'mode must be face_to_face, hybrid or online' }).optional(),
  venue: z.string().trim().max(300).nullable().optional(),
  status: z.literal('cancelled').optional(),
});
export type MeetingChange = z.infer<typeof meetingChangeSchema>;

/** What a caller sends: the engine's request less what the server knows (community, year, busy times). */
export type PlanRequestBody = Record<string, unknown>;

interface PlanContext {
  community: PlannableCommunity;
  year: AcademicYearSummary;
}

async function context(db: Db, caller: Caller, communityId: string, yearId: string, now: Date): Promise<PlanContext> {
  requireUuid(communityId, 'The community');
  const community = await requirePlanner(db, caller.trustId, caller.personId, communityId, now);
  const year = await findAcademicYear(db, caller.trustId, yearId);
  return { community, year };
}

export async function getPlan(db: Db, caller: Caller, communityId: string, yearId: string, now: Date): Promise<PlanView> {
  const { community, year } = await context(db, caller, communityId, yearId, now);
  return planView(db, caller.trustId, community, year);
}

function parseRequest(body: PlanRequestBody, community: PlannableCommunity, year: AcademicYearSummary, busyTimes: unknown[] = []) {
  const { communityId: _c, academicYear: _y, busyTimes: _b, ...rest } = body;
  return parsePlanRequest({ ...rest, communityId: community.id, academicYear: year.label, busyTimes });
}

/** The engine's proposal, clear of members' other communities' meetings. Nothing is saved. */
export async function proposePlan(db: Db, caller: Caller, communityId: string, yearId: string, body: PlanRequestBody, now: Date): Promise<Proposal> {
  const { community, year } = await context(db, caller, communityId, yearId, now);
  parseRequest(body, community, year);
  const window = { start: londonInstant(year.startsOn, '00:00'), end: londonInstant(addDays(year.endsOn, 1), '00:00') };
  const busyTimes = await busyTimesFor(db, caller.trustId, community.id, window, now);
  const request = parseRequest(body, community, year, busyTimes);
  const calendar = await loadSchoolCalendar(db, caller.trustId, year);
  return proposeDates(request, calendar);
}

function planChanged(plan: PlanRow | undefined): AppError {
  const when = plan ? ` at ${formatLondonTime(plan.updatedAt)}` : '';
  return new AppError('plan_changed', `Someone else changed this plan${when}; reload to see their changes`, 409);
}

interface CheckedMeeting {
  startsAt: Date;
  endsAt: Date;
  mode: MeetingMode;
  venue: string | null;
}

/** Checks one meeting's times and place, collecting readable problems. */
function checkMeeting(input: { startsAt: string | Date; endsAt: string | Date; mode: MeetingMode; venue: string | null }, year: AcademicYearSummary, label: string, problems: string[]): CheckedMeeting {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt.getTime() <= startsAt.getTime()) problems.push(`${label} must end after it starts.`);
  const day = londonDate(startsAt);
  if (day < year.startsOn || day > year.endsOn) problems.push(`${label} falls outside the academic year ${year.label}.`);
  const venue = input.mode === 'online' ? null : input.venue && input.venue.trim() !== '' ? input.venue.trim() : null;
  if (input.mode !== 'online' && venue === null) problems.push(`${label} is ${input.mode === 'hybrid' ? 'hybrid' : 'face to face'} and needs a venue.`);
  return { startsAt, endsAt, mode: input.mode, venue };
}

const calendarFieldsDiffer = (row: MeetingRow, next: CheckedMeeting & { title: string }) =>
  row.startsAt.getTime() !== next.startsAt.getTime() || row.endsAt.getTime() !== next.endsAt.getTime() || row.mode !== next.mode || row.venue !== next.venue || row.title !== next.title;

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error || (current && typeof current === 'object'); current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
    if (!(current as { cause?: unknown }).cause) break;
  }
  return false;
}

/**
 * Saves the lead's draft. `version` must be the one they loaded (null for a new plan) or the save is
 * refused with 409. Meetings without an id are added; changed ones get a new revision; omitted ones
 * are cancelled if they were published and deleted if they never were; numbers follow the dates.
 */
export async function savePlan(
  db: Db,
  caller: Caller,
  communityId: string,
  yearId: string,
  body: { version: number | null; request: PlanRequestBody; meetings: MeetingInput[] },
  now: Date,
): Promise<PlanView> {
  const { community, year } = await context(db, caller, communityId, yearId, now);
  const parsed = parseRequest(body.request, community, year);
  const { communityId: _c, academicYear: _y, busyTimes: _b, ...request } = parsed;

  const problems: string[] = [];
  const seen = new Set<string>();
  const checked = body.meetings.map((input, index) => {
    const label = `Meeting ${index + 1}`;
    if (input.id) {
      if (seen.has(input.id)) problems.push(`${label} repeats the id of another meeting.`);
      seen.add(input.id);
    }
    return { input, ...checkMeeting(input, year, label, problems) };
  });
  if (problems.length > 0) throw new AppError('plan_invalid', `The plan cannot be saved: ${problems.join(' ')}`, 400, { problems });

  try {
    await db.transaction(async (tx) => {
      const existing = await findPlan(tx, caller.trustId, community.id, year.id);
      let plan: PlanRow;
      if (body.version === null) {
        if (existing) throw planChanged(existing);
        [plan] = (await tx
          .insert(meetingPlans)
          .values({ trustId: caller.trustId, communityId: community.id, academicYearId: year.id, request, version: 1, createdByPersonId: caller.personId, updatedByPersonId: caller.personId, createdAt: now, updatedAt: now })
          .returning()) as [PlanRow];
      } else {
        if (!existing || existing.version !== body.version) throw planChanged(existing);
        const [updated] = await tx
          .update(meetingPlans)
          .set({ request, version: sql`${meetingPlans.version} + 1`, updatedByPersonId: caller.personId, updatedAt: now })
          .where(and(eq(meetingPlans.id, existing.id), eq(meetingPlans.version, body.version)))
          .returning();
        if (!updated) throw planChanged(existing);
        plan = updated;
      }

      const rows = await planMeetings(tx, caller.trustId, plan.id);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const unknown = checked.filter((m) => m.input.id && !byId.has(m.input.id));
      if (unknown.length > 0) {
        throw new AppError('plan_invalid', `The plan cannot be saved: ${unknown.length === 1 ? 'a meeting is' : `${unknown.length} meetings are`} not part of this plan; reload it.`, 400);
      }
      // Titles of new meetings say where they fall in the year, so number everything by date first.
      const ordered = [...checked].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      const total = ordered.length;
      const counts = { created: 0, changed: 0, cancelled: 0, deleted: 0 };
      for (const [index, meeting] of ordered.entries()) {
        const sequence = index + 1;
        const row = meeting.input.id ? byId.get(meeting.input.id) : undefined;
        const fields = { startsAt: meeting.startsAt, endsAt: meeting.endsAt, mode: meeting.mode, venue: meeting.venue };
        if (!row) {
          const title = meeting.input.title ?? `${community.name} meeting ${sequence} of ${total}`;
          await tx.insert(meetings).values({
            trustId: caller.trustId,
            communityId: community.id,
            academicYearId: year.id,
            planId: plan.id,
            sequence,
            title,
            ...fields,
            status: 'scheduled',
            revision: 1,
            createdAt: now,
            updatedAt: now,
          });
          counts.created++;
          continue;
        }
        const title = meeting.input.title ?? row.title;
        const changed = row.status === 'cancelled' || calendarFieldsDiffer(row, { ...fields, title });
        await tx
          .update(meetings)
          .set({ sequence, ...(changed ? { ...fields, title, status: 'scheduled' as const, revision: row.revision + 1, updatedAt: now } : {}) })
          .where(eq(meetings.id, row.id));
        if (changed) counts.changed++;
      }
      for (const row of rows.filter((r) => !seen.has(r.id))) {
        if (!isPublished(row)) {
          await tx.delete(meetings).where(eq(meetings.id, row.id));
          counts.deleted++;
        } else if (row.status !== 'cancelled') {
          await tx.update(meetings).set({ status: 'cancelled', revision: row.revision + 1, updatedAt: now }).where(eq(meetings.id, row.id));
          counts.cancelled++;
        }
      }
      await recordAudit(tx, {
        trustId: caller.trustId,
        actorPersonId: caller.personId,
        action: 'plan.saved',
        subject: `meeting_plan:${plan.id}`,
        detail: { communityId: community.id, academicYear: year.label, version: plan.version, ...counts },
        at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw planChanged(await findPlan(db, caller.trustId, community.id, year.id));
    throw error;
  }
  return planView(db, caller.trustId, community, year);
}

/** Moves, changes the mode of, or cancels one meeting of a plan; `version` is the plan's. */
export async function changeMeeting(db: Db, caller: Caller, meetingId: string, change: MeetingChange, now: Date): Promise<PlanView> {
  requireUuid(meetingId, 'The meeting');
  const [meeting] = await db.select().from(meetings).where(and(eq(meetings.trustId, caller.trustId), eq(meetings.id, meetingId)));
  if (!meeting || !meeting.planId || !meeting.academicYearId) throw notFound('The meeting');
  const { community, year } = await context(db, caller, meeting.communityId, meeting.academicYearId, now);
  if (meeting.status === 'cancelled') throw new AppError('meeting_cancelled', 'This meeting is cancelled; add a new meeting to the plan instead.', 400);

  let next: CheckedMeeting | undefined;
  if (change.status !== 'cancelled') {
    const startsAt = change.startsAt ? new Date(change.startsAt) : meeting.startsAt;
    // Moving the start alone keeps the meeting's length.
    const endsAt = change.endsAt ? new Date(change.endsAt) : new Date(startsAt.getTime() + (meeting.endsAt.getTime() - meeting.startsAt.getTime()));
    const problems: string[] = [];
    next = checkMeeting({ startsAt, endsAt, mode: change.mode ?? meeting.mode, venue: change.venue !== undefined ? change.venue : meeting.venue }, year, 'The meeting', problems);
    if (problems.length > 0) throw new AppError('meeting_invalid', problems.join(' '), 400, { problems });
  }

  await db.transaction(async (tx) => {
    const [plan] = await tx
      .update(meetingPlans)
      .set({ version: sql`${meetingPlans.version} + 1`, updatedByPersonId: caller.personId, updatedAt: now })
      .where(and(eq(meetingPlans.id, meeting.planId!), eq(meetingPlans.version, change.version)))
      .returning();
    if (!plan) throw planChanged((await tx.select().from(meetingPlans).where(eq(meetingPlans.id, meeting.planId!)))[0]);
    let action: string;
    if (!next) {
      if (isPublished(meeting)) await tx.update(meetings).set({ status: 'cancelled', revision: meeting.revision + 1, updatedAt: now }).where(eq(meetings.id, meeting.id));
      else await tx.delete(meetings).where(eq(meetings.id, meeting.id));
      action = 'meeting.cancelled';
    } else {
      if (calendarFieldsDiffer(meeting, { ...next, title: meeting.title })) {
        await tx.update(meetings).set({ ...next, revision: meeting.revision + 1, updatedAt: now }).where(eq(meetings.id, meeting.id));
      }
      action = 'meeting.changed';
    }
    await renumber(tx, caller.trustId, plan.id);
    await recordAudit(tx, {
      trustId: caller.trustId,
      actorPersonId: caller.personId,
      action,
      subject: `meeting:${meeting.id}`,
      detail: { planId: plan.id, version: plan.version, ...(next ? { startsAt: next.startsAt.toISOString(), endsAt: next.endsAt.toISOString(), mode: next.mode, venue: next.venue } : {}) },
      at: now,
    });
  });
  return planView(db, caller.trustId, community, year);
}
