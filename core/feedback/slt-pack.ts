import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../db/database';
import { academies, communities, feedbackAnswers, feedbackRequests, meetings, people } from '../db/schema';
import { AppError, notFound } from '../errors';
import { formatLondonDate } from '../time/london-time';
import { auditFeedbackRead, requireAcademyReader, type FeedbackScope } from './feedback-access';
import { itemStatusLabels } from './feedback-collation';

export interface SltPackItem {
  personName: string;
  meetingTitle: string;
  meetingDate: string;
  keyMessages: string;
  contextualisation: string;
  forSlt: string;
  actions: string;
  nothingToReport: boolean;
  status: string;
  ownerName: string | null;
  dueOn: string | null;
  notes: string;
}

export interface SltPack {
  title: string;
  academyName: string;
  periodLabel: string;
  fileStem: string;
  communities: { name: string; priorities: string[]; asked: number; answered: number; items: SltPackItem[] }[];
}

/** The academy's feedback for its senior leaders over a period: per community its priorities, the answers, actions and their status. */
export async function sltPack(db: Db, scope: FeedbackScope, academyId: string, from: string, to: string): Promise<SltPack> {
  requireAcademyReader(scope, academyId);
  if (from > to) throw new AppError('invalid_period', 'The period must start on or before its end.', 400);
  const [academy] = await db.select({ name: academies.name }).from(academies).where(and(eq(academies.trustId, scope.trustId), eq(academies.id, academyId)));
  if (!academy) throw notFound('The academy');
  const rows = await db
    .select({
      communityName: communities.name,
      priorities: communities.priorities,
      personName: people.displayName,
      meetingTitle: meetings.title,
      startsAt: meetings.startsAt,
      answer: feedbackAnswers,
    })
    .from(feedbackRequests)
    .innerJoin(meetings, eq(meetings.id, feedbackRequests.meetingId))
    .innerJoin(communities, eq(communities.id, feedbackRequests.communityId))
    .innerJoin(people, eq(people.id, feedbackRequests.personId))
    .leftJoin(feedbackAnswers, eq(feedbackAnswers.requestId, feedbackRequests.id))
    .where(
      and(
        eq(feedbackRequests.trustId, scope.trustId),
        eq(feedbackRequests.academyId, academyId),
        gte(meetings.startsAt, new Date(`${from}T00:00:00Z`)),
        lte(meetings.startsAt, new Date(`${to}T23:59:59Z`)),
      ),
    )
    .orderBy(asc(communities.name), asc(meetings.startsAt), asc(people.displayName));
  const byCommunity = new Map<string, SltPack['communities'][number]>();
  for (const row of rows) {
    const entry = byCommunity.get(row.communityName) ?? { name: row.communityName, priorities: row.priorities, asked: 0, answered: 0, items: [] };
    entry.asked += 1;
    const a = row.answer;
    if (a) {
      entry.answered += 1;
      entry.items.push({
        personName: row.personName,
        meetingTitle: row.meetingTitle,
        meetingDate: formatLondonDate(row.startsAt),
        keyMessages: a.keyMessages,
        contextualisation: a.contextualisation,
        forSlt: a.forSlt,
        actions: a.actions,
        nothingToReport: a.nothingToReport,
        status: itemStatusLabels[a.status],
        ownerName: a.ownerName,
        dueOn: a.dueOn,
        notes: a.notes,
      });
    }
    byCommunity.set(row.communityName, entry);
  }
  await auditFeedbackRead(db, scope, `academy:${academyId}`, { pack: { from, to }, answers: rows.length });
  const periodLabel = `${from} to ${to}`;
  return {
    title: `Community feedback for SLT: ${academy.name}`,
    academyName: academy.name,
    periodLabel,
    fileStem: `slt-pack-${academy.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${from}-${to}`,
    communities: [...byCommunity.values()],
  };
}
