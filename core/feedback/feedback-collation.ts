import { and, asc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { academies, calendarPeriods, communities, feedbackAnswers, feedbackCounts, feedbackRequests, meetings, people, type FeedbackFailureReason } from '../db/schema';
import { AppError, notFound } from '../errors';
import { auditFeedbackRead, requireAcademyReader, type FeedbackScope } from './feedback-access';

export const itemStatuses = ['new', 'discussed_with_slt', 'action_agreed', 'implemented', 'impact_noted'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

export const itemStatusLabels: Record<ItemStatus, string> = {
  new: 'New',
  discussed_with_slt: 'Discussed with SLT',
  action_agreed: 'Action agreed',
  implemented: 'Implemented',
  impact_noted: 'Impact noted',
};

/** Where a member's feedback card has got to. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface CollationFilters {
  termId?: string;
  communityId?: string;
  /** An item status, or `unanswered` for people who have not replied yet. */
  status?: ItemStatus | 'unanswered';
  /** Items after this cursor (from the previous page). */
  cursor?: string;
  limit?: number;
}

export interface FeedbackItem {
  requestId: string;
  person: { id: string; name: string };
  community: { id: string; name: string };
  meeting: { id: string; title: string; startsAt: string };
  delivery: { status: DeliveryStatus; failureReason: FeedbackFailureReason | null };
  answer: {
    keyMessages: string;
    contextualisation: string;
    forSlt: string;
    actions: string;
    nothingToReport: boolean;
    version: number;
    submittedAt: string;
    status: ItemStatus;
    ownerName: string | null;
    dueOn: string | null;
    notes: string;
    locked: boolean;
  } | null;
}

export interface ResponseRate {
  communityId: string;
  communityName: string;
  asked: number;
  answered: number;
  rate: number;
}

export interface AcademyFeedback {
  academy: { id: string; name: string };
  terms: { id: string; name: string; startsOn: string; endsOn: string }[];
  communities: { id: string; name: string }[];
  responseRates: ResponseRate[];
  items: FeedbackItem[];
  nextCursor: string | null;
}

const rate = (answered: number, asked: number) => (asked === 0 ? 0 : Math.round((answered / asked) * 1000) / 1000);

/** A term's dates, for filtering meetings by when they happened. */
async function termRange(db: Db, trustId: string, termId: string): Promise<{ startsOn: string; endsOn: string }> {
  const [term] = await db
    .select({ startsOn: calendarPeriods.startsOn, endsOn: calendarPeriods.endsOn })
    .from(calendarPeriods)
    .where(and(eq(calendarPeriods.trustId, trustId), eq(calendarPeriods.id, termId), eq(calendarPeriods.kind, 'term')));
  if (!term) throw notFound('The term');
  return term;
}

function encodeCursor(startsAt: Date, requestId: string): string {
  return Buffer.from(JSON.stringify([startsAt.toISOString(), requestId])).toString('base64url');
}

function decodeCursor(cursor: string): { startsAt: Date; requestId: string } {
  try {
    const [startsAt, requestId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(startsAt);
    if (Number.isNaN(date.getTime()) || typeof requestId !== 'string') throw new Error('bad cursor');
    return { startsAt: date, requestId };
  } catch {
    throw new AppError('invalid_cursor', 'The page cursor is not one this list gave out; start again from the first page.', 400);
  }
}

/**
 * The PD lead's view: everything the academy's colleagues fed back, newest meeting first, a page
 * at a time, with response rates per community over the same filters. Counts and the page run in parallel.
 */
export async function academyFeedback(db: Db, scope: FeedbackScope, academyId: string, filters: CollationFilters): Promise<AcademyFeedback> {
  requireAcademyReader(scope, academyId);
  const [academy] = await db.select({ id: academies.id, name: academies.name }).from(academies).where(and(eq(academies.trustId, scope.trustId), eq(academies.id, academyId)));
  if (!academy) throw notFound('The academy');
  const limit = Math.min(Math.max(filters.limit ?? 50, 1), 200);
  const scopeConditions: SQL[] = [eq(feedbackRequests.trustId, scope.trustId), eq(feedbackRequests.academyId, academyId)];
  // Response rates read the per-meeting counts the database keeps (feedback_counts), under the same filters as the items.
  const countConditions: SQL[] = [eq(feedbackCounts.trustId, scope.trustId), eq(feedbackCounts.academyId, academyId)];
  if (filters.communityId) {
    scopeConditions.push(eq(feedbackRequests.communityId, filters.communityId));
    countConditions.push(eq(feedbackCounts.communityId, filters.communityId));
  }
  if (filters.termId) {
    const term = await termRange(db, scope.trustId, filters.termId);
    const from = new Date(`${term.startsOn}T00:00:00Z`);
    const until = new Date(`${term.endsOn}T23:59:59Z`);
    scopeConditions.push(gte(feedbackRequests.meetingStartsAt, from), lt(feedbackRequests.meetingStartsAt, until));
    countConditions.push(gte(feedbackCounts.meetingStartsAt, from), lt(feedbackCounts.meetingStartsAt, until));
  }
  const itemConditions = [...scopeConditions];
  if (filters.status === 'unanswered') itemConditions.push(sql`${feedbackAnswers.requestId} is null`);
  else if (filters.status) itemConditions.push(eq(feedbackAnswers.status, filters.status));
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor);
    itemConditions.push(or(lt(feedbackRequests.meetingStartsAt, cursor.startsAt), and(eq(feedbackRequests.meetingStartsAt, cursor.startsAt), sql`${feedbackRequests.id} > ${cursor.requestId}`)) as SQL);
  }

  const [rows, rates, terms, communityList] = await Promise.all([
    db
      .select({
        requestId: feedbackRequests.id,
        personId: people.id,
        personName: people.displayName,
        communityId: communities.id,
        communityName: communities.name,
        meetingId: meetings.id,
        meetingTitle: meetings.title,
        startsAt: meetings.startsAt,
        meetingStartsAt: feedbackRequests.meetingStartsAt,
        deliveryStatus: feedbackRequests.deliveryStatus,
        failureReason: feedbackRequests.failureReason,
        answer: feedbackAnswers,
      })
      .from(feedbackRequests)
      .innerJoin(meetings, eq(meetings.id, feedbackRequests.meetingId))
      .innerJoin(communities, eq(communities.id, feedbackRequests.communityId))
      .innerJoin(people, eq(people.id, feedbackRequests.personId))
      .leftJoin(feedbackAnswers, eq(feedbackAnswers.requestId, feedbackRequests.id))
      .where(and(...itemConditions))
      // `nulls last` as in the index (feedback_requests_academy): a plain `desc` means nulls first,
      // which PostgreSQL will not read from that index, so it sorted all of the academy's rows.
      .orderBy(sql`${feedbackRequests.meetingStartsAt} desc nulls last`, asc(feedbackRequests.id))
      .limit(limit + 1),
    db
      .select({
        communityId: feedbackCounts.communityId,
        asked: sql<number>`sum(${feedbackCounts.asked})::int`,
        answered: sql<number>`sum(${feedbackCounts.answered})::int`,
      })
      .from(feedbackCounts)
      .where(and(...countConditions))
      .groupBy(feedbackCounts.communityId)
      .having(sql`sum(${feedbackCounts.asked}) > 0`),
    db
      .select({ id: calendarPeriods.id, name: calendarPeriods.name, startsOn: calendarPeriods.startsOn, endsOn: calendarPeriods.endsOn })
      .from(calendarPeriods)
      .where(and(eq(calendarPeriods.trustId, scope.trustId), eq(calendarPeriods.kind, 'term')))
      .orderBy(asc(calendarPeriods.startsOn)),
    db.select({ id: communities.id, name: communities.name }).from(communities).where(eq(communities.trustId, scope.trustId)).orderBy(asc(communities.name)),
  ]);
  const communityNames = new Map(communityList.map((c) => [c.id, c.name]));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  await auditFeedbackRead(db, scope, `academy:${academyId}`, { filters: { ...filters, cursor: undefined }, items: page.length });
  return {
    academy,
    terms,
    communities: communityList,
    responseRates: rates
      .map((r) => ({ communityId: r.communityId, communityName: communityNames.get(r.communityId) ?? 'Unknown community', asked: r.asked, answered: r.answered, rate: rate(r.answered, r.asked) }))
      .sort((a, b) => a.communityName.localeCompare(b.communityName)),
    items: page.map((row) => ({
      requestId: row.requestId,
      person: { id: row.personId, name: row.personName },
      community: { id: row.communityId, name: row.communityName },
      meeting: { id: row.meetingId, title: row.meetingTitle, startsAt: row.startsAt.toISOString() },
      delivery: { status: row.deliveryStatus, failureReason: row.failureReason },
      answer: row.answer
        ? {
            keyMessages: row.answer.keyMessages,
            contextualisation: row.answer.contextualisation,
            forSlt: row.answer.forSlt,
            actions: row.answer.actions,
            nothingToReport: row.answer.nothingToReport,
            version: row.answer.version,
            submittedAt: row.answer.submittedAt.toISOString(),
            status: row.answer.status,
            ownerName: row.answer.ownerName,
            dueOn: row.answer.dueOn,
            notes: row.answer.notes,
            locked: row.answer.lockedAt !== null,
          }
        : null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.meetingStartsAt, last.requestId) : null,
  };
}

