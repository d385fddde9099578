import { and, asc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { preparedPerDatabase } from '../db/prepared-statements';
import { academies, communities, meetings, memberships, people, personRoles, trusts } from '../db/schema';
import { membershipCurrentOn } from './membership-dates';
import { londonDate } from '../time/london-clock';

/** Queries the bot and the tab API use to find trusts, people and their communities. Every one is scoped by trust. */

export type PersonRole = (typeof personRoles.$inferSelect)['role'];
export type CommunityKind = (typeof communities.$inferSelect)['kind'];
export type MembershipRole = (typeof memberships.$inferSelect)['role'];
export type MeetingMode = (typeof meetings.$inferSelect)['mode'];

export interface TrustSummary {
  id: string;
  tenantId: string;
  name: string;
}

export interface PersonDetails {
  id: string;
  trustId: string;
  displayName: string;
  email: string;
  jobTitle: string | null;
  entraObjectId: string | null;
  academyId: string | null;
  academyName: string | null;
  serviceArea: string | null;
  lineManagerId: string | null;
  /** Distinct role names, in the order the schema declares them. */
  roles: PersonRole[];
}

export interface PersonSummary {
  id: string;
  displayName: string;
  email: string;
  academyName: string | null;
  roles: PersonRole[];
}

export interface MeetingSummary {
  id: string;
  communityId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  mode: MeetingMode;
  venue: string | null;
  joinUrl: string | null;
}

export interface PersonCommunity {
  id: string;
  slug: string;
  name: string;
  kind: CommunityKind;
  description: string;
  priorities: string[];
  teamId: string | null;
  channelId: string | null;
  /** `lead` when any current membership of the person in this community is a lead one. */
  role: MembershipRole;
  nextMeeting: MeetingSummary | null;
}

export interface UpcomingMeeting extends MeetingSummary {
  communityName: string;
  communitySlug: string;
}

export async function findTrustByTenantId(db: Db, tenantId: string): Promise<TrustSummary | null> {
  const [trust] = await db
    .select({ id: trusts.id, tenantId: trusts.tenantId, name: trusts.name })
    .from(trusts)
    .where(eq(trusts.tenantId, tenantId));
  return trust ?? null;
}

/** The person whose Entra (Azure AD) object id this is, within the trust. */
export async function findPersonByAadObjectId(db: Db, trustId: string, aadObjectId: string): Promise<PersonDetails | null> {
  return findPersonWhere(db, trustId, eq(people.entraObjectId, aadObjectId.toLowerCase()));
}

export async function findPersonById(db: Db, trustId: string, personId: string): Promise<PersonDetails | null> {
  if (!isUuid(personId)) return null;
  return findPersonWhere(db, trustId, eq(people.id, personId));
}

/** People in the trust by name, with their academy and roles; `search` matches name or email. */
export async function listPeople(
  db: Db,
  trustId: string,
  options: { search?: string; limit: number },
): Promise<PersonSummary[]> {
  const search = options.search?.trim();
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select({ id: people.id, displayName: people.displayName, email: people.email, academyName: academies.name })
    .from(people)
    .leftJoin(academies, eq(academies.id, people.academyId))
    .where(
      and(eq(people.trustId, trustId), pattern ? or(ilike(people.displayName, pattern), ilike(people.email, pattern)) : undefined),
    )
    .orderBy(asc(people.displayName), asc(people.email))
    .limit(Math.max(1, Math.floor(options.limit)));
  const roles = await rolesOf(db, trustId, rows.map((row) => row.id));
  return rows.map((row) => ({ ...row, roles: roles.get(row.id) ?? [] }));
}

/**
 * The person's communities with their role in each, counting only memberships current on the
 * London date of `now`, and each community's next scheduled meeting starting after `now`.
 */
export async function communitiesForPerson(db: Db, trustId: string, personId: string, now: Date): Promise<PersonCommunity[]> {
  if (!isUuid(personId)) return [];
  const rows = await preparedCommunitiesForPerson(db).execute({ trustId, personId, now: now.toISOString(), onDate: londonDate(now) });

  const byId = new Map<string, PersonCommunity>();
  for (const { next: nextMeeting, ...row } of rows) {
    const seen = byId.get(row.id);
    if (!seen || row.role === 'lead') byId.set(row.id, { ...row, nextMeeting: nextMeeting });
  }
  return [...byId.values()];
}

/** The "my communities" read runs on bot turns, so it is prepared; the next meeting comes from a lateral subquery, all in one round trip. */
const preparedCommunitiesForPerson = preparedPerDatabase((db) => {
  const ph = sql.placeholder;
  const next = db
    .select(meetingColumns)
    .from(meetings)
    .where(and(eq(meetings.trustId, ph('trustId')), eq(meetings.communityId, communities.id), eq(meetings.status, 'scheduled'), gt(meetings.startsAt, ph('now'))))
    .orderBy(asc(meetings.startsAt))
    .limit(1)
    .as('next_meeting');
  return db
    .select({
      id: communities.id,
      slug: communities.slug,
      name: communities.name,
      kind: communities.kind,
      description: communities.description,
      priorities: communities.priorities,
      teamId: communities.teamId,
      channelId: communities.channelId,
      role: memberships.role,
      next: {
        id: next.id,
        communityId: next.communityId,
        title: next.title,
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        mode: next.mode,
        venue: next.venue,
        joinUrl: next.joinUrl,
      },
    })
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .leftJoinLateral(next, sql`true`)
    .where(and(eq(memberships.trustId, ph('trustId')), eq(memberships.personId, ph('personId')), membershipCurrentOn(ph('onDate'))))
    .orderBy(asc(communities.name))
    .prepare('communities_for_person');
});

/**
 * Scheduled meetings of the person's current communities that have not finished by `now`
 * (so a meeting in progress is included), soonest first.
 */
export async function upcomingMeetingsForPerson(
  db: Db,
  trustId: string,
  personId: string,
  now: Date,
  limit: number,
): Promise<UpcomingMeeting[]> {
  if (!isUuid(personId)) return [];
  const current = db
    .select({ communityId: memberships.communityId })
    .from(memberships)
    .where(and(eq(memberships.trustId, trustId), eq(memberships.personId, personId), membershipCurrentOn(londonDate(now))));
  return db
    .select({ ...meetingColumns, communityName: communities.name, communitySlug: communities.slug })
    .from(meetings)
    .innerJoin(communities, eq(communities.id, meetings.communityId))
    .where(
      and(
        eq(meetings.trustId, trustId),
        inArray(meetings.communityId, current),
        eq(meetings.status, 'scheduled'),
        gt(meetings.endsAt, now),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(communities.name))
    .limit(Math.max(1, Math.floor(limit)));
}

const meetingColumns = {
  id: meetings.id,
  communityId: meetings.communityId,
  title: meetings.title,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  mode: meetings.mode,
  venue: meetings.venue,
  joinUrl: meetings.joinUrl,
};

async function findPersonWhere(db: Db, trustId: string, condition: ReturnType<typeof eq>): Promise<PersonDetails | null> {
  const [row] = await db
    .select({
      id: people.id,
      trustId: people.trustId,
      displayName: people.displayName,
      email: people.email,
      jobTitle: people.jobTitle,
      entraObjectId: people.entraObjectId,
      academyId: people.academyId,
      academyName: academies.name,
      serviceArea: people.serviceArea,
      lineManagerId: people.lineManagerId,
    })
    .from(people)
    .leftJoin(academies, eq(academies.id, people.academyId))
    .where(and(eq(people.trustId, trustId), condition));
  if (!row) return null;
  const roles = await rolesOf(db, trustId, [row.id]);
  return { ...row, roles: roles.get(row.id) ?? [] };
}

async function rolesOf(db: Db, trustId: string, personIds: string[]): Promise<Map<string, PersonRole[]>> {
  const result = new Map<string, PersonRole[]>();
  if (personIds.length === 0) return result;
  const rows = await db
    .selectDistinct({ personId: personRoles.personId, role: personRoles.role })
    .from(personRoles)
    .where(and(eq(personRoles.trustId, trustId), inArray(personRoles.personId, personIds)))
    .orderBy(asc(personRoles.personId), asc(personRoles.role));
  for (const row of rows) {
    const list = result.get(row.personId) ?? [];
    list.push(row.role);
    result.set(row.personId, list);
  }
  return result;
}


function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
