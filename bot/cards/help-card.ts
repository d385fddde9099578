import template from './help-card.json';
import { cardVerbs } from './card-verbs';
import { renderCard, type AdaptiveCard } from './render-card';

export interface HelpCardData {
  commands: { command: string; description: string }[];
  tabUrl: string;
}

export function helpCard(data: HelpCardData): AdaptiveCard {
  return renderCard(template, { ...data, verbs: cardVerbs });
}
