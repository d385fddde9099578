import { z } from 'zod';
import { editFeedbackCard, showFeedbackCard, submitFeedback, type CardOutcome } from '../../core/feedback/feedback-answers';
import { feedbackVerbs } from '../cards/feedback-card-verbs';
import { feedbackRequestCard } from '../cards/feedback-card';
import { messageCard } from '../cards/message-card';
import { registerCard } from '../cards/register-card';
import type { AdaptiveCard } from '../cards/render-card';
import type { CardAction, CardActionTurn } from './card-action';

const requestData = z.object({ requestId: z.uuid() });
const submitData = requestData.extend({ version: z.coerce.number().int().min(0) }).loose();
const registerData = z.object({ meetingId: z.uuid(), attendees: z.string().max(20_000).optional().default('') });

const unreadable = messageCard({ title: 'This card could not be read', message: 'Nothing was saved. Open the latest card in your chat with the app and try again.' });

function cardFor(outcome: CardOutcome): AdaptiveCard {
  return 'view' in outcome ? feedbackRequestCard(outcome.view) : messageCard(outcome.message);
}

function press(turn: CardActionTurn, requestId: string) {
  return { trustId: turn.caller.trust.id, requestId, submitterPersonId: turn.caller.person?.id ?? null };
}

/** The feedback card's verbs: submit answers, edit them, refresh to the current state, and a lead's register. */
export const feedbackCardActions: CardAction[] = [
  {
    verb: feedbackVerbs.submit,
    handle: async (turn) => {
      const data = submitData.safeParse(turn.data);
      if (!data.success) return unreadable;
      return cardFor(await submitFeedback(turn.deps.db, { ...press(turn, data.data.requestId), version: data.data.version, input: turn.data, now: turn.deps.clock.now() }));
    },
  },
  {
    verb: feedbackVerbs.edit,
    handle: async (turn) => {
      const data = requestData.safeParse(turn.data);
      return data.success ? cardFor(await editFeedbackCard(turn.deps.db, press(turn, data.data.requestId))) : unreadable;
    },
  },
  {
    verb: feedbackVerbs.refresh,
    handle: async (turn) => {
      const data = requestData.safeParse(turn.data);
      return data.success ? cardFor(await showFeedbackCard(turn.deps.db, press(turn, data.data.requestId))) : unreadable;
    },
  },
  {
    verb: feedbackVerbs.confirmRegister,
    handle: async (turn) => {
      const data = registerData.safeParse(turn.data);
      if (!data.success) return unreadable;
      const rounds = turn.deps.feedback;
      const person = turn.caller.person;
      if (!rounds || !person) return messageCard({ title: 'The register was not saved', message: 'Only the community\'s leads can confirm who came.' });
      const attendees = data.data.attendees.split(',').map((id) => id.trim()).filter((id) => id !== '');
      const result = await rounds.confirmRegister(turn.caller.trust.id, data.data.meetingId, person.id, attendees);
      return 'refused' in result ? messageCard({ title: 'The register was not saved', message: result.refused }) : registerCard(result);
    },
  },
];
