/** `Action.Execute` verbs of the Ways of Working cards, shared by the cards and their handlers. */
export const waysOfWorkingVerbs = {
  acknowledge: 'waysOfWorkingAcknowledge',
  refresh: 'waysOfWorkingRefresh',
  linkMeetingChat: 'waysOfWorkingLinkChat',
  acknowledgeRelaunch: 'waysOfWorkingRelaunchAcknowledge',
} as const;
