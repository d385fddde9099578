import type { Route } from '../shared/router';
import { isRecord } from '../shared/http-server';
import type { ConversationStore } from './conversation-store';
import { channelIdOf, tenantIdOf } from './conversation-store';
import { teamsErrorBody } from './errors';
import type { LimitScenario } from './rate-limits';
import type { JsonObject, TeamsMember, TeamsOperation } from './types';

export interface TeamsRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  bodyBytes: number;
  botId: string;
  now: number;
}

export interface TeamsResponse {
  status: number;
  body?: unknown;
  refusedBy?: 'state';
}

export interface TeamsRouteSpec {
  operation: TeamsOperation;
  /** Row of the rate-limit table this operation counts against, and the thread it counts in. */
  scenario?: LimitScenario;
  thread?(request: TeamsRequest): string | undefined;
  handle(request: TeamsRequest): TeamsResponse;
}

export interface RouteContext {
  store: ConversationStore;
  strictConversations: boolean;
  maxMessageBytes: number;
}

function error(status: number, code: string, message?: string, refused = false): TeamsResponse {
  return { status, body: teamsErrorBody(code, message), ...(refused ? { refusedBy: 'state' as const } : {}) };
}

const pageSizeMin = 50;
const pageSizeMax = 500;
const pageSizeDefault = 200;

