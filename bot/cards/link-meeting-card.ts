import type { LinkCandidate } from '../../core/ways-of-working/meeting-events';
import { renderCard, type AdaptiveCard } from './render-card';
import { waysOfWorkingVerbs } from './ways-of-working-card-verbs';

const template = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Which community meeting is this?', weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: 'Pick the meeting so the app can open it with our Ways of Working and ask for feedback afterwards.', wrap: true },
    { type: 'Input.ChoiceSet', id: 'meetingId', label: 'Meeting', isRequired: true, errorMessage: 'Pick a meeting', choices: [{ $data: '${candidates}', title: '${label}', value: '${meetingId}' }] },
  ],
  actions: [{ type: 'Action.Execute', title: 'Link this chat', verb: '${verb}' }],
};

/** Asks a lead which of their meetings a chat belongs to, after they added the app to it by hand. */
export function linkMeetingCard(candidates: LinkCandidate[]): AdaptiveCard {
  return renderCard(template, { candidates, verb: waysOfWorkingVerbs.linkMeetingChat });
}
