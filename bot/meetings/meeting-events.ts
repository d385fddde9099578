import { TurnContext, type MeetingEndEventDetails, type MeetingStartEventDetails } from 'botbuilder';
import { z } from 'zod';
import { saveConversationReference } from '../../core/conversations/conversation-references';
import type { BotDependencies } from '../bot-dependencies';
import { conversationKindOf } from '../conversation-kind';
import { resolveCaller, tenantIdOf } from '../turn-caller';

/**
 * What Teams documents for meeting start and end events ("Get meeting events"): `value` carries
 * Id, JoinUrl, MeetingType, Title and StartTime or EndTime. botbuilder parses it strictly and
 * throws on anything missing, which would end the turn with an apology in the meeting chat, so
 * the bot checks it first and ignores (with a log line) what it cannot read.
 */
const meetingEventValueSchema = z.object({
  Id: z.string().min(1),
  JoinUrl: z.string(),
  MeetingType: z.string(),
  Title: z.string(),
  StartTime: z.string().optional(),
  EndTime: z.string().optional(),
});

export function readableMeetingEvent(context: TurnContext, deps: BotDependencies): boolean {
  const parsed = meetingEventValueSchema.safeParse(context.activity.value);
  if (!parsed.success) {
    deps.logger.warn({ activityId: context.activity.id, name: context.activity.name, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, 'unreadable meeting event; ignored');
    return false;
  }
  return true;
}

/** The meeting chat is where the card goes: remember its reference (events are the first thing we hear from it). */
async function meetingChatOf(context: TurnContext, deps: BotDependencies): Promise<{ trustId: string; meetingChatId: string } | null> {
  const caller = await resolveCaller(deps.db, context);
  const tenantId = tenantIdOf(context);
  if (!caller || !tenantId) {
    deps.logger.warn({ tenantId, conversationId: context.activity.conversation?.id }, 'meeting event from a tenant that is not a trust; ignored');
    return null;
  }
  const reference = TurnContext.getConversationReference(context.activity);
  // Teams sends meeting events from the meeting chat; the Agents Playground sends them anywhere, so keep a personal chat's owner.
  const kind = conversationKindOf(context.activity);
  await saveConversationReference(deps.db, {
    tenantId,
    conversationId: context.activity.conversation.id,
    kind: kind === 'personal' ? 'personal' : 'meeting',
    trustId: caller.trust.id,
    personId: kind === 'personal' ? (caller.person?.id ?? null) : null,
    aadObjectId: kind === 'personal' ? (context.activity.from?.aadObjectId ?? null) : null,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
  });
  return { trustId: caller.trust.id, meetingChatId: context.activity.conversation.id };
}

const validTime = (at: Date, fallback: Date) => (Number.isNaN(at.getTime()) ? fallback : at);

export async function onMeetingStart(meeting: MeetingStartEventDetails, context: TurnContext, deps: BotDependencies): Promise<void> {
  if (!deps.waysOfWorking) return;
  const chat = await meetingChatOf(context, deps);
  if (!chat) return;
  const result = await deps.waysOfWorking.events.meetingStarted({ ...chat, joinUrl: meeting.joinUrl || null, at: validTime(meeting.startTime, deps.clock.now()) });
  deps.logger.info({ teamsMeetingId: teamsMeetingIdOf(context), meetingChatId: chat.meetingChatId, result: result.status }, 'meeting start event handled');
}

export async function onMeetingEnd(meeting: MeetingEndEventDetails, context: TurnContext, deps: BotDependencies): Promise<void> {
  if (!deps.waysOfWorking) return;
  const chat = await meetingChatOf(context, deps);
  if (!chat) return;
  const result = await deps.waysOfWorking.events.meetingEnded({ ...chat, joinUrl: meeting.joinUrl || null, at: validTime(meeting.endTime, deps.clock.now()) });
  deps.logger.info({ teamsMeetingId: teamsMeetingIdOf(context), meetingChatId: chat.meetingChatId, result }, 'meeting end event handled');
}

/** Microsoft's documented place for the meeting id: `channelData.meeting.id`. */
export function teamsMeetingIdOf(context: TurnContext): string | undefined {
  return (context.activity.channelData as { meeting?: { id?: string } } | undefined)?.meeting?.id;
}
