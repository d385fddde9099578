import * as ACData from 'adaptivecards-templating';

/** An Adaptive Card payload as Teams receives it. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

// Parsing a template's expressions costs more than expanding it, so each template is parsed once;
// the library supports binding one Template to many data objects, and expand() is synchronous.
const preparedTemplates = new WeakMap<object, ACData.Template>();

/** Expands a card template with typed data; templates stay plain JSON so designers can edit them. */
export function renderCard<T extends object>(template: object, data: T): AdaptiveCard {
  let prepared = preparedTemplates.get(template);
  if (!prepared) {
    prepared = new ACData.Template(template);
    preparedTemplates.set(template, prepared);
  }
  const expanded: unknown = prepared.expand({ $root: data });
  return expanded as AdaptiveCard;
}
