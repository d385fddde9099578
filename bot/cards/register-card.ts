import type { RegisterCardView } from '../../core/feedback/feedback-card-view';
import { feedbackVerbs } from './feedback-card-verbs';
import template from './register-card.json';
import { renderCard, type AdaptiveCard } from './render-card';

/** A face-to-face meeting's register for its leads, everyone ticked to start with. */
export function registerCard(view: RegisterCardView): AdaptiveCard {
  return renderCard(template, {
    verbs: feedbackVerbs,
    meetingId: view.meetingId,
    communityName: view.meeting.communityName,
    meetingTitle: view.meeting.title,
    meetingWhen: view.meeting.when,
    hasNotice: view.notice !== null,
    notice: view.notice ?? '',
    isConfirmed: view.confirmed !== null,
    confirmed: view.confirmed ?? '',
    members: view.members,
    allIds: view.members.map((m) => m.personId).join(','),
  });
}
