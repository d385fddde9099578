import { and, asc, eq, sql, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database';
import { preparedPerDatabase } from '../db/prepared-statements';
import { communities, meetingAcknowledgements, meetings, memberships, people, waysOfWorkingVersions, type WaysOfWorkingContent, type WaysOfWorkingValue } from '../db/schema';
import { membershipCurrentOn } from '../directory/membership-dates';
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

/** The meeting's fields and its community's, selected the same way by every lookup. */
export const meetingFactsFields = {
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

export const meetingId36 = /^[0-9a-f-]{36}$/i;

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

/** node-postgres and PGlite both parse `json` results, but keep a string readable too. */
export function parsedJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/** Active members of a community on a date (memberships without an end, or ending after it). */
export function activeMembershipOn(communityId: string, onDate: string) {
  return and(eq(memberships.communityId, communityId), membershipCurrentOn(onDate));
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

/** What the card counts, and the versions in force, as `cardFigureColumns` reads them. */
export interface CardFigures {
  framework: VersionSummary | string | null;
  community: VersionSummary | string | null;
  sequence: { n: number; total: number } | string | null;
  members: number;
  acks: number;
}

/**
 * The card's content for a meeting, using the framework and community versions in force on its
 * date (as `versionInForce` picks them), in one round trip: the card is answered on every press.
 */
export async function waysOfWorkingCardData(db: Db, meeting: MeetingFacts, options: { tabUrl: string }): Promise<WaysOfWorkingCardData> {
  const [row] = await preparedFor(db).execute({
    meetingId: meeting.id,
    trustId: meeting.trustId,
    communityId: meeting.communityId,
    academicYearId: meeting.academicYearId,
    onDate: londonWallClock(meeting.startsAt).slice(0, 10),
  });
  return cardDataFrom(meeting, row, options);
}

/** The card's content from a meeting and the figures read with it. */
export function cardDataFrom(meeting: MeetingFacts, figures: CardFigures | undefined, options: { tabUrl: string }): WaysOfWorkingCardData {
  const framework = figures?.framework ? parsedJson(figures.framework) : null;
  const community = figures?.community ? parsedJson(figures.community) : null;
  const place = figures?.sequence ? parsedJson(figures.sequence) : null;
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
    acknowledgedCount: Number(figures?.acks ?? 0),
    memberCount: Number(figures?.members ?? 0),
    communityTabUrl: `${options.tabUrl}#/community?id=${meeting.communityId}`,
    meetingPageUrl: `${options.tabUrl}#/meeting?meetingId=${meeting.id}`,
    feedbackNote: 'After the meeting, the app will ask each of you for feedback to take back to your academy.',
    frameworkVersionId: framework?.id ?? null,
    communityVersionId: community?.id ?? null,
  };
}

const yearMeetingsAlias = 'year_meetings';
const yearMeetings = alias(meetings, yearMeetingsAlias);

/** Where the figures' inputs come from: placeholders of a prepared statement, or columns of the query they sit in. */
export interface CardFigureInputs {
  trustId: SQLWrapper;
  communityId: SQLWrapper;
  academicYearId: SQLWrapper;
  meetingId: SQLWrapper;
  /** The meeting's London date, YYYY-MM-DD. */
  onDate: SQLWrapper;
}

/** The card's figures as columns, so a statement that reads the meeting can read them in the same round trip. */
export function cardFigureColumns(at: CardFigureInputs) {
  const inForce = (scope: SQLWrapper) => sql<VersionSummary | string | null>`(
    select json_build_object('id', ${waysOfWorkingVersions.id}, 'version', ${waysOfWorkingVersions.version}, 'title', ${waysOfWorkingVersions.title}, 'content', ${waysOfWorkingVersions.content})
      from ${waysOfWorkingVersions}
     where ${waysOfWorkingVersions.trustId} = ${at.trustId} and ${waysOfWorkingVersions.scope} = ${scope} and ${waysOfWorkingVersions.effectiveFrom} <= ${at.onDate}
     order by ${waysOfWorkingVersions.effectiveFrom} desc, ${waysOfWorkingVersions.version} desc limit 1)`;
  // "3 of 6": the meeting's place among the community's meetings that year that still go ahead (none
  // outside a plan). Aliased, so that inputs given as the outer query's `meetings` columns are not shadowed.
  const sequence = sql<{ n: number; total: number } | string | null>`(
    select json_build_object('n', s.n, 'total', s.total) from (
      select ${yearMeetings.id} as id, row_number() over (order by ${yearMeetings.startsAt}, ${yearMeetings.id}) as n, count(*) over () as total
        from ${meetings} as ${sql.identifier(yearMeetingsAlias)}
       where ${yearMeetings.communityId} = ${at.communityId} and ${yearMeetings.academicYearId} = ${at.academicYearId} and ${yearMeetings.status} = 'scheduled') s
     where s.id = ${at.meetingId})`;
  // Active members on the meeting's date, as `activeMembershipOn` counts them.
  const members = sql<number>`(
    select count(distinct ${memberships.personId})::int from ${memberships}
     where ${memberships.communityId} = ${at.communityId} and ${membershipCurrentOn(at.onDate)})`;
  const acks = sql<number>`(select count(*)::int from ${meetingAcknowledgements} where ${meetingAcknowledgements.meetingId} = ${at.meetingId})`;
  return { framework: inForce(sql`${scopeOf(null)}`), community: inForce(sql`${at.communityId}::text`), sequence, members, acks };
}

/** The figures for a meeting already read: every card refresh reads them. */
function prepareFigures(db: Db) {
  const ph = sql.placeholder;
  return db
    .select(cardFigureColumns({ trustId: ph('trustId'), communityId: ph('communityId'), academicYearId: ph('academicYearId'), meetingId: ph('meetingId'), onDate: ph('onDate') }))
    .from(communities)
    .where(eq(communities.id, ph('communityId')))
    .prepare('wow_card_figures');
}

const preparedFor = preparedPerDatabase(prepareFigures);
