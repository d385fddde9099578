import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { communities, meetingAcknowledgements, meetings, memberships, people, waysOfWorkingVersions, type WaysOfWorkingContent, type WaysOfWorkingValue } from '../db/schema';
import { meetingModeLabels } from '../meetings/meeting-mode';
import { londonWallClock } from '../time/london-clock';
import { formatMeetingSlot } from '../time/london-time';
import { scopeOf } from './content';

/** Everything the Ways of Working card and the meeting side panel show, in our own words. */
export interface WaysOfWorkingCardData {
  meetingId: string;
  communityId: string;
  communityName: string;
  meetingTitle: string;
  /** "3 of 6" within the community's year; null for a meeting outside a plan. */
  sequenceLabel: string | null;
  when: string;
  modeLabel: string;
  venue: string | null;
  priorities: string[];
  frameworkTitle: string;
  frameworkVersion: number | null;
  values: WaysOfWorkingValue[];
  trustBehaviours: string[];
  communityBehaviours: string[];
  communityVersion: number | null;
  acknowledgedCount: number;
  memberCount: number;
  /** The tab's home page, which lists the person's communities and their meetings. */
  communityTabUrl: string;
  /** The meeting's page in the tab: Ways of Working, agenda and who has acknowledged. */
  meetingPageUrl: string;
  feedbackNote: string;
  frameworkVersionId: string | null;
  communityVersionId: string | null;
}

export interface MeetingFacts {
  id: string;
  trustId: string;
  communityId: string;
  communityName: string;
  channelId: string | null;
  title: string;
  startsAt: Date;
  endsAt: Date;
  mode: 'face_to_face' | 'hybrid' | 'online';
  venue: string | null;
  status: 'scheduled' | 'cancelled';
  chatThreadId: string | null;
  joinUrl: string | null;
  academicYearId: string | null;
  priorities: string[];
}

/** The meeting's fields and its community's, selected the same way by every lookup below. */
const meetingFactsFields = {
  id: meetings.id,
  trustId: meetings.trustId,
  communityId: meetings.communityId,
  communityName: communities.name,
  channelId: communities.channelId,
  title: meetings.title,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  mode: meetings.mode,
  venue: meetings.venue,
  status: meetings.status,
  chatThreadId: meetings.chatThreadId,
  joinUrl: meetings.joinUrl,
  academicYearId: meetings.academicYearId,
  priorities: communities.priorities,
};

const meetingId36 = /^[0-9a-f-]{36}$/i;

