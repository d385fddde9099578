import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { meetingLifecycle } from '../db/schema';
import type { Logger } from '../log/logger';
import type { MeetingEndListener, MeetingEnded } from '../meetings/meeting-ended';

type LifecycleChange = Partial<Omit<typeof meetingLifecycle.$inferInsert, 'meetingId' | 'trustId'>>;

/** Records what Teams told us about a meeting; one row per meeting, created on first news. */
export async function recordLifecycle(db: Db, trustId: string, meetingId: string, change: LifecycleChange): Promise<void> {
  await db
    .insert(meetingLifecycle)
    .values({ meetingId, trustId, ...change })
    .onConflictDoUpdate({ target: meetingLifecycle.meetingId, set: change });
}

/** The first start Teams reports is the actual start: a duplicate or a restart later does not move it. */
export async function recordActualStart(db: Db, trustId: string, meetingId: string, at: Date): Promise<void> {
  await db
    .insert(meetingLifecycle)
    .values({ meetingId, trustId, actualStartedAt: at })
    .onConflictDoUpdate({ target: meetingLifecycle.meetingId, set: { actualStartedAt: sql`coalesce(${meetingLifecycle.actualStartedAt}, excluded.actual_started_at)` } });
}

export async function findLifecycle(db: Db, meetingId: string) {
  const rows = await db.select().from(meetingLifecycle).where(eq(meetingLifecycle.meetingId, meetingId)).limit(1);
  return rows[0] ?? null;
}

/**
 * Tells every listener that a meeting ended, once: the end is claimed in the database first, so
 * a duplicate end event, the scheduled-end sweep and a second instance cannot report it again.
 * A listener that fails releases the claim, so the next sweep reports it again.
 */
export async function reportMeetingEnd(db: Db, listeners: readonly MeetingEndListener[], logger: Logger, event: MeetingEnded, reportedAt: Date): Promise<boolean> {
  await db.insert(meetingLifecycle).values({ meetingId: event.meetingId, trustId: event.trustId }).onConflictDoNothing();
  const claimed = await db
    .update(meetingLifecycle)
    .set({ endReportedAt: reportedAt })
    .where(and(eq(meetingLifecycle.meetingId, event.meetingId), isNull(meetingLifecycle.endReportedAt)))
    .returning({ meetingId: meetingLifecycle.meetingId });
  if (claimed.length === 0) return false;
  try {
    for (const listener of listeners) await listener.meetingEnded(event);
  } catch (error) {
    await db.update(meetingLifecycle).set({ endReportedAt: null }).where(eq(meetingLifecycle.meetingId, event.meetingId));
    logger.error({ err: error, meetingId: event.meetingId }, 'a meeting-end listener failed; the end will be reported again');
    throw error;
  }
  logger.info({ meetingId: event.meetingId, source: event.source }, 'meeting end reported');
  return true;
}
