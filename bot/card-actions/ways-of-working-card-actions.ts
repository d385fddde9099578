import { z } from 'zod';
import { AppError } from '../../core/errors';
import { cardDataFrom, findMeetingFacts, waysOfWorkingCardData, type CardFigures, type MeetingFacts } from '../../core/ways-of-working/meeting-card-data';
import { messageCard } from '../cards/message-card';
import type { AdaptiveCard } from '../cards/render-card';
import { relaunchCard } from '../cards/relaunch-card';
import { waysOfWorkingCard } from '../cards/ways-of-working-card';
import { waysOfWorkingVerbs } from '../cards/ways-of-working-card-verbs';
import type { BotDependencies } from '../bot-dependencies';
import type { CardAction } from './card-action';

const meetingData = z.object({ meetingId: z.uuid() });
const relaunchData = z.object({ relaunchId: z.uuid() });
const linkData = z.object({ meetingId: z.uuid({ error: 'Pick one of the meetings in the list.' }) });

const unreadable = () => messageCard({ title: 'This card could not be read', message: 'It may be out of date. Type **start meeting** to post a fresh one.' });
const unavailable = () => messageCard({ title: 'Not available', message: 'Ways of Working cards are not switched on in this app.' });

type CardOptions = { notice?: string; personalLine?: string };

async function currentCard(deps: BotDependencies, meetingId: string, options: CardOptions = {}): Promise<AdaptiveCard> {
  const meeting = await findMeetingFacts(deps.db, meetingId);
  if (!meeting) return messageCard({ title: 'Meeting not found', message: 'This meeting no longer exists in the app.' });
  return waysOfWorkingCard(await waysOfWorkingCardData(deps.db, meeting, { tabUrl: deps.tabUrl }), options);
}

/** The refreshed card from what an acknowledgement read, without reading the meeting again. */
function cardFor(deps: BotDependencies, meeting: MeetingFacts, figures: CardFigures, options: CardOptions): AdaptiveCard {
  return waysOfWorkingCard(cardDataFrom(meeting, figures, { tabUrl: deps.tabUrl }), options);
}

/** "I'll work this way", the card's refresh, and a lead picking which meeting a chat belongs to. */
export const waysOfWorkingCardActions: CardAction[] = [
  {
    verb: waysOfWorkingVerbs.acknowledge,
    handle: async ({ deps, caller, data }) => {
      const parsed = meetingData.safeParse(data);
      if (!parsed.success) return unreadable();
      if (!deps.waysOfWorking) return unavailable();
      if (!caller.person) {
        return currentCard(deps, parsed.data.meetingId, { notice: `You are not in ${caller.trust.name}'s directory of staff, so your acknowledgement was not counted.` });
      }
      const result = await deps.waysOfWorking.events.acknowledge(caller.trust.id, parsed.data.meetingId, caller.person.id);
      if (result.status === 'unknown_meeting') return messageCard({ title: 'Meeting not found', message: 'This meeting no longer exists in the app, so nothing was recorded.' });
      if (result.status === 'not_member') {
        return cardFor(deps, result.meeting, result.figures, { notice: `Only members of ${result.meeting.communityName} are counted. Thank you for joining in; ask a community lead if you should be a member.` });
      }
      return cardFor(deps, result.meeting, result.figures, { personalLine: `Thank you, ${caller.person.displayName}: you said you'll work this way.` });
    },
  },
  {
    verb: waysOfWorkingVerbs.refresh,
    handle: async ({ deps, data }) => {
      const parsed = meetingData.safeParse(data);
      return parsed.success ? currentCard(deps, parsed.data.meetingId) : unreadable();
    },
  },
  {
    verb: waysOfWorkingVerbs.acknowledgeRelaunch,
    handle: async ({ deps, caller, data }) => {
      const parsed = relaunchData.safeParse(data);
      if (!parsed.success) return unreadable();
      if (!deps.waysOfWorking) return unavailable();
      if (!caller.person) return messageCard({ title: 'Not counted', message: `You are not in ${caller.trust.name}'s directory of staff, so your acknowledgement was not recorded.` });
      const result = await deps.waysOfWorking.relaunch.acknowledge(caller.trust.id, parsed.data.relaunchId, caller.person.id);
      if (result.status === 'not_recipient' || !result.data) {
        return messageCard({ title: 'Not counted', message: 'This year\'s Ways of Working were sent to community members, and you are not on the list. Ask your PD lead if you should be.' });
      }
      return relaunchCard(result.data);
    },
  },
  {
    verb: waysOfWorkingVerbs.linkMeetingChat,
    handle: async ({ context, deps, caller, data }) => {
      const parsed = linkData.safeParse(data);
      if (!parsed.success) return messageCard({ title: 'No meeting picked', message: parsed.error.issues[0]?.message ?? 'Pick one of the meetings in the list.' });
      if (!deps.waysOfWorking) return unavailable();
      if (!caller.person) return messageCard({ title: 'Not linked', message: `You are not in ${caller.trust.name}'s directory of staff, so you cannot link meetings.` });
      try {
        const meeting = await deps.waysOfWorking.events.linkChat(caller.trust.id, context.activity.conversation.id, parsed.data.meetingId, caller.person.id);
        return messageCard({ title: 'Linked', message: `This chat is now linked to **${meeting.title}** (${meeting.communityName}). The Ways of Working card will be posted here when the meeting starts.` });
      } catch (error) {
        if (error instanceof AppError) return messageCard({ title: 'Not linked', message: error.message });
        throw error;
      }
    },
  },
];