export async function findMeetingFacts(db: Db, meetingId: string): Promise<MeetingFacts | null> {
  if (!meetingId36.test(meetingId)) return null;
  const rows = await db
    .select(meetingFactsFields)
    .from(meetings)
    .innerJoin(communities, eq(communities.id, meetings.communityId))
    .where(eq(meetings.id, meetingId))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * The meeting and whether this person was an active member (or lead) of its community on its
 * London date, as `isCommunityMember` decides it, in one round trip: a card press runs this on
 * every turn. The person's memberships of that community come back and the date rule runs here.
 */
export async function findMeetingFactsForPerson(db: Db, meetingId: string, personId: string): Promise<{ meeting: MeetingFacts; member: boolean; lead: boolean } | null> {
  if (!meetingId36.test(meetingId)) return null;
  const rows = await preparedFor(db).meetingForPerson.execute({ meetingId, personId });
  const row = rows[0];
  if (!row) return null;
  const { personMemberships, ...meeting } = row;
  const onDate = londonWallClock(meeting.startsAt).slice(0, 10);
  const active = parsedJson(personMemberships).filter((m) => m.fromDate <= onDate && (m.toDate === null || m.toDate > onDate));
  return { meeting, member: active.length > 0, lead: active.some((m) => m.role === 'lead') };
}

/** node-postgres and PGlite both parse `json` results, but keep a string readable too. */
function parsedJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/** Active members of a community on a date (memberships without an end, or ending after it). */
export function activeMembershipOn(communityId: string, onDate: string) {
  return and(eq(memberships.communityId, communityId), sql`${memberships.fromDate} <= ${onDate}`, or(isNull(memberships.toDate), gt(memberships.toDate, onDate)));
}

export async function isCommunityMember(db: Db, communityId: string, personId: string, onDate: string): Promise<{ member: boolean; lead: boolean }> {
  const rows = await db.select({ role: memberships.role }).from(memberships).where(and(activeMembershipOn(communityId, onDate), eq(memberships.personId, personId)));
  return { member: rows.length > 0, lead: rows.some((r) => r.role === 'lead') };
}

export async function communityLeads(db: Db, communityId: string, onDate: string): Promise<string[]> {
  const rows = await db.select({ personId: memberships.personId }).from(memberships).where(and(activeMembershipOn(communityId, onDate), eq(memberships.role, 'lead')));
  return [...new Set(rows.map((r) => r.personId))];
}

export async function acknowledgedBy(db: Db, meetingId: string): Promise<Array<{ personId: string; name: string; at: Date }>> {
  return db
    .select({ personId: meetingAcknowledgements.personId, name: people.displayName, at: meetingAcknowledgements.at })
    .from(meetingAcknowledgements)
    .innerJoin(people, eq(people.id, meetingAcknowledgements.personId))
    .where(eq(meetingAcknowledgements.meetingId, meetingId))
    .orderBy(asc(meetingAcknowledgements.at));
}

interface VersionSummary {
  id: string;
  version: number;
  title: string;
  content: WaysOfWorkingContent;
}

/**
 * The card's content for a meeting, using the framework and community versions in force on its
 * date (as `versionInForce` picks them), in one round trip: the card is answered on every press.
 */
export async function waysOfWorkingCardData(db: Db, meeting: MeetingFacts, options: { tabUrl: string }): Promise<WaysOfWorkingCardData> {
  const onDate = londonWallClock(meeting.startsAt).slice(0, 10);
  const [row] = await preparedFor(db).cardFigures.execute({
    meetingId: meeting.id,
    trustId: meeting.trustId,
    communityId: meeting.communityId,
    academicYearId: meeting.academicYearId,
    communityScope: scopeOf(meeting.communityId),
    frameworkScope: scopeOf(null),
    onDate,
  });
  const framework = row?.framework ? parsedJson(row.framework) : null;
  const community = row?.community ? parsedJson(row.community) : null;
  const place = row?.sequence ? parsedJson(row.sequence) : null;
  return {
    meetingId: meeting.id,
    communityId: meeting.communityId,
    communityName: meeting.communityName,
    meetingTitle: meeting.title,
    sequenceLabel: place ? `${place.n} of ${place.total}` : null,
    when: formatMeetingSlot(meeting.startsAt, meeting.endsAt),
    modeLabel: meetingModeLabels[meeting.mode],
    venue: meeting.venue,
    priorities: meeting.priorities,
    frameworkTitle: framework?.title ?? 'Our Ways of Working',
    frameworkVersion: framework?.version ?? null,
    values: framework?.content.values ?? [],
    trustBehaviours: framework?.content.behaviours ?? [],
    communityBehaviours: community?.content.behaviours ?? [],
    communityVersion: community?.version ?? null,
    acknowledgedCount: Number(row?.acks ?? 0),
    memberCount: Number(row?.members ?? 0),
    communityTabUrl: `${options.tabUrl}#/community?id=${meeting.communityId}`,
    meetingPageUrl: `${options.tabUrl}#/meeting?meetingId=${meeting.id}`,
    feedbackNote: 'After the meeting, the app will ask each of you for feedback to take back to your academy.',
    frameworkVersionId: framework?.id ?? null,
    communityVersionId: community?.id ?? null,
  };
}

/**
 * The two statements a card press runs, prepared once per database: drizzle builds their SQL once,
 * and PostgreSQL parses and plans each once per connection. Values go in as placeholders.
 */
function prepareStatements(db: Db) {
  const ph = sql.placeholder;
  const meetingForPerson = db
    .select({
      ...meetingFactsFields,
      personMemberships: sql<Array<{ fromDate: string; toDate: string | null; role: string }> | string>`(
        select coalesce(json_agg(json_build_object('fromDate', ${memberships.fromDate}, 'toDate', ${memberships.toDate}, 'role', ${memberships.role})), '[]'::json)
          from ${memberships} where ${memberships.communityId} = ${meetings.communityId} and ${memberships.personId} = ${ph('personId')})`,
    })
    .from(meetings)
    .innerJoin(communities, eq(communities.id, meetings.communityId))
    .where(eq(meetings.id, ph('meetingId')))
    .limit(1)
    .prepare('wow_meeting_for_person');

  const inForce = (scope: 'frameworkScope' | 'communityScope') => sql<VersionSummary | string | null>`(
    select json_build_object('id', ${waysOfWorkingVersions.id}, 'version', ${waysOfWorkingVersions.version}, 'title', ${waysOfWorkingVersions.title}, 'content', ${waysOfWorkingVersions.content})
      from ${waysOfWorkingVersions}
     where ${waysOfWorkingVersions.trustId} = ${ph('trustId')} and ${waysOfWorkingVersions.scope} = ${ph(scope)} and ${waysOfWorkingVersions.effectiveFrom} <= ${ph('onDate')}
     order by ${waysOfWorkingVersions.effectiveFrom} desc, ${waysOfWorkingVersions.version} desc limit 1)`;
  // "3 of 6": the meeting's place among the community's meetings that year that still go ahead (none outside a plan).
  const sequence = sql<{ n: number; total: number } | string | null>`(
    select json_build_object('n', s.n, 'total', s.total) from (
      select ${meetings.id} as id, row_number() over (order by ${meetings.startsAt}, ${meetings.id}) as n, count(*) over () as total
        from ${meetings}
       where ${meetings.communityId} = ${ph('communityId')} and ${meetings.academicYearId} = ${ph('academicYearId')} and ${meetings.status} = 'scheduled') s
     where s.id = ${ph('meetingId')})`;
  // Active members on the meeting's date, as `activeMembershipOn` counts them.
  const members = sql<number>`(
    select count(distinct ${memberships.personId})::int from ${memberships}
     where ${memberships.communityId} = ${ph('communityId')} and ${memberships.fromDate} <= ${ph('onDate')}
       and (${memberships.toDate} is null or ${memberships.toDate} > ${ph('onDate')}))`;
  const acks = sql<number>`(select count(*)::int from ${meetingAcknowledgements} where ${meetingAcknowledgements.meetingId} = ${ph('meetingId')})`;
  const cardFigures = db
    .select({ framework: inForce('frameworkScope'), community: inForce('communityScope'), sequence, members, acks })
    .from(communities)
    .where(eq(communities.id, ph('communityId')))
    .prepare('wow_card_figures');
  return { meetingForPerson, cardFigures };
}

const statementsByDb = new WeakMap<Db, ReturnType<typeof prepareStatements>>();

function preparedFor(db: Db): ReturnType<typeof prepareStatements> {
  let statements = statementsByDb.get(db);
  if (!statements) {
    statements = prepareStatements(db);
    statementsByDb.set(db, statements);
  }
  return statements;
}
