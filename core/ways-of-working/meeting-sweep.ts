import { and, eq, gt, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { meetingLifecycle, meetingOpenings, meetings } from '../db/schema';
import type { ChatAppInstaller } from '../graph/chat-app-installer';
import type { Logger } from '../log/logger';
import type { MeetingEndListener } from '../meetings/meeting-ended';
import { recordLifecycle, reportMeetingEnd } from './meeting-lifecycle';

export interface SweepSettings {
  /** Online and hybrid meetings: minutes after the scheduled start before posting without a start event. */
  fallbackDelayMinutes: number;
  /** Minutes after the scheduled end of a face-to-face meeting before it counts as over. */
  endGraceMinutes: number;
}

/** Only meetings this recent are opened late: a restart after a long outage must not flood chats with old cards. */
const lateOpeningWindowHours = 3;
/** Online meetings whose end event never came count as over this long after the face-to-face grace. */
const missingEndEventExtraMinutes = 60;

/** Attempts (start event, fallback, retries) after which a failed opening is left to a lead's "start meeting". */
export const maxOpeningAttempts = 5;

/** Meetings due a fallback card now: scheduled, started (plus the delay), recent, and not yet posted. */
export async function meetingsDueOpening(db: Db, now: Date, settings: SweepSettings): Promise<string[]> {
  const delayed = sql`case when ${meetings.mode} = 'face_to_face' then ${meetings.startsAt} else ${meetings.startsAt} + make_interval(mins => ${settings.fallbackDelayMinutes}) end`;
  const rows = await db
    .select({ id: meetings.id })
    .from(meetings)
    .leftJoin(meetingOpenings, eq(meetingOpenings.meetingId, meetings.id))
    .where(
      and(
        eq(meetings.status, 'scheduled'),
        // Never opened; or a sender died holding the claim; or it failed (throttled, Teams down) and has tries left.
        or(
          isNull(meetingOpenings.meetingId),
          and(eq(meetingOpenings.state, 'claimed'), lt(meetingOpenings.leaseUntil, now)),
          and(eq(meetingOpenings.state, 'failed'), lt(meetingOpenings.attempts, maxOpeningAttempts)),
        ),
        lte(delayed, now),
        gt(meetings.startsAt, new Date(now.getTime() - lateOpeningWindowHours * 3_600_000)),
      ),
    )
    .limit(200);
  return rows.map((r) => r.id);
}

/** Reports meetings that are over by the clock but whose end Teams never told us. */
export async function reportScheduledEnds(db: Db, listeners: readonly MeetingEndListener[], logger: Logger, now: Date, settings: SweepSettings): Promise<number> {
  const grace = sql`make_interval(mins => ${settings.endGraceMinutes})`;
  const overAt = sql`case when ${meetings.mode} = 'face_to_face' then ${meetings.endsAt} + ${grace} else ${meetings.endsAt} + ${grace} + make_interval(mins => ${missingEndEventExtraMinutes}) end`;
  const rows = await db
    .select({ id: meetings.id, trustId: meetings.trustId, endsAt: meetings.endsAt, overAt: sql<string>`${overAt}` })
    .from(meetings)
    .leftJoin(meetingLifecycle, eq(meetingLifecycle.meetingId, meetings.id))
    .where(and(eq(meetings.status, 'scheduled'), isNull(meetingLifecycle.endReportedAt), lte(overAt, now), gt(meetings.endsAt, new Date(now.getTime() - 24 * 3_600_000))))
    .limit(200);
  let reported = 0;
  for (const row of rows) {
    const endedAt = new Date(row.endsAt.getTime() + settings.endGraceMinutes * 60_000);
    if (await reportMeetingEnd(db, listeners, logger, { trustId: row.trustId, meetingId: row.id, endedAt, source: 'scheduled_end' }, now)) reported++;
  }
  return reported;
}

/** Published online meetings whose chat does not have the app yet. */
export async function meetingsNeedingChatInstall(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: meetings.id })
    .from(meetings)
    .leftJoin(meetingLifecycle, eq(meetingLifecycle.meetingId, meetings.id))
    .where(
      and(
        eq(meetings.status, 'scheduled'),
        ne(meetings.mode, 'face_to_face'),
        isNotNull(meetings.chatThreadId),
        isNotNull(meetings.publishedAt),
        gt(meetings.endsAt, now),
        or(isNull(meetingLifecycle.meetingId), and(isNull(meetingLifecycle.chatAppInstalledAt), isNull(meetingLifecycle.chatInstallFailure))),
      ),
    )
    .limit(100);
  return rows.map((r) => r.id);
}

/** Installs the app into one meeting's chat; a final refusal is recorded and not retried, a transient one throws for the queue to retry. */
export async function installIntoMeetingChat(db: Db, installer: ChatAppInstaller, logger: Logger, meetingId: string, now: Date): Promise<void> {
  const [meeting] = await db.select({ trustId: meetings.trustId, chatThreadId: meetings.chatThreadId }).from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting?.chatThreadId) return;
  const outcome = await installer.installInChat(meeting.chatThreadId);
  if (outcome.ok) {
    await recordLifecycle(db, meeting.trustId, meetingId, { chatAppInstalledAt: now, chatAppRemovedAt: null, chatInstallFailure: null });
    logger.info({ meetingId, alreadyInstalled: outcome.alreadyInstalled }, 'app installed in the meeting chat');
    return;
  }
  if (outcome.final) {
    await recordLifecycle(db, meeting.trustId, meetingId, { chatInstallFailure: outcome.message });
    logger.warn({ meetingId, problem: outcome.message }, 'the app could not be installed in the meeting chat; the card will go to the community channel');
    return;
  }
  throw new Error(`Installing into the meeting chat failed for now: ${outcome.message}`);
}
