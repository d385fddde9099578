import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { feedbackAnswers, feedbackAnswerVersions, feedbackRequests } from '../db/schema';
import { answerFieldNames, hasErrors, validateAnswer, type FeedbackAnswerFields } from './feedback-answer';
import type { FeedbackCardView } from './feedback-card-view';
import { currentView, formWithErrors, loadRequest, type LoadedRequest } from './feedback-view';

/** What answers a card press: the card to show, or a plain message when there is no card to show. */
export type CardOutcome = { view: FeedbackCardView } | { message: { title: string; message: string } };

export interface CardPress {
  trustId: string;
  requestId: string;
  /** The person Teams says pressed the button; null when they are not in the directory. */
  submitterPersonId: string | null;
}

const notFoundMessage = { title: 'This card could not be found', message: 'It may belong to another organisation or have been removed. Nothing was saved.' };
const notYoursMessage = {
  title: 'This card is not yours',
  message: 'This feedback card was sent to a colleague, so only they can answer it. Nothing was saved; your own cards arrive in your chat with the app.',
};

/** The request, if the presser may act on it; otherwise the message that says why not. */
async function requestFor(db: Db, press: CardPress): Promise<LoadedRequest | CardOutcome> {
  const request = await loadRequest(db, press.requestId);
  if (!request || request.trustId !== press.trustId) return { message: notFoundMessage };
  if (request.personId !== press.submitterPersonId) return { message: notYoursMessage };
  return request;
}

const isOutcome = (value: LoadedRequest | CardOutcome): value is CardOutcome => 'view' in value || 'message' in value;

/** The card as it stands (automatic refresh, or "Cancel" on the form). */
export async function showFeedbackCard(db: Db, press: CardPress): Promise<CardOutcome> {
  const request = await requestFor(db, press);
  return isOutcome(request) ? request : { view: currentView(request) };
}

/** The form with the stored answers, unless the item is locked or the meeting cancelled. */
export async function editFeedbackCard(db: Db, press: CardPress): Promise<CardOutcome> {
  const request = await requestFor(db, press);
  if (isOutcome(request)) return request;
  if (request.answer?.locked) return { view: currentView(request, { notice: 'Your PD lead has locked this feedback, so it can no longer be changed.' }) };
  return { view: currentView(request, { editing: true }) };
}

/**
 * Saves an answer from the card. A submit is refused, with the stored answer untouched, when it
 * comes from someone other than the recipient, names an older version (a replayed or stale card),
 * the item is locked, or the meeting was cancelled; invalid answers come back with what was typed.
 */
export async function submitFeedback(db: Db, press: CardPress & { version: number; input: unknown; now: Date }): Promise<CardOutcome> {
  const request = await requestFor(db, press);
  if (isOutcome(request)) return request;
  if (request.meetingCancelled) return { view: currentView(request) };
  if (request.answer?.locked) {
    return { view: currentView(request, { notice: 'Your PD lead has locked this feedback, so it can no longer be changed. Your answer below is unchanged.' }) };
  }
  const storedVersion = request.answer?.version ?? 0;
  if (press.version !== storedVersion) {
    return { view: currentView(request, { notice: 'This card was out of date, so nothing was changed. Here are your answers as they are saved now.' }) };
  }
  const { answer, errors } = validateAnswer(press.input);
  if (hasErrors(errors)) return { view: formWithErrors(request, answer, errors, storedVersion) };
  if (request.answer && sameAnswer(request.answer, answer)) {
    return { view: currentView(request, { notice: 'No changes to save.' }) };
  }
  const saved = await saveAnswer(db, request, storedVersion, answer, press.now);
  const fresh = await loadRequest(db, request.id);
  if (!fresh) return { message: notFoundMessage };
  return {
    view: currentView(fresh, {
      notice: saved ? 'Thank you. Your feedback has gone to your academy\'s PD lead; you can edit it until they lock it.' : 'Your answer changed elsewhere at the same moment, so this one was not saved. Here is what is saved now.',
    }),
  };
}

function sameAnswer(a: FeedbackAnswerFields, b: FeedbackAnswerFields): boolean {
  return a.nothingToReport === b.nothingToReport && answerFieldNames.every((field) => a[field] === b[field]);
}

/** Writes the next version only if the stored one is still `fromVersion` and unlocked; false when another write won. */
async function saveAnswer(db: Db, request: LoadedRequest, fromVersion: number, answer: FeedbackAnswerFields, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const nextVersion = fromVersion + 1;
    const written =
      fromVersion === 0
        ? await tx
            .insert(feedbackAnswers)
            .values({ requestId: request.id, trustId: request.trustId, ...answer, version: 1, submittedAt: now })
            .onConflictDoNothing()
            .returning({ version: feedbackAnswers.version })
        : await tx
            .update(feedbackAnswers)
            .set({ ...answer, version: nextVersion, submittedAt: now })
            .where(and(eq(feedbackAnswers.requestId, request.id), eq(feedbackAnswers.version, fromVersion), isNull(feedbackAnswers.lockedAt)))
            .returning({ version: feedbackAnswers.version });
    if (written.length === 0) return false;
    if (fromVersion === 0) await tx.update(feedbackRequests).set({ answeredAt: now }).where(eq(feedbackRequests.id, request.id));
    await tx.insert(feedbackAnswerVersions).values({ requestId: request.id, version: nextVersion, answer, submittedAt: now });
    return true;
  });
}
