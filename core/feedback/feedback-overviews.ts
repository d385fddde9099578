import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { academies, communities, feedbackAnswers, feedbackRequests, feedbackRounds, meetings, people, type FeedbackFailureReason } from '../db/schema';
import { forbidden, notFound } from '../errors';
import { auditFeedbackRead, requireCommunityReader, requireDirector, type FeedbackScope } from './feedback-access';
import { itemStatusLabels, type DeliveryStatus } from './feedback-collation';
import type { AttendanceSource } from './feedback-rounds';

export interface CommunityOverview {
  community: { id: string; name: string };
  academies: { academyId: string | null; academyName: string; asked: number; answered: number; rate: number; themes: string[] }[];
  /** Meetings that have asked for feedback, newest first, with how their cards fared. */
  meetings: { id: string; title: string; startsAt: string; asked: number; sent: number; failed: number; answered: number }[];
}

export interface TrustOverview {
  academies: { id: string; name: string }[];
  communities: { id: string; name: string }[];
  cells: { academyId: string; communityId: string; asked: number; answered: number; implemented: number; responseRate: number; implementationRate: number }[];
}

export interface MyFeedback {
  /** `status` is the workflow status's label, null until answered. */
  items: { requestId: string; communityName: string; meetingTitle: string; startsAt: string; answered: boolean; keyMessages: string; forSlt: string; nothingToReport: boolean; status: string | null }[];
}

export interface DeliveryReport {
  meeting: { id: string; title: string; startsAt: string };
  /** Null until the meeting has ended and a round was started. */
  round: { status: 'awaiting_register' | 'asked'; attendanceSource: AttendanceSource | null; attendanceNote: string | null } | null;
  totals: Record<DeliveryStatus | 'answered', number>;
  recipients: {
    personId: string;
    personName: string;
    status: DeliveryStatus;
    /** Also set on a pending card that will be tried again (Teams busy or unreachable). */
    failureReason: FeedbackFailureReason | null;
    failureMessage: string | null;
    attempts: number;
    sentAt: string | null;
    remindersSent: number;
    answered: boolean;
  }[];
}

const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

const stopWords = new Set(
  'the and for with that this from have will our their they them were was are but not all can has had been more into also about what when which your you its it is in on of to a an as at be by or we us so if do no yes than then there these those each other some such only very just over how who'.split(' '),
);

/** The most frequent meaningful words across answers: a rough view of themes, not a judgement. */
export function themesOf(texts: readonly string[], count = 5): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const word of text.toLowerCase().match(/[a-z][a-z'-]{3,}/g) ?? []) {
      if (stopWords.has(word) || seen.has(word)) continue;
      seen.add(word);
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .filter(([, n]) => n > 1 || texts.length < 3)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([word]) => word);
}

/** A community's meetings shown with their cards' delivery; a community meets a few times a term, so this covers years. */
const deliveryMeetingLimit = 50;

/** A community lead's view: response rates and themes per academy, and each meeting's card delivery, for their community. */
export async function communityOverview(db: Db, scope: FeedbackScope, communityId: string): Promise<CommunityOverview> {
  const [community] = await db.select({ id: communities.id, name: communities.name }).from(communities).where(and(eq(communities.trustId, scope.trustId), eq(communities.id, communityId)));
  if (!community) throw notFound('The community');
  requireCommunityReader(scope, communityId);
  const asked = and(eq(feedbackRequests.trustId, scope.trustId), eq(feedbackRequests.communityId, communityId));
  const [rows, meetingRows] = await Promise.all([
    db
      .select({
        academyId: academies.id,
        academyName: academies.name,
        answered: sql<boolean>`${feedbackAnswers.requestId} is not null`,
        text: sql<string>`coalesce(${feedbackAnswers.keyMessages}, '') || ' ' || coalesce(${feedbackAnswers.forSlt}, '')`,
      })
      .from(feedbackRequests)
      .leftJoin(academies, eq(academies.id, feedbackRequests.academyId))
      .leftJoin(feedbackAnswers, eq(feedbackAnswers.requestId, feedbackRequests.id))
      .where(asked),
    db
      .select({
        id: meetings.id,
        title: meetings.title,
        startsAt: meetings.startsAt,
        asked: sql<number>`count(*)::int`,
        sent: sql<number>`count(*) filter (where ${feedbackRequests.deliveryStatus} = 'sent')::int`,
        failed: sql<number>`count(*) filter (where ${feedbackRequests.deliveryStatus} = 'failed')::int`,
        answered: sql<number>`count(${feedbackRequests.answeredAt})::int`,
      })
      .from(feedbackRequests)
      .innerJoin(meetings, eq(meetings.id, feedbackRequests.meetingId))
      .where(asked)
      .groupBy(meetings.id, meetings.title, meetings.startsAt)
      .orderBy(sql`${meetings.startsAt} desc`)
      .limit(deliveryMeetingLimit),
  ]);
  const byAcademy = new Map<string, { academyId: string | null; academyName: string; asked: number; answered: number; texts: string[] }>();
  for (const row of rows) {
    const key = row.academyId ?? 'none';
    const entry = byAcademy.get(key) ?? { academyId: row.academyId, academyName: row.academyName ?? 'Central team', asked: 0, answered: 0, texts: [] };
    entry.asked += 1;
    if (row.answered) {
      entry.answered += 1;
      entry.texts.push(row.text);
    }
    byAcademy.set(key, entry);
  }
  await auditFeedbackRead(db, scope, `community:${communityId}`, { academies: byAcademy.size });
  return {
    community,
    academies: [...byAcademy.values()]
      .sort((a, b) => a.academyName.localeCompare(b.academyName))
      .map((a) => ({ academyId: a.academyId, academyName: a.academyName, asked: a.asked, answered: a.answered, rate: rate(a.answered, a.asked), themes: themesOf(a.texts) })),
    meetings: meetingRows.map((m) => ({ ...m, startsAt: m.startsAt.toISOString() })),
  };
}

