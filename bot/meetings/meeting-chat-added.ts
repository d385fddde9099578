import { CardFactory, TeamsInfo, type TurnContext } from 'botbuilder';
import type { BotDependencies } from '../bot-dependencies';
import { linkMeetingCard } from '../cards/link-meeting-card';
import type { Caller } from '../turn-caller';
import { teamsMeetingIdOf } from './meeting-events';

/**
 * A lead added the app to a meeting chat by hand. Link the chat to its community meeting: by the
 * Teams meeting's join URL when it matches one we published, else ask the lead to pick.
 */
export async function linkMeetingChatOnAdd(context: TurnContext, deps: BotDependencies, caller: Caller | null): Promise<void> {
  const services = deps.waysOfWorking;
  const isMeetingChat = context.activity.conversation.conversationType === 'groupChat' && teamsMeetingIdOf(context) !== undefined;
  if (!services || !caller || !isMeetingChat) return;
  const chatId = context.activity.conversation.id;
  if (await services.events.meetingForChat(caller.trust.id, chatId, null, deps.clock.now())) return;

  const joinUrl = await joinUrlOf(context, deps);
  const linked = joinUrl ? await services.events.linkChatByJoinUrl(caller.trust.id, chatId, joinUrl) : null;
  if (linked) {
    await context.sendActivity(`This chat is linked to **${linked.title}** (${linked.communityName}). The Ways of Working card will be posted here when the meeting starts.`);
    return;
  }
  const candidates = caller.person ? await services.events.linkCandidates(caller.trust.id, caller.person.id) : [];
  if (candidates.length === 0) {
    await context.sendActivity('This meeting is not one of our community meetings, and you lead no meeting coming up, so nothing is linked. A community lead can add the app to their meeting to link it.');
    return;
  }
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(linkMeetingCard(candidates))] });
}

/** The join URL from the connector's meeting details (`GET /v1/meetings/{id}`); null when Teams will not say. */
async function joinUrlOf(context: TurnContext, deps: BotDependencies): Promise<string | null> {
  try {
    const info = await TeamsInfo.getMeetingInfo(context, teamsMeetingIdOf(context));
    return info.details?.joinUrl ?? null;
  } catch (error) {
    deps.logger.warn({ err: error, conversationId: context.activity.conversation.id }, 'could not read the meeting details for a chat the app was added to');
    return null;
  }
}
