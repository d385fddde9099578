import crypto from 'node:crypto';
import type { ActivityContext, ActivityPerson } from './activities';

/**
 * Teams meeting events as Microsoft documents them ("Get meeting events", msteams-docs
 * apps-in-teams-meetings): `type: event`, the meeting chat as the conversation, the meeting id in
 * `channelData.meeting.id`, and `value` with Id, JoinUrl, MeetingType, Title and StartTime/EndTime.
 */
export interface TeamsMeeting {
  /** The meeting chat, `19:meeting_...@thread.v2`. */
  chatId: string;
  /** The base64 meeting id Teams uses (`MCMx...`). */
  teamsMeetingId: string;
  joinUrl: string;
  title: string;
}

export function teamsMeetingFor(seed: string, title: string): TeamsMeeting {
  const thread = `19:meeting_${crypto.createHash('sha256').update(seed).digest('base64url').slice(0, 40)}@thread.v2`;
  return {
    chatId: thread,
    teamsMeetingId: Buffer.from(`0#${thread}#0`).toString('base64'),
    joinUrl: `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(thread)}/0`,
    title,
  };
}

function meetingEvent(ctx: ActivityContext, organiser: ActivityPerson, meeting: TeamsMeeting, name: string, value: Record<string, unknown>) {
  return {
    name,
    type: 'event',
    timestamp: new Date().toISOString(),
    id: `f:${crypto.randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: ctx.serviceUrl,
    from: { id: organiser.id ?? `29:${organiser.aadObjectId}`, aadObjectId: organiser.aadObjectId },
    conversation: { isGroup: true, tenantId: ctx.tenantId, id: meeting.chatId },
    recipient: { id: ctx.botId ?? '28:trust-communities-bot', name: 'Trust Communities' },
    entities: [{ locale: 'en-GB', country: 'GB', type: 'clientInfo' }],
    channelData: { tenant: { id: ctx.tenantId }, source: null, meeting: { id: meeting.teamsMeetingId } },
    value,
  };
}

export function meetingStartEvent(ctx: ActivityContext, organiser: ActivityPerson, meeting: TeamsMeeting, startTime: string) {
  return meetingEvent(ctx, organiser, meeting, 'application/vnd.microsoft.meetingStart', {
    MeetingType: 'Scheduled',
    Title: meeting.title,
    Id: meeting.teamsMeetingId,
    JoinUrl: meeting.joinUrl,
    StartTime: startTime,
  });
}

export function meetingEndEvent(ctx: ActivityContext, organiser: ActivityPerson, meeting: TeamsMeeting, endTime: string) {
  return meetingEvent(ctx, organiser, meeting, 'application/vnd.microsoft.meetingEnd', {
    MeetingType: 'Scheduled',
    Title: meeting.title,
    Id: meeting.teamsMeetingId,
    JoinUrl: meeting.joinUrl,
    EndTime: endTime,
  });
}

/** A card button pressed in the meeting chat. */
export function meetingChatCardAction(ctx: ActivityContext, person: ActivityPerson, meeting: TeamsMeeting, verb: string, data: Record<string, unknown>) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `f:${crypto.randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: ctx.serviceUrl,
    from: { id: person.id ?? `29:${person.aadObjectId}`, name: person.name, aadObjectId: person.aadObjectId },
    conversation: { isGroup: true, conversationType: 'groupChat', tenantId: ctx.tenantId, id: meeting.chatId },
    recipient: { id: ctx.botId ?? '28:trust-communities-bot', name: 'Trust Communities' },
    channelData: { tenant: { id: ctx.tenantId }, meeting: { id: meeting.teamsMeetingId } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
