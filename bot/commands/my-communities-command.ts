import { CardFactory } from 'botbuilder';
import { communitiesForPerson } from '../../core/directory/people-directory';
import { formatMeetingSlot } from '../../core/time/london-time';
import { meetingModeLabels } from '../../core/meetings/meeting-mode';
import { myCommunitiesCard } from '../cards/my-communities-card';
import type { AdaptiveCard } from '../cards/render-card';
import type { BotDependencies } from '../bot-dependencies';
import type { Caller } from '../turn-caller';
import type { Command } from './command';

export async function myCommunitiesCardFor(deps: BotDependencies, caller: Caller, personId: string, personName: string): Promise<AdaptiveCard> {
  const communities = await communitiesForPerson(deps.db, caller.trust.id, personId, deps.clock.now());
  return myCommunitiesCard({
    personName,
    tabUrl: deps.tabUrl,
    communities: communities.map((c) => ({
      name: c.name,
      role: c.role,
      nextMeeting: c.nextMeeting
        ? `${formatMeetingSlot(new Date(c.nextMeeting.startsAt), new Date(c.nextMeeting.endsAt))} (${meetingModeLabels[c.nextMeeting.mode]})`
        : null,
    })),
  });
}

export const myCommunitiesCommand: Command = {
  name: 'my communities',
  triggers: ['my communities', 'communities', 'my groups'],
  description: 'Lists your communities, your role in each and when each next meets.',
  needsPerson: true,
  handle: async ({ context, caller, deps }) => {
    if (!caller.person) return;
    const card = await myCommunitiesCardFor(deps, caller, caller.person.id, caller.person.displayName);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  },
};
