import { cardVerbs } from '../cards/card-verbs';
import { messageCard } from '../cards/message-card';
import { helpCardFor } from '../commands/help-command';
import { myCommunitiesCardFor } from '../commands/my-communities-command';
import type { Command } from '../commands/command';
import type { CardAction } from './card-action';
import { feedbackCardActions } from './feedback-card-actions';
import { selfAssessmentCardActions } from './self-assessment-card-actions';
import { waysOfWorkingCardActions } from './ways-of-working-card-actions';

/** Every card verb the bot answers, registered in one place. */
export function createCardActionRegistry(commands: readonly Command[]): Map<string, CardAction> {
  const actions: CardAction[] = [
    {
      verb: cardVerbs.showMyCommunities,
      handle: async ({ caller, deps }) =>
        caller.person
          ? myCommunitiesCardFor(deps, caller, caller.person.id, caller.person.displayName)
          : messageCard({ title: 'We could not find you', message: notInDirectoryMessage(caller.trust.name) }),
    },
    { verb: cardVerbs.showHelp, handle: async ({ deps }) => helpCardFor(commands, deps.tabUrl) },
    ...feedbackCardActions,
    ...selfAssessmentCardActions,
    ...waysOfWorkingCardActions,
  ];
  return new Map(actions.map((a) => [a.verb, a]));
}

export function notInDirectoryMessage(trustName: string): string {
  return `You are not in ${trustName}'s directory of staff yet, so I cannot show your communities. Ask your trust's Teams administrator to add you.`;
}
