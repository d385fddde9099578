import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAuthorised } from '../shared/bearer-auth';
import { systemClock } from '../shared/clock';
import type { FaultSpec, QueuedFault, RandomFaults } from '../shared/fault-injector';
import { FaultInjector } from '../shared/fault-injector';
import { delay, parseBody, readBody, sendJson, serve } from '../shared/http-server';
import { decodeSegment, matchRoute } from '../shared/router';
import type { BatchStep } from './batch';
import { parseBatch, runBatch } from './batch';
import type { OnlineMeeting } from './calendar-store';
import { CalendarStore } from './calendar-store';
import type { GraphResponse } from './errors';
import { defaultGraphCode, graphError } from './errors';
import { MailboxThrottle } from './mailbox-throttle';
import { graphRoutes } from './routes';
import type { CatalogApp, Installation } from './teamwork-store';
import { TeamworkStore } from './teamwork-store';
import type { AttendanceReport, GraphCall, GraphDoubleOptions, GraphUser, JsonObject } from './types';

/** A running Microsoft Graph v1.0 double. Point the Graph client's base URL at `baseUrl`. */
export interface GraphDouble {
  url: string;
  /** `{url}/v1.0` */
  baseUrl: string;
  /** Every request, top-level and inside batches, in arrival order. */
  readonly calls: GraphCall[];
  /** Events in the user's calendar (cancelled and deleted ones only with `includeRemoved`). */
  events(userId: string, options?: { includeRemoved?: boolean }): JsonObject[];
  onlineMeetings(organizerId: string): OnlineMeeting[];
  /** Requests admitted against the mailbox's Outlook limits. */
  requestCount(userId: string): number;
  /** Highest number of requests in flight at once for the mailbox. */
  maxConcurrency(userId: string): number;
  seedUsers(users: GraphUser[]): void;
  /** With no catalog apps seeded, any `teamsApp@odata.bind` id installs. */
  seedCatalogApp(app: CatalogApp): void;
  seedAttendanceReport(organizerId: string, meetingId: string, report: AttendanceReport): void;
  chatInstallations(chatId: string): Installation[];
  userInstallations(userId: string): Installation[];
  /** Holds admitted requests before they are answered until the returned function is called. */
  hold(): () => void;
  setFaults(faults: RandomFaults | null): void;
  enqueueFaults(...faults: Array<FaultSpec | QueuedFault>): void;
  resetCalls(): void;
  close(): Promise<void>;
}

interface ExecuteInput {
  method: string;
  /** Path and query relative to `/v1.0`. */
  url: string;
  headers: Record<string, string | undefined>;
  body: unknown;
  authorization?: string;
  batch?: GraphCall['batch'];
}

type Outcome = GraphResponse | { drop: true };

