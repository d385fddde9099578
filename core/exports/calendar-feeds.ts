import crypto from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { calendarFeeds, communities, meetings, memberships, people } from '../db/schema';
import { membershipCurrentOn } from '../directory/membership-dates';
import { londonDate } from '../time/london-clock';
import { forbidden, notFound } from '../errors';
import { meetingModeLabels, type MeetingMode } from '../meetings/meeting-mode';
import { writeCalendar, type CalendarEvent } from './ics-writer';

/** Secret ICS feed addresses: calendar apps subscribe without signing in, so the token is the only key. */

export type CalendarFeedKind = (typeof calendarFeeds.$inferSelect)['kind'];

export interface CalendarFeed {
  id: string;
  trustId: string;
  kind: CalendarFeedKind;
  subjectId: string;
}

export interface CreatedFeed extends CalendarFeed {
  /** Shown once, in the feed's address; only its SHA-256 hash is stored. */
  token: string;
}

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** Stores a new feed and returns its token (32 random bytes, base64url); the token itself is never stored. */
export async function createFeed(db: Db, trustId: string, kind: CalendarFeedKind, subjectId: string): Promise<CreatedFeed> {
  const token = crypto.randomBytes(32).toString('base64url');
  const [feed] = await db
    .insert(calendarFeeds)
    .values({ trustId, kind, subjectId, tokenHash: hashToken(token) })
    .returning({ id: calendarFeeds.id, trustId: calendarFeeds.trustId, kind: calendarFeeds.kind, subjectId: calendarFeeds.subjectId });
  return { ...feed!, token };
}

/** The live (unrevoked) feed this token opens, or null. */
export async function findFeed(db: Db, token: string): Promise<CalendarFeed | null> {
  if (!tokenPattern.test(token)) return null;
  const [feed] = await db
    .select({ id: calendarFeeds.id, trustId: calendarFeeds.trustId, kind: calendarFeeds.kind, subjectId: calendarFeeds.subjectId })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)));
  return feed ?? null;
}

/** Stops the token working; returns whether a live feed was revoked. */
export async function revokeFeed(db: Db, token: string, at: Date): Promise<boolean> {
  if (!tokenPattern.test(token)) return false;
  const revoked = await db
    .update(calendarFeeds)
    .set({ revokedAt: at })
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return revoked.length > 0;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Refuses unless `personId` may hold a feed of this subject: their own meetings, or a community
 * they currently belong to (as member or lead).
 */
export async function assertMayHoldFeed(
  db: Db,
  trustId: string,
  personId: string,
  feed: { kind: CalendarFeedKind; subjectId: string },
  now: Date,
): Promise<void> {
  if (feed.kind === 'person') {
    if (feed.subjectId !== personId) throw forbidden('You can only create a calendar feed of your own meetings.');
    return;
  }
  const [community] = await db
    .select({ id: communities.id })
    .from(communities)
    .where(and(eq(communities.trustId, trustId), eq(communities.id, feed.subjectId)));
  if (!community) throw notFound('The community');
  const [membership] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.trustId, trustId),
        eq(memberships.communityId, feed.subjectId),
        eq(memberships.personId, personId),
        membershipCurrentOn(londonDate(now)),
      ),
    )
    .limit(1);
  if (!membership) throw forbidden('Only members and leads of this community can subscribe to its calendar.');
}

/**
 * The feed's calendar: every meeting of the community, or of the person's current communities,
 * cancelled ones included so that subscribed calendars remove them.
 */
export async function feedCalendar(db: Db, feed: CalendarFeed, now: Date): Promise<string> {
  const { name, communityIds } = await feedSubject(db, feed, now);
  const rows =
    communityIds.length === 0
      ? []
      : await db
          .select({
            title: meetings.title,
            startsAt: meetings.startsAt,
            endsAt: meetings.endsAt,
            mode: meetings.mode,
            venue: meetings.venue,
            status: meetings.status,
            joinUrl: meetings.joinUrl,
            transactionId: meetings.transactionId,
            iCalUId: meetings.iCalUId,
            revision: meetings.revision,
            communityName: communities.name,
            priorities: communities.priorities,
          })
          .from(meetings)
          .innerJoin(communities, eq(communities.id, meetings.communityId))
          .where(and(eq(meetings.trustId, feed.trustId), inArray(meetings.communityId, communityIds)))
          .orderBy(asc(meetings.startsAt), asc(communities.name));
  return writeCalendar({ name, stampedAt: now, events: rows.map(meetingEvent) });
}

interface FeedMeeting {
  title: string;
  startsAt: Date;
  endsAt: Date;
  mode: MeetingMode;
  venue: string | null;
  status: 'scheduled' | 'cancelled';
  joinUrl: string | null;
  transactionId: string;
  iCalUId: string | null;
  revision: number;
  communityName: string;
  priorities: string[];
}

function meetingEvent(meeting: FeedMeeting): CalendarEvent {
  const cancelled = meeting.status === 'cancelled';
  const description = [
    meeting.communityName,
    `Mode: ${meetingModeLabels[meeting.mode]}`,
    ...(meeting.joinUrl ? [`Join online: ${meeting.joinUrl}`] : []),
    ...(meeting.priorities.length > 0 ? ['', 'Community priorities:', ...meeting.priorities.map((p) => `• ${p}`)] : []),
  ].join('\n');
  return {
    // Once published to Outlook, the event's own UID lets calendars match this copy with the invitation.
    uid: meeting.iCalUId ?? `${meeting.transactionId}@trust-communities`,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    summary: `${cancelled ? 'Cancelled: ' : ''}${meeting.title} (${meeting.communityName})`,
    location: meeting.venue ?? (meeting.mode === 'online' ? 'Online' : null),
    description,
    url: meeting.joinUrl,
    cancelled,
    // Revisions start at 1; iCalendar sequences start at 0.
    sequence: meeting.revision - 1,
  };
}

async function feedSubject(db: Db, feed: CalendarFeed, now: Date): Promise<{ name: string; communityIds: string[] }> {
  if (feed.kind === 'community') {
    const [community] = await db
      .select({ id: communities.id, name: communities.name })
      .from(communities)
      .where(and(eq(communities.trustId, feed.trustId), eq(communities.id, feed.subjectId)));
    if (!community) throw notFound('The calendar feed');
    return { name: community.name, communityIds: [community.id] };
  }
  const [person] = await db
    .select({ displayName: people.displayName })
    .from(people)
    .where(and(eq(people.trustId, feed.trustId), eq(people.id, feed.subjectId)));
  if (!person) throw notFound('The calendar feed');
  const current = await db
    .selectDistinct({ communityId: memberships.communityId })
    .from(memberships)
    .where(and(eq(memberships.trustId, feed.trustId), eq(memberships.personId, feed.subjectId), membershipCurrentOn(londonDate(now))));
  return { name: `Communities: ${person.displayName}`, communityIds: current.map((m) => m.communityId) };
}
