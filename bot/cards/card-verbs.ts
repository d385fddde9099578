/** `Action.Execute` verbs, shared by the cards that carry them and the handlers that answer them. */
export const cardVerbs = {
  showMyCommunities: 'showMyCommunities',
  showHelp: 'showHelp',
} as const;

export type CardVerb = (typeof cardVerbs)[keyof typeof cardVerbs];
