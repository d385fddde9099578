import type { FeedbackCards } from '../../core/feedback/feedback-card-view';
import { feedbackRequestCard } from './feedback-card';
import { registerCard } from './register-card';
import template from './you-said-we-did-card.json';
import { renderCard } from './render-card';

/** The bot's renderings of the feedback loop's cards, handed to `core/feedback` by the composition root. */
export const feedbackCards: FeedbackCards = {
  feedbackCard: feedbackRequestCard,
  registerCard,
  youSaidWeDidCard: (summary) => renderCard(template, summary),
};
