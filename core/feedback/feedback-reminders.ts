import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { academicYears, feedbackAnswers, feedbackRequests, meetings } from '../db/schema';
import { londonDate } from '../time/london-clock';
import type { JobQueue } from '../jobs/job-queue';
import { addDays, eachDate, isWeekend } from '../planner/iso-date';
import { loadSchoolCalendar } from '../planner/calendar-service';
import type { SchoolCalendar } from '../planner/school-calendar';
import type { Clock } from '../time/clock';
import { feedbackCardQueue } from './feedback-delivery';
import type { FeedbackSettings } from './feedback-settings';

export const reminderScanQueue = 'feedback-reminder-scan';

/**
 * School days after `from` up to and including `to`, skipping the trust's holidays from the
 * planner's calendar; weekdays only where no academic year covers the dates.
 */
export async function schoolDaysAfter(db: Db, trustId: string, from: string, to: string, calendars: Map<string, SchoolCalendar | null>): Promise<number> {
  if (to <= from) return 0;
  const start = addDays(from, 1);
  let count = 0;
  for (const day of eachDate(start, to)) {
    const calendar = await calendarFor(db, trustId, day, calendars);
    if (calendar ? calendar.isSchoolDay(day) : !isWeekend(day)) count += 1;
  }
  return count;
}

async function calendarFor(db: Db, trustId: string, day: string, cache: Map<string, SchoolCalendar | null>): Promise<SchoolCalendar | null> {
  const [year] = await db
    .select({ id: academicYears.id, label: academicYears.label, startsOn: academicYears.startsOn, endsOn: academicYears.endsOn })
    .from(academicYears)
    .where(and(eq(academicYears.trustId, trustId), sql`${academicYears.startsOn} <= ${day}`, sql`${academicYears.endsOn} >= ${day}`));
  if (!year) return null;
  const key = `${trustId}:${year.id}`;
  if (!cache.has(key)) {
    try {
      cache.set(key, await loadSchoolCalendar(db, trustId, year));
    } catch {
      // A calendar whose dates make no sense is the admin's to fix; weekdays stand in meanwhile.
      cache.set(key, null);
    }
  }
  return cache.get(key) ?? null;
}

/**
 * Finds people who were sent a card, have not answered, and have waited the configured number of
 * school days since the card or their last reminder; queues their next reminder (at most two).
 */
export async function queueDueReminders(deps: { db: Db; jobs: JobQueue; clock: Clock; settings: FeedbackSettings }): Promise<number> {
  const { db, settings } = deps;
  const today = londonDate(deps.clock.now());
  const candidates = await db
    .select({
      id: feedbackRequests.id,
      trustId: feedbackRequests.trustId,
      sentAt: feedbackRequests.sentAt,
      createdAt: feedbackRequests.createdAt,
      lastReminderAt: feedbackRequests.lastReminderAt,
      remindersSent: feedbackRequests.remindersSent,
    })
    .from(feedbackRequests)
    .innerJoin(meetings, eq(meetings.id, feedbackRequests.meetingId))
    .leftJoin(feedbackAnswers, eq(feedbackAnswers.requestId, feedbackRequests.id))
    .where(
      and(
        lt(feedbackRequests.remindersSent, settings.maxReminders),
        eq(meetings.status, 'scheduled'),
        sql`${feedbackAnswers.requestId} is null`,
        // Sent, or in doubt after a crash: a reminder is how an in-doubt card is made good.
        sql`(${feedbackRequests.deliveryStatus} = 'sent' or ${feedbackRequests.failureReason} = 'in_doubt')`,
      ),
    );
  const calendars = new Map<string, SchoolCalendar | null>();
  let queued = 0;
  for (const row of candidates) {
    const since = row.lastReminderAt ?? row.sentAt ?? row.createdAt;
    const waited = await schoolDaysAfter(db, row.trustId, londonDate(since), today, calendars);
    if (waited < settings.reminderSchoolDays) continue;
    const reminder = row.remindersSent + 1;
    const id = await deps.jobs.send(feedbackCardQueue, { requestId: row.id, kind: 'reminder', reminder }, { singletonKey: `reminder:${row.id}:${reminder}` });
    if (id) queued += 1;
  }
  return queued;
}

export const reminderScanJobSchema = z.object({});