export async function startGraphDouble(options: GraphDoubleOptions = {}): Promise<GraphDouble> {
  const clock = options.clock ?? systemClock;
  const calendar = new CalendarStore();
  const teamwork = new TeamworkStore();
  const faults = new FaultInjector(options.seed ?? 1);
  const throttle = new MailboxThrottle(clock, options.mailboxConcurrency ?? 4, options.mailboxRequestsPer10Minutes ?? 10_000, options.throttling ?? true);
  const calls: GraphCall[] = [];
  let baseUrl = '';
  let gate: Promise<void> | undefined;
  let batchSequence = 0;
  const mailboxKey = (idOrName: string): string => (teamwork.user(idOrName)?.id ?? idOrName).toLowerCase();
  const routes = graphRoutes({ calendar, teamwork, pageSize: options.pageSize ?? 10, baseUrl: () => baseUrl, mailboxKey });

  /** Everything up to taking a mailbox slot runs synchronously, so parallel batch steps enter in order. */
  function execute(input: ExecuteInput): Promise<Outcome> {
    const now = clock.now();
    const url = new URL(input.url.startsWith('/') ? input.url : `/${input.url}`, 'http://double.local');
    const path = url.pathname.split('/').map(decodeSegment).join('/');
    const call: GraphCall = { method: input.method, path, query: Object.fromEntries(url.searchParams), body: input.body, status: 0, at: now, batch: input.batch, authorization: input.authorization };
    calls.push(call);
    const finish = (response: GraphResponse, refusedBy?: GraphCall['refusedBy']): Promise<Outcome> => {
      call.status = response.status;
      call.responseBody = response.body;
      if (refusedBy) call.refusedBy = refusedBy;
      const retryAfter = response.headers?.['retry-after'];
      if (retryAfter) call.retryAfterSeconds = Number(retryAfter);
      return Promise.resolve(response);
    };

    const fault = faults.take(input.method, path);
    if (fault) call.fault = fault.kind;
    if (fault?.kind === 'drop') {
      call.refusedBy = 'fault';
      if (!input.batch) return Promise.resolve({ drop: true });
      return finish(graphError(504, 'GatewayTimeout', 'The request timed out.', now), 'fault');
    }
    if (fault?.kind === 'status') {
      const fallback = defaultGraphCode(fault.status);
      const retryAfter = fault.status === 429 || fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds ?? 1) } : undefined;
      return finish(graphError(fault.status, fault.code ?? fallback.code, fault.message ?? fallback.message, now, retryAfter), 'fault');
    }

    const matched = matchRoute(routes, input.method, url.pathname);
    if (matched === 'method-not-allowed') return finish(graphError(405, 'Request_BadRequest', `Method ${input.method} is not allowed on ${path}.`, now));
    if (!matched) return finish(graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').filter(Boolean).pop() ?? ''}'.`, now));
    const spec = matched.route.handler;
    const mailbox = spec.mailbox?.(matched.params);
    if (mailbox) call.mailbox = mailbox;
    const admission = mailbox ? throttle.enter(mailbox) : undefined;
    if (admission && !admission.allowed) {
      return finish(graphError(429, admission.code, admission.message, now, { 'retry-after': String(admission.retryAfterSeconds) }), 'throttle');
    }
    const heldBy = gate;
    return (async () => {
      try {
        if (fault?.kind === 'delay') await delay(fault.ms);
        if (options.latencyMs) await delay(options.latencyMs);
        if (heldBy) await heldBy;
        await Promise.resolve();
        const response = spec.handle({ params: matched.params, query: url.searchParams, headers: input.headers, body: input.body, path, now: clock.now() });
        return await finish(response);
      } finally {
        if (admission?.allowed) admission.leave();
      }
    })();
  }

  async function runBatchRequest(body: unknown, authorization: string | undefined): Promise<GraphResponse> {
    const now = clock.now();
    const steps = parseBatch(body, now);
    if (!Array.isArray(steps)) return steps;
    const sequence = ++batchSequence;
    const responses = await runBatch(
      steps,
      async (step: BatchStep) => {
        const outcome = await execute({ method: step.method, url: step.url, headers: step.headers, body: step.body, authorization, batch: { sequence, stepId: step.id } });
        const response = 'drop' in outcome ? graphError(504, 'GatewayTimeout', 'The request timed out.', now) : outcome;
        const headers: Record<string, string> = { ...(response.body !== undefined ? { 'content-type': 'application/json' } : {}), ...response.headers };
        return { id: step.id, status: response.status, headers, ...(response.body !== undefined ? { body: response.body } : {}) };
      },
      () => clock.now(),
    );
    return { status: 200, body: { responses } };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const raw = await readBody(request);
    const parsed = parseBody(raw, request.headers['content-type']);
    const target = request.url ?? '/';
    const requestId = randomUUID();
    const headers = { 'request-id': requestId, 'client-request-id': String(request.headers['client-request-id'] ?? requestId) };
    const reply = (answer: GraphResponse): void => sendJson(response, answer.status, answer.body, { ...headers, ...answer.headers });
    const now = clock.now();
    const path = new URL(target, 'http://double.local').pathname;
    if (!path.startsWith('/v1.0/')) {
      reply(graphError(400, 'BadRequest', 'Invalid version: use /v1.0.', now));
      return;
    }
    const relative = target.slice('/v1.0'.length);
    if (!(await isAuthorised(options.auth, request.headers))) {
      calls.push({ method, path: path.slice(5), query: {}, body: undefined, status: 401, at: now, refusedBy: 'auth', authorization: request.headers.authorization });
      reply(graphError(401, 'InvalidAuthenticationToken', request.headers.authorization ? 'Access token validation failure.' : 'Access token is empty.', now));
      return;
    }
    if (!parsed.ok) {
      reply(graphError(400, 'BadRequest', `Unable to read JSON request payload: ${parsed.error}`, now));
      return;
    }
    if (method === 'POST' && decodeSegment(path) === '/v1.0/$batch') {
      const answer = await runBatchRequest(parsed.body, request.headers.authorization);
      calls.push({ method, path: '/$batch', query: {}, body: parsed.body, status: answer.status, at: now, authorization: request.headers.authorization, responseBody: answer.body });
      reply(answer);
      return;
    }
    const flatHeaders = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
    const outcome = await execute({ method, url: relative, headers: flatHeaders, body: parsed.body, authorization: request.headers.authorization });
    if ('drop' in outcome) {
      response.socket?.destroy();
      return;
    }
    reply(outcome);
  }

  const server = await serve(
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) sendJson(response, 500, graphError(500, 'InternalServerError', error instanceof Error ? error.message : String(error), clock.now()).body);
      });
    },
    { port: options.port, host: options.host },
  );
  baseUrl = server.url;

  return {
    url: server.url,
    baseUrl: `${server.url}/v1.0`,
    calls,
    events: (userId, eventOptions) => calendar.events(mailboxKey(userId), eventOptions?.includeRemoved ?? false).map((event) => event.resource),
    onlineMeetings: (organizerId) => calendar.onlineMeetings.get(mailboxKey(organizerId)) ?? [],
    requestCount: (userId) => throttle.requestCount(mailboxKey(userId)),
    maxConcurrency: (userId) => throttle.maxConcurrency(mailboxKey(userId)),
    seedUsers: (users) => {
      for (const user of users) teamwork.users.set(user.id.toLowerCase(), user);
    },
    seedCatalogApp: (app) => {
      teamwork.catalog.set(app.id, app);
    },
    seedAttendanceReport: (organizerId, meetingId, report) => {
      const key = `${mailboxKey(organizerId)}|${meetingId}`;
      teamwork.attendanceReports.set(key, [...(teamwork.attendanceReports.get(key) ?? []), report]);
    },
    chatInstallations: (chatId) => teamwork.chatInstallations.get(chatId) ?? [],
    userInstallations: (userId) => teamwork.userInstallations.get(mailboxKey(userId)) ?? [],
    hold: () => {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      gate = held;
      return () => {
        if (gate === held) gate = undefined;
        release();
      };
    },
    setFaults: (random) => faults.setFaults(random),
    enqueueFaults: (...queued) => faults.enqueue(...queued),
    resetCalls: () => {
      calls.length = 0;
      throttle.reset();
    },
    close: () => server.close(),
  };
}
