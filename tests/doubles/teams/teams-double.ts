import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, isAuthorised, unverifiedClaim } from '../shared/bearer-auth';
import { systemClock } from '../shared/clock';
import type { Fault, FaultSpec, QueuedFault, RandomFaults } from '../shared/fault-injector';
import { FaultInjector } from '../shared/fault-injector';
import { delay, parseBody, readBody, sendJson, serve } from '../shared/http-server';
import { matchRoute } from '../shared/router';
import type { ConversationState } from './conversation-store';
import { ConversationStore, tenantIdOf } from './conversation-store';
import type { ForbiddenCode } from './errors';
import { defaultCodeFor, teamsErrorBody } from './errors';
import { defaultTenantRequestsPerSecond } from './rate-limits';
import { TeamsRateLimiter } from './rate-limiter';
import type { TeamsRouteSpec } from './routes';
import { teamsRoutes } from './routes';
import type { MeetingInfo, RecordedCall, RecordedNotification, SeedConversation, SentActivity, TeamsDoubleOptions, TeamsMember } from './types';

/** A running Bot Connector double. Point the bot's `serviceUrl` at `serviceUrl`. */
export interface TeamsDouble {
  url: string;
  /** `url` with the trailing slash Teams puts on service URLs. */
  serviceUrl: string;
  /** Every request, in arrival order. */
  readonly calls: RecordedCall[];
  /** Activities posted successfully (create with activity, send, reply), oldest first, excluding deleted ones. */
  activities(conversationId?: string): SentActivity[];
  /** Resolves once at least `count` activities (optionally in one conversation) have been posted. */
  waitForActivities(count: number, timeoutMs?: number, conversationId?: string): Promise<SentActivity[]>;
  conversation(id: string): ConversationState | undefined;
  notifications(meetingId?: string): RecordedNotification[];
  seedConversation(conversation: SeedConversation): void;
  seedMembers(conversationId: string, members: TeamsMember[]): void;
  seedMeeting(meetingId: string, info: MeetingInfo, participants?: string[]): void;
  seedTeamChannels(teamId: string, channels: Array<{ id: string; name?: string }>): void;
  /** Make every send to a conversation fail with a documented 403 code (null to lift it). */
  forbidConversation(conversationId: string, code: ForbiddenCode | null): void;
  /** The user (29: id or AAD object id) blocked the bot: 403 on create conversation and on sends to chats they are in. */
  forbidUser(userId: string, code: ForbiddenCode | null): void;
  setFaults(faults: RandomFaults | null): void;
  /** Answer the next matching requests with these faults, in order. */
  enqueueFaults(...faults: Array<FaultSpec | QueuedFault>): void;
  /** Forget recorded calls and rate-limit history (state such as conversations stays). */
  resetCalls(): void;
  close(): Promise<void>;
}

