import { and, asc, countDistinct, eq, gt, gte } from 'drizzle-orm';
import type { Db } from '../db/database';
import { academicYears, academies, communities, meetings, memberships, people } from '../db/schema';
import { membershipCurrentOn } from '../directory/membership-dates';
import { type CommunityKind, type MeetingMode, type MembershipRole } from '../directory/people-directory';
import { londonDate } from '../time/london-clock';

/** What a community's channel tab shows: open to every person in the trust, as communities are trust-wide. */

export interface CommunityLead {
  id: string;
  displayName: string;
  academyName: string | null;
}

export interface CommunityMeeting {
  id: string;
  title: string;
  sequence: number | null;
  startsAt: Date;
  endsAt: Date;
  mode: MeetingMode;
  venue: string | null;
  joinUrl: string | null;
}

export interface CommunityDetails {
  id: string;
  name: string;
  kind: CommunityKind;
  description: string;
  priorities: string[];
  leads: CommunityLead[];
  memberCount: number;
  /** The viewer's current role in the community, or null when they are not in it. */
  viewerRole: MembershipRole | null;
  upcomingMeetings: CommunityMeeting[];
  /** The academic year today falls in (else the next one), for the schedule exports; null when the trust has none. */
  academicYearLabel: string | null;
}

/**
 * The community, its current leads and member count, the viewer's role, and its scheduled
 * meetings not yet finished at `now` (soonest first, at most `meetingLimit`). Null when the
 * trust has no such community, so another trust's community looks the same as a missing one.
 */
export async function loadCommunityDetails(
  db: Db,
  trustId: string,
  communityId: string,
  viewerId: string,
  now: Date,
  meetingLimit: number,
): Promise<CommunityDetails | null> {
  const today = londonDate(now);
  const current = and(
    eq(memberships.trustId, trustId),
    eq(memberships.communityId, communityId),
    membershipCurrentOn(today),
  );
  const [[community], leads, [members], viewerRows, upcoming, [year]] = await Promise.all([
    db
      .select({ id: communities.id, name: communities.name, kind: communities.kind, description: communities.description, priorities: communities.priorities })
      .from(communities)
      .where(and(eq(communities.trustId, trustId), eq(communities.id, communityId))),
    db
      .selectDistinct({ id: people.id, displayName: people.displayName, academyName: academies.name })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .leftJoin(academies, eq(academies.id, people.academyId))
      .where(and(current, eq(memberships.role, 'lead')))
      .orderBy(asc(people.displayName), asc(people.id)),
    db.select({ count: countDistinct(memberships.personId) }).from(memberships).where(current),
    db.select({ role: memberships.role }).from(memberships).where(and(current, eq(memberships.personId, viewerId))),
    db
      .select({
        id: meetings.id,
        title: meetings.title,
        sequence: meetings.sequence,
        startsAt: meetings.startsAt,
        endsAt: meetings.endsAt,
        mode: meetings.mode,
        venue: meetings.venue,
        joinUrl: meetings.joinUrl,
      })
      .from(meetings)
      .where(and(eq(meetings.trustId, trustId), eq(meetings.communityId, communityId), eq(meetings.status, 'scheduled'), gt(meetings.endsAt, now)))
      .orderBy(asc(meetings.startsAt))
      .limit(Math.max(1, Math.floor(meetingLimit))),
    db
      .select({ label: academicYears.label })
      .from(academicYears)
      .where(and(eq(academicYears.trustId, trustId), gte(academicYears.endsOn, today)))
      .orderBy(asc(academicYears.startsOn))
      .limit(1),
  ]);
  if (!community) return null;

  const roles = viewerRows.map((row) => row.role);
  const viewerRole: MembershipRole | null = roles.includes('lead') ? 'lead' : roles.length > 0 ? 'member' : null;
  return {
    ...community,
    leads,
    memberCount: members?.count ?? 0,
    viewerRole,
    upcomingMeetings: upcoming,
    academicYearLabel: year?.label ?? null,
  };
}
