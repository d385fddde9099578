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

/** Expands any JSON template (a card or a part of one) with typed data. */
export function expandTemplate<T extends object>(template: object, data: T): unknown {
  let prepared = preparedTemplates.get(template);
  if (!prepared) {
    prepared = new ACData.Template(template);
    preparedTemplates.set(template, prepared);
  }
  return prepared.expand({ $root: data });
}

/** Expands a card template with typed data; templates stay plain JSON so designers can edit them. */
export function renderCard<T extends object>(template: object, data: T): AdaptiveCard {
  return expandTemplate(template, data) as AdaptiveCard;
}

/** Freezes a rendered card all the way down, for cards shared between answers: a change would throw, not leak. */
export function deepFrozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFrozen(inner);
    Object.freeze(value);
  }
  return value;
}