export function teamsRoutes(context: RouteContext): Route<TeamsRouteSpec>[] {
  const { store } = context;

  /** Common checks before a send: body, size, conversation existence, 403 state. */
  function prepareSend(request: TeamsRequest): { activity: JsonObject; conversationId: string } | TeamsResponse {
    const conversationId = request.params.conversationId ?? '';
    if (!isRecord(request.body)) return error(400, 'BadArgument', 'Activity body is required.');
    if (request.bodyBytes > context.maxMessageBytes) return error(413, 'MessageSizeTooBig');
    if (context.strictConversations && !store.conversations.has(conversationId)) return error(404, 'ConversationNotFound');
    const conversation = store.ensure(conversationId, tenantIdOf(request.body));
    const forbidden = store.forbiddenFor(conversation);
    if (forbidden) return error(403, forbidden, undefined, true);
    return { activity: request.body, conversationId };
  }

  function knownConversation(request: TeamsRequest): ReturnType<ConversationStore['ensure']> | TeamsResponse {
    const conversation = store.conversations.get(request.params.conversationId ?? '');
    return conversation ?? error(404, 'ConversationNotFound');
  }

  const thread = (request: TeamsRequest): string | undefined => request.params.conversationId;

  const send: TeamsRouteSpec = {
    operation: 'sendToConversation',
    scenario: 'send',
    thread,
    handle: (request) => {
      const prepared = prepareSend(request);
      if ('status' in prepared) return prepared;
      const replyToId = typeof prepared.activity.replyToId === 'string' ? prepared.activity.replyToId : undefined;
      const sent = store.addActivity(prepared.conversationId, prepared.activity, request.now, replyToId);
      return { status: 201, body: { id: sent.id } };
    },
  };

  const reply: TeamsRouteSpec = {
    operation: 'replyToActivity',
    scenario: 'send',
    thread,
    handle: (request) => {
      const prepared = prepareSend(request);
      if ('status' in prepared) return prepared;
      const sent = store.addActivity(prepared.conversationId, prepared.activity, request.now, request.params.activityId);
      return { status: 201, body: { id: sent.id } };
    },
  };

  const update: TeamsRouteSpec = {
    operation: 'updateActivity',
    scenario: 'send',
    thread,
    handle: (request) => {
      const prepared = prepareSend(request);
      if ('status' in prepared) return prepared;
      const existing = store.findActivity(prepared.conversationId, request.params.activityId ?? '');
      if (!existing) return error(404, 'ActivityNotFoundInConversation');
      existing.activity = prepared.activity;
      existing.updates += 1;
      return { status: 200, body: { id: existing.id } };
    },
  };

  const remove: TeamsRouteSpec = {
    operation: 'deleteActivity',
    scenario: 'send',
    thread,
    handle: (request) => {
      const existing = store.findActivity(request.params.conversationId ?? '', request.params.activityId ?? '');
      if (!existing) return error(404, 'ActivityNotFoundInConversation');
      existing.deleted = true;
      return { status: 200 };
    },
  };

  const create: TeamsRouteSpec = {
    operation: 'createConversation',
    scenario: 'create',
    thread: (request) => (isRecord(request.body) ? channelIdOf(request.body) ?? store.idForNewConversation(request.botId, request.body, '') : undefined),
    handle: (request) => {
      const parameters = request.body;
      if (!isRecord(parameters)) return error(400, 'BadArgument', 'Conversation parameters are required.');
      const members = Array.isArray(parameters.members) ? parameters.members.filter(isRecord) : [];
      const channelId = channelIdOf(parameters);
      if (!channelId && members.length === 0) return error(400, 'BadArgument', 'Members are required.');
      for (const member of members) {
        const code = store.forbiddenUsers.get(String(member.id)) ?? (typeof member.aadObjectId === 'string' ? store.forbiddenUsers.get(member.aadObjectId) : undefined);
        if (code) return error(403, code, undefined, true);
      }
      const activity = isRecord(parameters.activity) ? parameters.activity : undefined;
      const rootActivityId = activity ? store.newActivityId() : '';
      const id = store.idForNewConversation(request.botId, parameters, rootActivityId);
      const conversation = store.ensure(id, tenantIdOf(parameters));
      conversation.conversationType ??= channelId ? 'channel' : parameters.isGroup === true ? 'groupChat' : 'personal';
      for (const member of members) {
        if (!conversation.members.some((existing) => existing.id === member.id)) conversation.members.push(member as unknown as TeamsMember);
      }
      if (!activity) return { status: 201, body: { id } };
      store.activities.push({ conversationId: id, id: rootActivityId, activity, at: request.now, updates: 0, deleted: false });
      return { status: 201, body: { id, activityId: rootActivityId } };
    },
  };

  const members: TeamsRouteSpec = {
    operation: 'getConversationMembers',
    scenario: 'members',
    thread,
    handle: (request) => {
      const conversation = knownConversation(request);
      return 'status' in conversation ? conversation : { status: 200, body: conversation.members };
    },
  };

  const pagedMembers: TeamsRouteSpec = {
    operation: 'getConversationPagedMembers',
    scenario: 'members',
    thread,
    handle: (request) => {
      const conversation = knownConversation(request);
      if ('status' in conversation) return conversation;
      const requested = Number(request.query.get('pageSize') ?? pageSizeDefault);
      const pageSize = Math.min(pageSizeMax, Math.max(pageSizeMin, Number.isFinite(requested) ? requested : pageSizeDefault));
      const token = request.query.get('continuationToken');
      const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
      if (!Number.isInteger(start) || start < 0) return error(400, 'BadArgument', 'Invalid continuation token.');
      const page = conversation.members.slice(start, start + pageSize);
      const next = start + pageSize < conversation.members.length ? Buffer.from(String(start + pageSize)).toString('base64url') : undefined;
      return { status: 200, body: next ? { continuationToken: next, members: page } : { members: page } };
    },
  };

  const member: TeamsRouteSpec = {
    operation: 'getConversationMember',
    scenario: 'members',
    thread,
    handle: (request) => {
      const conversation = knownConversation(request);
      if ('status' in conversation) return conversation;
      const memberId = request.params.memberId ?? '';
      const found = conversation.members.find((candidate) => candidate.id === memberId || candidate.aadObjectId === memberId);
      return found ? { status: 200, body: found } : error(404, 'MemberNotFoundInConversation');
    },
  };

  const channels: TeamsRouteSpec = {
    operation: 'fetchChannelList',
    scenario: 'conversations',
    thread: (request) => request.params.teamId,
    handle: (request) => {
      const list = store.teamChannels.get(request.params.teamId ?? '');
      return list ? { status: 200, body: { conversations: list } } : error(404, 'ConversationNotFound', 'Team not found.');
    },
  };

  const meetingInfo: TeamsRouteSpec = {
    operation: 'fetchMeetingInfo',
    handle: (request) => {
      const meeting = store.meetings.get(request.params.meetingId ?? '');
      return meeting ? { status: 200, body: meeting.info } : error(404, 'MeetingNotFound');
    },
  };

  const meetingNotification: TeamsRouteSpec = {
    operation: 'sendMeetingNotification',
    handle: (request) => {
      const meetingId = request.params.meetingId ?? '';
      const meeting = store.meetings.get(meetingId);
      if (!meeting) return error(404, 'MeetingNotFound');
      const notification = request.body;
      const value = isRecord(notification) ? notification.value : undefined;
      const recipients = isRecord(value) && Array.isArray(value.recipients) ? value.recipients.filter((r): r is string => typeof r === 'string') : [];
      if (!isRecord(notification) || notification.type !== 'targetedMeetingNotification' || recipients.length === 0) {
        return error(400, 'BadArgument', 'A targetedMeetingNotification with recipients is required.');
      }
      store.notifications.push({ meetingId, notification, at: request.now });
      const participants = meeting.participants;
      const failed = participants ? recipients.filter((recipient) => !participants.includes(recipient)) : [];
      if (failed.length === 0) return { status: 202 };
      return {
        status: 207,
        body: {
          recipientsFailureInfo: failed.map((recipientMri) => ({
            recipientMri,
            errorCode: 'MemberNotFoundInConversation',
            failureReason: 'The recipient is not a participant of the meeting.',
          })),
        },
      };
    },
  };

  const route = (method: string, pattern: string, spec: TeamsRouteSpec): Route<TeamsRouteSpec> => ({ method, pattern, name: spec.operation, handler: spec });
  return [
    route('POST', '/v3/conversations', create),
    route('POST', '/v3/conversations/{conversationId}/activities', send),
    route('POST', '/v3/conversations/{conversationId}/activities/{activityId}', reply),
    route('PUT', '/v3/conversations/{conversationId}/activities/{activityId}', update),
    route('DELETE', '/v3/conversations/{conversationId}/activities/{activityId}', remove),
    route('GET', '/v3/conversations/{conversationId}/members', members),
    route('GET', '/v3/conversations/{conversationId}/pagedmembers', pagedMembers),
    route('GET', '/v3/conversations/{conversationId}/members/{memberId}', member),
    route('GET', '/v3/teams/{teamId}/conversations', channels),
    route('GET', '/v1/meetings/{meetingId}', meetingInfo),
    route('POST', '/v1/meetings/{meetingId}/notification', meetingNotification),
  ];
}
