import template from './welcome-card.json';
import { cardVerbs } from './card-verbs';
import { renderCard, type AdaptiveCard } from './render-card';

export interface WelcomeCardData {
  trustName: string;
  tabUrl: string;
}

export function welcomeCard(data: WelcomeCardData): AdaptiveCard {
  return renderCard(template, { ...data, verbs: cardVerbs });
}
