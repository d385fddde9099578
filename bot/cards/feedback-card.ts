import { answerFieldLabels, answerFieldNames, maxAnswerLength } from '../../core/feedback/feedback-answer';
import type { FeedbackCardView } from '../../core/feedback/feedback-card-view';
import { feedbackVerbs } from './feedback-card-verbs';
import template from './feedback-card.json';
import { renderCard, type AdaptiveCard } from './render-card';

/**
 * A member's feedback card: the questions (with any validation message under its field and what
 * they typed kept), or their answers with Edit, or their answers read-only once locked.
 */
export function feedbackRequestCard(view: FeedbackCardView): AdaptiveCard {
  const isForm = view.mode === 'form';
  const shownAnswers = view.answer.nothingToReport
    ? [{ label: 'Your answer', value: 'Nothing to report this time.' }]
    : answerFieldNames.map((field) => ({ label: answerFieldLabels[field], value: view.answer[field].trim() === '' ? '—' : view.answer[field] }));
  const card = renderCard(template, {
    verbs: feedbackVerbs,
    requestId: view.requestId,
    version: view.version,
    hasRefresh: view.recipientAadObjectId !== null,
    refreshUserIds: view.recipientAadObjectId ? [`8:orgid:${view.recipientAadObjectId}`] : [],
    communityName: view.meeting.communityName,
    meetingTitle: view.meeting.title,
    meetingWhen: view.meeting.when,
    hasNotice: view.notice !== null || view.mode === 'locked',
    notice: view.notice ?? 'Your PD lead has locked this feedback; it can no longer be changed.',
    noticeColour: Object.keys(view.errors).length > 0 || view.mode === 'closed' ? 'Attention' : 'Good',
    hasPriorities: view.meeting.priorities.length > 0,
    priorities: view.meeting.priorities.join('; '),
    isForm,
    canEdit: view.mode === 'answered',
    labels: answerFieldLabels,
    maxLength: maxAnswerLength,
    answer: { ...view.answer, nothingToReport: view.answer.nothingToReport ? 'true' : 'false' },
    errors: { form: view.errors.form ?? '', keyMessages: view.errors.keyMessages ?? '', contextualisation: view.errors.contextualisation ?? '', forSlt: view.errors.forSlt ?? '', actions: view.errors.actions ?? '' },
    shownAnswers: view.mode === 'closed' ? [] : shownAnswers,
  });
  // The template leaves `refresh: null` when there is nobody to refresh for; Teams expects the key absent.
  if (card.refresh === null) delete card.refresh;
  return card;
}