/** The PD director's heatmap: per academy and community, response rate and the share of answers implemented or with impact noted. */
export async function directorOverview(db: Db, scope: FeedbackScope): Promise<TrustOverview> {
  requireDirector(scope);
  const [cells, academyList, communityList] = await Promise.all([
    db
      .select({
        academyId: feedbackRequests.academyId,
        communityId: feedbackRequests.communityId,
        asked: sql<number>`count(*)::int`,
        answered: sql<number>`count(${feedbackAnswers.requestId})::int`,
        implemented: sql<number>`count(*) filter (where ${feedbackAnswers.status} in ('implemented', 'impact_noted'))::int`,
      })
      .from(feedbackRequests)
      .leftJoin(feedbackAnswers, eq(feedbackAnswers.requestId, feedbackRequests.id))
      .where(eq(feedbackRequests.trustId, scope.trustId))
      .groupBy(feedbackRequests.academyId, feedbackRequests.communityId),
    db.select({ id: academies.id, name: academies.name }).from(academies).where(eq(academies.trustId, scope.trustId)).orderBy(asc(academies.name)),
    db.select({ id: communities.id, name: communities.name }).from(communities).where(eq(communities.trustId, scope.trustId)).orderBy(asc(communities.name)),
  ]);
  await auditFeedbackRead(db, scope, 'trust', { cells: cells.length });
  return {
    academies: academyList,
    communities: communityList,
    cells: cells
      .filter((c): c is typeof c & { academyId: string } => c.academyId !== null)
      .map((c) => ({ ...c, responseRate: rate(c.answered, c.asked), implementationRate: rate(c.implemented, c.answered) })),
  };
}

/** A member's own requests and answers. */
export async function myFeedback(db: Db, trustId: string, personId: string): Promise<MyFeedback> {
  const rows = await db
    .select({
      requestId: feedbackRequests.id,
      communityName: communities.name,
      meetingTitle: meetings.title,
      startsAt: meetings.startsAt,
      keyMessages: feedbackAnswers.keyMessages,
      forSlt: feedbackAnswers.forSlt,
      nothingToReport: feedbackAnswers.nothingToReport,
      status: feedbackAnswers.status,
      submittedAt: feedbackAnswers.submittedAt,
    })
    .from(feedbackRequests)
    .innerJoin(meetings, eq(meetings.id, feedbackRequests.meetingId))
    .innerJoin(communities, eq(communities.id, feedbackRequests.communityId))
    .leftJoin(feedbackAnswers, eq(feedbackAnswers.requestId, feedbackRequests.id))
    .where(and(eq(feedbackRequests.trustId, trustId), eq(feedbackRequests.personId, personId)))
    .orderBy(sql`${meetings.startsAt} desc`)
    .limit(100);
  return {
    items: rows.map((r) => ({
      requestId: r.requestId,
      communityName: r.communityName,
      meetingTitle: r.meetingTitle,
      startsAt: r.startsAt.toISOString(),
      answered: r.submittedAt !== null,
      keyMessages: r.keyMessages ?? '',
      forSlt: r.forSlt ?? '',
      nothingToReport: r.nothingToReport ?? false,
      status: r.status ? itemStatusLabels[r.status] : null,
    })),
  };
}

/** Delivery of one meeting's cards, for its community's leads and the PD director. */
export async function deliveryReport(db: Db, scope: FeedbackScope, meetingId: string): Promise<DeliveryReport> {
  const [meeting] = await db.select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, communityId: meetings.communityId }).from(meetings).where(and(eq(meetings.trustId, scope.trustId), eq(meetings.id, meetingId)));
  if (!meeting) throw notFound('The meeting');
  if (!scope.director && !scope.ledCommunityIds.includes(meeting.communityId)) throw forbidden("Only the community's leads and the PD director can see who the cards reached.");
  const [round] = await db.select().from(feedbackRounds).where(eq(feedbackRounds.meetingId, meetingId));
  const rows = await db
    .select({
      personId: people.id,
      personName: people.displayName,
      status: feedbackRequests.deliveryStatus,
      failureReason: feedbackRequests.failureReason,
      failureMessage: feedbackRequests.failureMessage,
      attempts: feedbackRequests.attempts,
      sentAt: feedbackRequests.sentAt,
      remindersSent: feedbackRequests.remindersSent,
      answered: sql<boolean>`${feedbackAnswers.requestId} is not null`,
    })
    .from(feedbackRequests)
    .innerJoin(people, eq(people.id, feedbackRequests.personId))
    .leftJoin(feedbackAnswers, eq(feedbackAnswers.requestId, feedbackRequests.id))
    .where(eq(feedbackRequests.meetingId, meetingId))
    .orderBy(asc(people.displayName));
  const totals = { pending: 0, sending: 0, sent: 0, failed: 0, answered: 0 };
  for (const row of rows) {
    totals[row.status] += 1;
    if (row.answered) totals.answered += 1;
  }
  // Who answered is about colleagues' feedback, though not its content: audited like the other reads.
  await auditFeedbackRead(db, scope, `delivery:${meetingId}`, { recipients: rows.length });
  return {
    meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt.toISOString() },
    round: round ? { status: round.status, attendanceSource: round.attendanceSource, attendanceNote: round.attendanceNote } : null,
    totals,
    recipients: rows.map((r) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null, failureReason: r.failureReason, failureMessage: r.failureMessage })),
  };
}
