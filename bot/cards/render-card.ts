import * as ACData from 'adaptivecards-templating';

/** An Adaptive Card payload as Teams receives it. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

/** Expands a card template with typed data; templates stay plain JSON so designers can edit them. */
export function renderCard<T extends object>(template: object, data: T): AdaptiveCard {
  const expanded: unknown = new ACData.Template(template).expand({ $root: data });
  return expanded as AdaptiveCard;
}
