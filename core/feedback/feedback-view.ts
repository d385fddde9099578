import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { communities, feedbackAnswers, feedbackRequests, meetings, people } from '../db/schema';
import { formatMeetingSlot } from '../time/london-time';
import type { AnswerErrors, FeedbackAnswerFields } from './feedback-answer';
import type { FeedbackCardView } from './feedback-card-view';

export const emptyAnswer: FeedbackAnswerFields = { keyMessages: '', contextualisation: '', forSlt: '', actions: '', nothingToReport: false };

/** A request with everything its card shows; null when the id is unknown in the trust. */
export interface LoadedRequest {
  id: string;
  trustId: string;
  personId: string;
  recipientAadObjectId: string | null;
  meetingCancelled: boolean;
  meeting: FeedbackCardView['meeting'];
  answer: (FeedbackAnswerFields & { version: number; locked: boolean }) | null;
}

export async function loadRequest(db: Db, requestId: string): Promise<LoadedRequest | null> {
  const [row] = await db
    .select(requestColumns)
    .from(feedbackRequests)
    .innerJoin(meetings, eq(meetings.id, feedbackRequests.meetingId))
    .innerJoin(communities, eq(communities.id, feedbackRequests.communityId))
    .innerJoin(people, eq(people.id, feedbackRequests.personId))
    .leftJoin(feedbackAnswers, eq(feedbackAnswers.requestId, feedbackRequests.id))
    .where(eq(feedbackRequests.id, requestId));
  return row ? toLoadedRequest(row) : null;
}

/** What a request's card needs, from the request joined to its meeting, community, person and (left) answer. */
export const requestColumns = {
  id: feedbackRequests.id,
  trustId: feedbackRequests.trustId,
  personId: feedbackRequests.personId,
  aad: people.entraObjectId,
  title: meetings.title,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  status: meetings.status,
  communityName: communities.name,
  priorities: communities.priorities,
  answer: feedbackAnswers,
};

/** A row as `requestColumns` reads it. */
interface RequestRow {
  id: string;
  trustId: string;
  personId: string;
  aad: string | null;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  communityName: string;
  priorities: string[];
  answer: typeof feedbackAnswers.$inferSelect | null;
}

export function toLoadedRequest(row: RequestRow): LoadedRequest {
  const a = row.answer;
  return {
    id: row.id,
    trustId: row.trustId,
    personId: row.personId,
    recipientAadObjectId: row.aad,
    meetingCancelled: row.status === 'cancelled',
    meeting: { title: row.title, when: formatMeetingSlot(row.startsAt, row.endsAt), communityName: row.communityName, priorities: row.priorities },
    answer: a
      ? { keyMessages: a.keyMessages, contextualisation: a.contextualisation, forSlt: a.forSlt, actions: a.actions, nothingToReport: a.nothingToReport, version: a.version, locked: a.lockedAt !== null }
      : null,
  };
}

/** The card a request's recipient should see now: the form before an answer, the answers after, read-only once locked. */
export function currentView(request: LoadedRequest, options: { notice?: string | null; editing?: boolean } = {}): FeedbackCardView {
  const answer = request.answer;
  const base = {
    requestId: request.id,
    version: answer?.version ?? 0,
    recipientAadObjectId: request.recipientAadObjectId,
    meeting: request.meeting,
    errors: {},
    notice: options.notice ?? null,
  };
  const fields: FeedbackAnswerFields = answer
    ? { keyMessages: answer.keyMessages, contextualisation: answer.contextualisation, forSlt: answer.forSlt, actions: answer.actions, nothingToReport: answer.nothingToReport }
    : emptyAnswer;
  if (request.meetingCancelled) {
    return { ...base, mode: 'closed', answer: fields, notice: options.notice ?? 'This meeting was cancelled, so there is nothing to feed back.' };
  }
  if (answer?.locked) return { ...base, mode: 'locked', answer: fields };
  if (!answer || options.editing) return { ...base, mode: 'form', answer: fields };
  return { ...base, mode: 'answered', answer: fields };
}

/** The form again with what the person typed and a message beside each field that needs changing. */
export function formWithErrors(request: LoadedRequest, typed: FeedbackAnswerFields, errors: AnswerErrors, version: number): FeedbackCardView {
  return { ...currentView(request, { editing: true }), version, answer: typed, errors, notice: 'Please check the highlighted answers; nothing has been saved yet.' };
}
