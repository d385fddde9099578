/** `Action.Execute` verbs of the feedback cards, shared by the cards and their handlers. */
export const feedbackVerbs = {
  submit: 'feedbackSubmit',
  edit: 'feedbackEdit',
  refresh: 'feedbackRefresh',
  confirmRegister: 'feedbackConfirmRegister',
} as const;
