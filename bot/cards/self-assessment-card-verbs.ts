/** `Action.Execute` verbs of the self-assessment cards, shared by the cards and their handlers. */
export const selfAssessmentVerbs = {
  resume: 'selfAssessmentResume',
  answer: 'selfAssessmentAnswer',
  submit: 'selfAssessmentSubmit',
} as const;
