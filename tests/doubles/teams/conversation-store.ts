import { createHash } from 'node:crypto';
import type { ForbiddenCode } from './errors';
import type { JsonObject, MeetingInfo, RecordedNotification, SentActivity, TeamsMember } from './types';

export interface ConversationState {
  id: string;
  tenantId?: string;
  conversationType?: string;
  members: TeamsMember[];
  forbidden?: ForbiddenCode;
}

export interface MeetingState {
  info: MeetingInfo;
  /** Participant ids (`29:...`); when set, notifications to others fail (207). */
  participants?: string[];
}

/** In-memory state of the connector: conversations, rosters, activities, meetings, team channels. */
export class ConversationStore {
  readonly conversations = new Map<string, ConversationState>();
  readonly activities: SentActivity[] = [];
  readonly meetings = new Map<string, MeetingState>();
  readonly teamChannels = new Map<string, Array<{ id: string; name?: string }>>();
  readonly forbiddenUsers = new Map<string, ForbiddenCode>();
  readonly notifications: RecordedNotification[] = [];
  private nextActivityNumber = 1_700_000_000_000;

  ensure(id: string, tenantId?: string): ConversationState {
    const existing = this.conversations.get(id);
    if (existing) {
      if (tenantId && !existing.tenantId) existing.tenantId = tenantId;
      return existing;
    }
    const created: ConversationState = { id, tenantId, members: [] };
    this.conversations.set(id, created);
    return created;
  }

  /**
   * The id Teams gives a new conversation: a 1:1 chat with the same user is always the same
   * conversation; a post to a channel starts a thread `{channelId};messageid={activityId}`.
   */
  idForNewConversation(botId: string, parameters: JsonObject, rootActivityId: string): string {
    const channelId = channelIdOf(parameters);
    if (channelId) return `${channelId};messageid=${rootActivityId}`;
    const members = Array.isArray(parameters.members) ? parameters.members : [];
    const memberIds = members.map((member) => (typeof member === 'object' && member !== null && 'id' in member ? String(member.id) : '')).sort();
    const digest = createHash('sha256').update(`${botId}|${memberIds.join(',')}|${parameters.isGroup === true}`).digest('base64url');
    return parameters.isGroup === true ? `19:${digest.slice(0, 32)}@thread.v2` : `a:${digest}`;
  }

  newActivityId(): string {
    this.nextActivityNumber += 1;
    return String(this.nextActivityNumber);
  }

  addActivity(conversationId: string, activity: JsonObject, at: number, replyToId?: string): SentActivity {
    const sent: SentActivity = { conversationId, id: this.newActivityId(), activity, replyToId, at, updates: 0, deleted: false };
    this.activities.push(sent);
    return sent;
  }

  findActivity(conversationId: string, activityId: string): SentActivity | undefined {
    return this.activities.find((sent) => sent.conversationId === conversationId && sent.id === activityId && !sent.deleted);
  }

  /** The 403 code a send to this conversation gets, if any. */
  forbiddenFor(conversation: ConversationState): ForbiddenCode | undefined {
    if (conversation.forbidden) return conversation.forbidden;
    for (const member of conversation.members) {
      const code = this.forbiddenUsers.get(member.id) ?? (member.aadObjectId ? this.forbiddenUsers.get(member.aadObjectId) : undefined);
      if (code) return code;
    }
    return undefined;
  }
}

export function channelIdOf(parameters: JsonObject): string | undefined {
  const channelData = parameters.channelData;
  if (typeof channelData !== 'object' || channelData === null) return undefined;
  const channel = (channelData as JsonObject).channel;
  if (typeof channel !== 'object' || channel === null) return undefined;
  const id = (channel as JsonObject).id;
  return typeof id === 'string' ? id : undefined;
}

export function tenantIdOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as JsonObject;
  if (typeof record.tenantId === 'string') return record.tenantId;
  const channelData = record.channelData;
  if (typeof channelData === 'object' && channelData !== null) {
    const tenant = (channelData as JsonObject).tenant;
    if (typeof tenant === 'object' && tenant !== null && typeof (tenant as JsonObject).id === 'string') return (tenant as JsonObject).id as string;
  }
  const conversation = record.conversation;
  if (typeof conversation === 'object' && conversation !== null && typeof (conversation as JsonObject).tenantId === 'string') {
    return (conversation as JsonObject).tenantId as string;
  }
  return undefined;
}
