import type { feedbackVerbs } from './feedback-card-verbs';
import type { selfAssessmentVerbs } from './self-assessment-card-verbs';
import type { waysOfWorkingVerbs } from './ways-of-working-card-verbs';

/** `Action.Execute` verbs, shared by the cards that carry them and the handlers that answer them. */
export const cardVerbs = {
  showMyCommunities: 'showMyCommunities',
  showHelp: 'showHelp',
} as const;

export type CardVerb = (typeof cardVerbs)[keyof typeof cardVerbs] | (typeof feedbackVerbs)[keyof typeof feedbackVerbs]
  | (typeof selfAssessmentVerbs)[keyof typeof selfAssessmentVerbs]
  | (typeof waysOfWorkingVerbs)[keyof typeof waysOfWorkingVerbs];