export async function startTeamsDouble(options: TeamsDoubleOptions = {}): Promise<TeamsDouble> {
  const clock = options.clock ?? systemClock;
  const store = new ConversationStore();
  const faults = new FaultInjector(options.seed ?? 1);
  const limiter = new TeamsRateLimiter(clock, options.tenantRequestsPerSecond ?? defaultTenantRequestsPerSecond);
  const rateLimits = options.rateLimits ?? true;
  const routes = teamsRoutes({ store, strictConversations: options.strictConversations ?? false, maxMessageBytes: options.maxMessageBytes ?? 28 * 1024 });
  const calls: RecordedCall[] = [];
  let waiters: Array<() => void> = [];

  const notifyWaiters = (): void => {
    const current = waiters;
    waiters = [];
    for (const waiter of current) waiter();
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = clock.now();
    const url = new URL(request.url ?? '/', 'http://double.local');
    const method = (request.method ?? 'GET').toUpperCase();
    const raw = await readBody(request);
    const parsed = parseBody(raw, request.headers['content-type']);
    const matched = matchRoute(routes, method, url.pathname);
    const spec: TeamsRouteSpec | undefined = matched && matched !== 'method-not-allowed' ? matched.route.handler : undefined;
    const params = matched && matched !== 'method-not-allowed' ? matched.params : {};
    const call: RecordedCall = {
      operation: spec?.operation ?? 'unknown',
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...params,
      body: parsed.ok ? parsed.body : raw,
      status: 0,
      at,
      authorization: request.headers.authorization,
    };
    calls.push(call);
    const answer = (status: number, body?: unknown, headers?: Record<string, string>): void => {
      call.status = status;
      call.responseBody = body;
      sendJson(response, status, body, headers);
    };

    if (!(await isAuthorised(options.auth, request.headers))) {
      call.refusedBy = 'auth';
      answer(401, { message: 'Authorization has been denied for this request.' });
      return;
    }
    if (!spec) {
      answer(matched === 'method-not-allowed' ? 405 : 404, teamsErrorBody(matched === 'method-not-allowed' ? 'MethodNotAllowed' : 'NotFound', `No route for ${method} ${url.pathname}`));
      return;
    }
    if (!parsed.ok) {
      answer(400, teamsErrorBody('BadArgument', `Body is not JSON: ${parsed.error}`));
      return;
    }

    const fault = faults.take(method, url.pathname);
    if (fault) {
      call.fault = fault.kind;
      if (fault.kind === 'delay') await delay(fault.ms);
      else if (applyFault(fault, call, response)) return;
    }

    const token = bearerToken(request.headers);
    const botId = unverifiedClaim(token, 'appid') ?? unverifiedClaim(token, 'azp') ?? 'bot';
    const teamsRequest = { params, query: url.searchParams, body: parsed.body, bodyBytes: Buffer.byteLength(raw), botId, now: at };
    if (rateLimits) {
      const conversation = params.conversationId ? store.conversations.get(params.conversationId) : undefined;
      const tenantId = conversation?.tenantId ?? tenantIdOf(parsed.body) ?? options.defaultTenantId ?? 'tenant';
      const admission = limiter.admit({ botId, tenantId, scenario: spec.scenario, thread: spec.thread?.(teamsRequest) });
      if (!admission.allowed) {
        call.refusedBy = 'rate-limit';
        call.retryAfterSeconds = admission.retryAfterSeconds;
        answer(429, teamsErrorBody('Throttled', `Too many requests (${admission.reason}).`), { 'retry-after': String(admission.retryAfterSeconds) });
        return;
      }
    }

    const result = spec.handle(teamsRequest);
    if (result.refusedBy) call.refusedBy = result.refusedBy;
    answer(result.status, result.body);
    if (result.status < 300) notifyWaiters();
  }

  /** Answers a status or drop fault; returns false for faults that let the request proceed. */
  function applyFault(fault: Fault, call: RecordedCall, response: ServerResponse): boolean {
    if (fault.kind === 'drop') {
      call.refusedBy = 'fault';
      call.status = 0;
      response.socket?.destroy();
      return true;
    }
    if (fault.kind !== 'status') return false;
    call.refusedBy = 'fault';
    call.status = fault.status;
    const code = fault.code ?? defaultCodeFor(fault.status);
    const headers: Record<string, string> = {};
    if (fault.status === 429 || fault.retryAfterSeconds !== undefined) {
      headers['retry-after'] = String(fault.retryAfterSeconds ?? 1);
      call.retryAfterSeconds = fault.retryAfterSeconds ?? 1;
    }
    const body = fault.status === 503 || fault.status === 504 ? undefined : teamsErrorBody(code, fault.message);
    call.responseBody = body;
    sendJson(response, fault.status, body, headers);
    return true;
  }

  const server = await serve(
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) sendJson(response, 500, teamsErrorBody('ServiceError', error instanceof Error ? error.message : String(error)));
      });
    },
    { port: options.port, host: options.host },
  );

  const activities = (conversationId?: string): SentActivity[] =>
    store.activities.filter((sent) => !sent.deleted && (conversationId === undefined || sent.conversationId === conversationId));

  return {
    url: server.url,
    serviceUrl: `${server.url}/`,
    calls,
    activities,
    waitForActivities: (count, timeoutMs = 5_000, conversationId) =>
      new Promise<SentActivity[]>((resolve, reject) => {
        const check = (): boolean => {
          const found = activities(conversationId);
          if (found.length < count) return false;
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wait = (): void => {
          if (!check()) waiters.push(wait);
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((waiter) => waiter !== wait);
          reject(new Error(`Expected ${count} activities${conversationId ? ` in ${conversationId}` : ''} within ${timeoutMs} ms, saw ${activities(conversationId).length}`));
        }, timeoutMs);
        wait();
      }),
    conversation: (id) => store.conversations.get(id),
    notifications: (meetingId) => store.notifications.filter((sent) => meetingId === undefined || sent.meetingId === meetingId),
    seedConversation: (seed) => {
      const conversation = store.ensure(seed.id, seed.tenantId);
      if (seed.conversationType) conversation.conversationType = seed.conversationType;
      if (seed.members) conversation.members = [...seed.members];
    },
    seedMembers: (conversationId, members) => {
      store.ensure(conversationId).members = [...members];
    },
    seedMeeting: (meetingId, info, participants) => {
      store.meetings.set(meetingId, { info, participants });
    },
    seedTeamChannels: (teamId, channels) => {
      store.teamChannels.set(teamId, [...channels]);
    },
    forbidConversation: (conversationId, code) => {
      store.ensure(conversationId).forbidden = code ?? undefined;
    },
    forbidUser: (userId, code) => {
      if (code) store.forbiddenUsers.set(userId, code);
      else store.forbiddenUsers.delete(userId);
    },
    setFaults: (options) => faults.setFaults(options),
    enqueueFaults: (...queued) => faults.enqueue(...queued),
    resetCalls: () => {
      calls.length = 0;
      limiter.reset();
    },
    close: () => server.close(),
  };
}
