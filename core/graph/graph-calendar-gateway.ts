import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { Client, HTTPMessageHandler, ResponseType } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { z } from 'zod';
import type { Logger } from '../log/logger';
import { BatchCoalescer } from './batch-coalescer';
import { describeFailure, isRetryableStatus, refusesWholeMailbox, type GraphOperation } from './graph-failures';
import type {
  Attendee,
  CalendarEventCancellation,
  CalendarEventUpdate,
  CalendarGateway,
  CancellationResult,
  ChangedEvent,
  ChangedEventsResult,
  ChatThreadResult,
  DateWindow,
  EventResult,
  GatewayFailure,
  NewCalendarEvent,
} from './graph-gateway';
import { fromGraphDateTime, toLondonDateTime } from './london-date-time';
import { MailboxLimiter } from './mailbox-limiter';

/** Graph's documented `$batch` limit. */
export const maxBatchSteps = 20;

export interface GraphCalendarGatewayOptions {
  credential: TokenCredential;
  /** Graph root including the version, e.g. `https://graph.microsoft.com/v1.0` or the double's `baseUrl`. */
  baseUrl?: string;
  /** Shared by every gateway in the process so all calls to a mailbox count against one limit. */
  limiter?: MailboxLimiter;
  /** Steps per `$batch` (at most 20). */
  batchSize?: number;
  /** Steps of one batch running at once: the batch is split into this many `dependsOn` chains. */
  parallelSteps?: number;
  /** Tries per item before giving up on throttling or outages (default 5). */
  maxAttempts?: number;
  /**
   * An idle mailbox with a short batch waits until no step has arrived for this long (default
   * 40 ms, at most 5 times that), so publishes running side by side share full batches.
   */
  coalesceMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** 0..1, for jitter. */
  random?: () => number;
  logger?: Logger;
}

export interface GraphCredentialSettings {
  tenantId: string;
  clientId: string;
  /** Without a secret the app uses its user-assigned managed identity with `clientId`. */
  clientSecret?: string;
  authorityHost: string;
  /** Extra CA (PEM) for a rehearsal authority with a self-signed certificate. */
  caCertificate?: string;
}

const microsoftAuthorityHosts = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn'];

/** Client credentials for Graph: a secret against the configured authority, else a managed identity. */
export function createGraphCredential(settings: GraphCredentialSettings): TokenCredential {
  if (!settings.clientSecret) return new ManagedIdentityCredential({ clientId: settings.clientId });
  const microsoftAuthority = microsoftAuthorityHosts.includes(new URL(settings.authorityHost).hostname);
  return new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret, {
    authorityHost: settings.authorityHost,
    // MSAL asks login.microsoftonline.com about any other host unless discovery is off.
    disableInstanceDiscovery: !microsoftAuthority,
    ...(settings.caCertificate ? { tlsOptions: { ca: settings.caCertificate } } : {}),
  });
}

interface GraphAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface PlannedStep {
  method: 'POST' | 'PATCH' | 'GET';
  /** Relative to the version root, starting with `/`. */
  url: string;
  body?: Record<string, unknown>;
}

type StepOutcome = { ok: true; status: number; body: unknown } | GatewayFailure;

const graphErrorSchema = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) });
const batchResponseSchema = z.object({
  responses: z.array(z.object({ id: z.string(), status: z.number(), headers: z.record(z.string(), z.string()).optional(), body: z.unknown().optional() })),
});
const dateTimeSchema = z.object({ dateTime: z.string(), timeZone: z.string() });
const eventSchema = z.object({
  id: z.string(),
  iCalUId: z.string().optional(),
  transactionId: z.string().nullish(),
  subject: z.string().nullish(),
  start: dateTimeSchema.nullish(),
  end: dateTimeSchema.nullish(),
  isCancelled: z.boolean().optional(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
  '@removed': z.unknown().optional(),
});
const deltaPageSchema = z.object({ value: z.array(eventSchema), '@odata.nextLink': z.string().optional(), '@odata.deltaLink': z.string().optional() });
const onlineMeetingsSchema = z.object({ value: z.array(z.object({ chatInfo: z.object({ threadId: z.string().nullish() }).nullish() })) });

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calendar events through Microsoft Graph with application permissions.
 *
 * Writes go in `$batch` requests of up to 20 steps split into 4 `dependsOn` chains, so a batch
 * never has more than 4 steps running against the mailbox (Outlook's concurrency limit) and holds
 * 4 permits of the shared per-mailbox limiter while it runs; calls to one mailbox made at the same
 * time share batches (`BatchCoalescer`). Steps answered 429/503/504 inside the
 * batch (and the 424s behind them in their chain) are re-sent after the largest Retry-After;
 * graph-client's RetryHandler cannot see inside a batch, so retries are ours everywhere.
 */
export class GraphCalendarGateway implements CalendarGateway {
  private readonly client: Client;
  private readonly authProvider: TokenCredentialAuthenticationProvider;
  private readonly root: string;
  private readonly limiter: MailboxLimiter;
  private readonly batchSize: number;
  private readonly parallelSteps: number;
  private readonly maxAttempts: number;
  private readonly batches: BatchCoalescer<PlannedStep, GraphAnswer>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly logger?: Logger;

  constructor(options: GraphCalendarGatewayOptions) {
    const base = new URL((options.baseUrl ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, ''));
    const segments = base.pathname.split('/').filter(Boolean);
    const version = segments.pop() ?? 'v1.0';
    const host = `${base.origin}${segments.length ? `/${segments.join('/')}` : ''}`;
    this.root = `${host}/${version}`;
    this.authProvider = new TokenCredentialAuthenticationProvider(options.credential, { scopes: ['https://graph.microsoft.com/.default'] });
    // Only the HTTP handler: we add the token ourselves because graph-client's AuthenticationHandler
    // only authorises https Graph hosts, and we retry ourselves because its RetryHandler sleeps on
    // real timers and never looks inside a batch.
    this.client = Client.initWithMiddleware({ middleware: new HTTPMessageHandler(), baseUrl: host, defaultVersion: version });
    this.limiter = options.limiter ?? new MailboxLimiter();
    this.batchSize = Math.min(Math.max(1, options.batchSize ?? maxBatchSteps), maxBatchSteps);
    this.parallelSteps = Math.min(Math.max(1, options.parallelSteps ?? this.limiter.permitsPerMailbox), this.limiter.permitsPerMailbox);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    const lingerMs = Math.max(0, options.coalesceMs ?? 40);
    this.batches = new BatchCoalescer({ batchSize: this.batchSize, lingerMs, maxWaitMs: lingerMs * 5, send: (mailbox, steps) => this.postBatch(mailbox, steps) });
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.logger = options.logger;
  }

  async createEvents(organizer: string, events: readonly NewCalendarEvent[]): Promise<EventResult[]> {
    const steps = events.map((event): PlannedStep => ({ method: 'POST', url: `${userPath(organizer)}/events`, body: { ...eventBody(event), transactionId: event.transactionId } }));
    const outcomes = await this.sendInBatches(organizer, steps);
    return outcomes.map((outcome) => (outcome.ok ? eventResultFrom(outcome.body) : outcome));
  }

  async updateEvents(organizer: string, updates: readonly CalendarEventUpdate[]): Promise<EventResult[]> {
    const steps = updates.map((update): PlannedStep => ({ method: 'PATCH', url: `${userPath(organizer)}/events/${encodeURIComponent(update.eventId)}`, body: eventBody(update) }));
    const outcomes = await this.sendInBatches(organizer, steps, updates.map((update) => update.eventId));
    return outcomes.map((outcome) => (outcome.ok ? eventResultFrom(outcome.body) : outcome));
  }

  async cancelEvents(organizer: string, cancellations: readonly CalendarEventCancellation[]): Promise<CancellationResult[]> {
    const steps = cancellations.map((cancellation): PlannedStep => ({
      method: 'POST',
      url: `${userPath(organizer)}/events/${encodeURIComponent(cancellation.eventId)}/cancel`,
      body: { comment: cancellation.comment },
    }));
    const eventIds = cancellations.map((cancellation) => cancellation.eventId);
    const outcomes = await this.sendInBatches(organizer, steps, eventIds);
    return outcomes.map((outcome, index): CancellationResult => {
      const eventId = eventIds[index] ?? '';
      if (outcome.ok) return { ok: true, eventId, alreadyCancelled: false };
      // A cancelled event leaves the calendar, so cancelling it again finds nothing: same end state.
      if (outcome.status === 404 && outcome.code === 'ErrorItemNotFound') return { ok: true, eventId, alreadyCancelled: true };
      return outcome;
    });
  }

  async findMeetingChatThreadId(organizer: string, joinUrl: string): Promise<ChatThreadResult> {
    const filter = encodeURIComponent(`JoinWebUrl eq '${joinUrl.replace(/'/g, "''")}'`);
    const answer = await this.sendOne(undefined, { method: 'GET', url: `${userPath(organizer)}/onlineMeetings?$filter=${filter}` }, organizer, 'online-meetings');
    if (!answer.ok) return answer;
    const parsed = onlineMeetingsSchema.safeParse(answer.body);
    const threadId = parsed.success ? parsed.data.value.find((meeting) => meeting.chatInfo?.threadId)?.chatInfo?.threadId : undefined;
    if (!threadId) {
      return { ok: false, status: 404, code: 'MeetingNotFound', message: `No Teams meeting organised by ${organizer} has the join URL ${joinUrl}.`, retryable: false };
    }
    return { ok: true, threadId };
  }

  async changedEvents(organizer: string, deltaToken?: string, window?: DateWindow): Promise<ChangedEventsResult> {
    let next: string;
    if (deltaToken) next = deltaToken;
    else {
      if (!window) throw new Error('changedEvents needs a date window for its first call (Graph v1.0 tracks changes in a calendar view).');
      next = `${userPath(organizer)}/calendarView/delta?startDateTime=${encodeURIComponent(window.start.toISOString())}&endDateTime=${encodeURIComponent(window.end.toISOString())}`;
    }
    const changes: ChangedEvent[] = [];
    for (;;) {
      const answer = await this.sendOne(organizer, { method: 'GET', url: next }, organizer, 'calendar');
      if (!answer.ok) return answer;
      const page = deltaPageSchema.safeParse(answer.body);
      if (!page.success) return { ok: false, status: 502, code: 'UnexpectedResponse', message: `Graph's delta page was not in the expected shape: ${page.error.message}`, retryable: true };
      changes.push(...page.data.value.map(changedEventFrom));
      const deltaLink = page.data['@odata.deltaLink'];
      if (deltaLink) {
        const confirmed = await this.confirmRemovals(organizer, changes);
        return confirmed.ok ? { ok: true, changes: confirmed.changes, deltaToken: this.relative(deltaLink) } : confirmed;
      }
      const nextLink = page.data['@odata.nextLink'];
      if (!nextLink) return { ok: false, status: 502, code: 'UnexpectedResponse', message: 'Graph ended a delta round without a deltaLink.', retryable: true };
      next = this.relative(nextLink);
    }
  }

  /**
   * A calendar view's delta reports an event moved out of its window as removed, exactly as it
   * reports a deleted one; reading the event tells the two apart, so a meeting moved to a date
   * outside the year is moved here too, not cancelled.
   */
  private async confirmRemovals(organizer: string, changes: ChangedEvent[]): Promise<{ ok: true; changes: ChangedEvent[] } | GatewayFailure> {
    const confirmed: ChangedEvent[] = [];
    for (const change of changes) {
      if (change.kind !== 'removed') {
        confirmed.push(change);
        continue;
      }
      const answer = await this.sendOne(organizer, { method: 'GET', url: `${userPath(organizer)}/events/${encodeURIComponent(change.eventId)}` }, organizer, 'calendar');
      if (answer.ok) {
        const event = eventSchema.safeParse(answer.body);
        confirmed.push(event.success ? changedEventFrom({ ...event.data, '@removed': undefined }) : change);
      } else if (answer.status === 404) confirmed.push(change);
      else return answer;
    }
    return { ok: true, changes: confirmed };
  }

  /** Links from Graph are absolute; graph-client wants them relative to the version root. */
  private relative(link: string): string {
    return link.startsWith(this.root) ? link.slice(this.root.length) : link;
  }

  /**
   * Sends the steps in batches and returns one outcome per step. Items throttled inside a batch
   * are re-sent (alone, not the whole batch) after the largest Retry-After plus jitter.
   */
  private async sendInBatches(organizer: string, steps: readonly PlannedStep[], eventIds?: readonly string[]): Promise<StepOutcome[]> {
    const outcomes: Array<StepOutcome | undefined> = steps.map(() => undefined);
    const attempts = steps.map(() => 0);
    const deferrals = steps.map(() => 0);
    let pending = steps.map((_, index) => index);
    let refusal: GatewayFailure | undefined;
    const fail = (index: number, answer: GraphAnswer): GatewayFailure => {
      const error = graphErrorSchema.safeParse(answer.body);
      return describeFailure({
        status: answer.status,
        code: (error.success ? error.data.error.code : undefined) ?? `Http${answer.status}`,
        message: (error.success ? error.data.error.message : undefined) ?? '',
        organizer,
        operation: 'calendar',
        eventId: eventIds?.[index],
      });
    };

    while (pending.length > 0 && !refusal) {
      const chunk = pending.slice(0, this.batchSize);
      pending = pending.slice(chunk.length);
      // Steps of other calls to this mailbox may ride in the same batch.
      const answered = await this.batches.submit(organizer, chunk.flatMap((index) => steps[index] ?? []));
      const answers = new Map(chunk.map((index, position) => [index, answered[position]]));
      const again: number[] = [];
      let waitMs = 0;
      for (const index of chunk) {
        const answer = answers.get(index) ?? { status: 504, headers: {}, body: undefined };
        if (answer.status < 300) {
          outcomes[index] = { ok: true, status: answer.status, body: answer.body };
        } else if (answer.status === 424 && (deferrals[index] ?? 0) < steps.length) {
          // Never ran: an earlier step in its chain failed. Costs no attempt.
          deferrals[index] = (deferrals[index] ?? 0) + 1;
          again.push(index);
        } else if ((isRetryableStatus(answer.status) || answer.status === 0) && (attempts[index] ?? 0) + 1 < this.maxAttempts) {
          attempts[index] = (attempts[index] ?? 0) + 1;
          waitMs = Math.max(waitMs, retryAfterMs(answer.headers) ?? this.backoffMs(attempts[index] ?? 1));
          again.push(index);
        } else {
          const failure = fail(index, answer);
          outcomes[index] = failure;
          if (refusesWholeMailbox(failure)) refusal = failure;
        }
      }
      if (refusal) {
        // The mailbox refuses everything: report the same fix for the rest instead of sending them.
        for (const index of [...again, ...pending]) outcomes[index] = refusal;
        break;
      }
      if (again.length > 0) {
        if (waitMs > 0) {
          const delay = this.withJitter(waitMs);
          this.logger?.warn({ organizer, items: again.length, delayMs: delay }, 'Graph throttled batch steps; re-sending them after Retry-After');
          await this.sleep(delay);
        }
        pending = [...again, ...pending];
      }
    }
    return outcomes.map((outcome) => outcome ?? { ok: false, status: 0, code: 'NotSent', message: 'The request was not sent.', retryable: true });
  }

  /** One `$batch` of up to 20 steps (from one caller or several), as `dependsOn` chains; answers in step order. */
  private async postBatch(organizer: string, steps: readonly PlannedStep[]): Promise<GraphAnswer[]> {
    const chains = Math.min(this.parallelSteps, steps.length);
    const requests = steps.map((step, position) => ({
      id: String(position),
      method: step.method,
      url: step.url,
      ...(step.body ? { body: step.body, headers: { 'Content-Type': 'application/json' } } : {}),
      ...(position >= chains ? { dependsOn: [String(position - chains)] } : {}),
    }));
    const whole = await this.sendOne(organizer, { method: 'POST', url: '/$batch', body: { requests } }, organizer, 'calendar', chains);
    // The batch itself failed (after its own retries): every step gets that answer.
    if (!whole.ok) return steps.map(() => ({ status: whole.status, headers: {}, body: { error: { code: whole.code, message: whole.message } } }));
    const answers: GraphAnswer[] = steps.map(() => ({ status: 504, headers: {}, body: undefined }));
    const parsed = batchResponseSchema.safeParse(whole.body);
    for (const response of parsed.success ? parsed.data.responses : []) {
      const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
      const position = Number(response.id);
      if (Number.isInteger(position) && position >= 0 && position < answers.length) answers[position] = { status: response.status, headers, body: response.body };
    }
    return answers;
  }

  /**
   * One request with retries on 429/503/504 and dropped connections, honouring Retry-After.
   * `mailbox` set: holds `permits` of that mailbox's limiter while in flight.
   */
  private async sendOne(
    mailbox: string | undefined,
    step: PlannedStep,
    organizer: string,
    operation: GraphOperation,
    permits = 1,
  ): Promise<{ ok: true; body: unknown; headers: Record<string, string> } | GatewayFailure> {
    for (let attempt = 1; ; attempt++) {
      let answer: GraphAnswer;
      try {
        answer = mailbox ? await this.limiter.run(mailbox, permits, () => this.request(step)) : await this.request(step);
      } catch (error) {
        if (error instanceof TokenUnavailable) {
          return { ok: false, status: 401, code: 'TokenUnavailable', message: `The app could not get a Graph token from Entra ID: ${error.message}. An admin must check GRAPH_CLIENT_ID, the client secret or managed identity, and ENTRA_AUTHORITY_HOST.`, retryable: false };
        }
        answer = { status: 0, headers: {}, body: { error: { code: 'NetworkError', message: error instanceof Error ? error.message : String(error) } } };
      }
      if (answer.status < 300) return { ok: true, body: answer.body, headers: answer.headers };
      if ((isRetryableStatus(answer.status) || answer.status === 0) && attempt < this.maxAttempts) {
        const delay = this.withJitter(retryAfterMs(answer.headers) ?? this.backoffMs(attempt));
        this.logger?.warn({ organizer, status: answer.status, url: step.url.split('?')[0], delayMs: delay }, 'Graph request failed; retrying');
        await this.sleep(delay);
        continue;
      }
      const error = graphErrorSchema.safeParse(answer.body);
      return describeFailure({
        status: answer.status,
        code: (error.success ? error.data.error.code : undefined) ?? `Http${answer.status}`,
        message: (error.success ? error.data.error.message : undefined) ?? '',
        organizer,
        operation,
      });
    }
  }

  private async request(step: PlannedStep): Promise<GraphAnswer> {
    let token: string;
    try {
      token = await this.authProvider.getAccessToken();
    } catch (error) {
      throw new TokenUnavailable(error instanceof Error ? error.message : String(error));
    }
    const request = this.client.api(step.url).responseType(ResponseType.RAW).header('Authorization', `Bearer ${token}`);
    const response: Response = step.method === 'GET' ? await request.get() : step.method === 'PATCH' ? await request.patch(step.body) : await request.post(step.body ?? {});
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body };
  }

  /** Exponential from 1 s, capped at 30 s, when Graph gives no Retry-After. */
  private backoffMs(attempt: number): number {
    return Math.min(30_000, 1_000 * 2 ** (attempt - 1));
  }

  /** Up to 20% more, so callers throttled together do not come back together. */
  private withJitter(ms: number): number {
    return Math.round(ms + ms * 0.2 * this.random());
  }
}

class TokenUnavailable extends Error {}

function userPath(organizer: string): string {
  return `/users/${encodeURIComponent(organizer)}`;
}

function retryAfterMs(headers: Record<string, string>): number | undefined {
  const value = headers['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function attendeesBody(attendees: readonly Attendee[]) {
  return attendees.map((attendee) => ({ emailAddress: { address: attendee.email, name: attendee.name }, type: 'required' }));
}

/** Graph's event fields for whichever of ours are set. */
function eventBody(event: Partial<Omit<NewCalendarEvent, 'transactionId'>>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (event.subject !== undefined) body.subject = event.subject;
  if (event.bodyHtml !== undefined) body.body = { contentType: 'html', content: event.bodyHtml };
  if (event.startsAt) body.start = toLondonDateTime(event.startsAt);
  if (event.endsAt) body.end = toLondonDateTime(event.endsAt);
  if (event.attendees) body.attendees = attendeesBody(event.attendees);
  if (event.location !== undefined) body.location = { displayName: event.location };
  if (event.online === true) Object.assign(body, { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
  if (event.online === false) body.isOnlineMeeting = false;
  return body;
}

function eventResultFrom(body: unknown): EventResult {
  const parsed = eventSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 502, code: 'UnexpectedResponse', message: `Graph's event was not in the expected shape: ${parsed.error.message}`, retryable: true };
  const joinUrl = parsed.data.onlineMeeting?.joinUrl ?? undefined;
  return { ok: true, eventId: parsed.data.id, iCalUId: parsed.data.iCalUId ?? '', ...(joinUrl ? { joinUrl } : {}) };
}

function changedEventFrom(event: z.infer<typeof eventSchema>): ChangedEvent {
  if (event['@removed'] !== undefined) return { kind: 'removed', eventId: event.id };
  const joinUrl = event.onlineMeeting?.joinUrl ?? undefined;
  return {
    kind: 'changed',
    eventId: event.id,
    isCancelled: event.isCancelled ?? false,
    ...(event.iCalUId ? { iCalUId: event.iCalUId } : {}),
    ...(event.transactionId ? { transactionId: event.transactionId } : {}),
    ...(event.subject != null ? { subject: event.subject } : {}),
    ...(event.start ? { startsAt: fromGraphDateTime(event.start) } : {}),
    ...(event.end ? { endsAt: fromGraphDateTime(event.end) } : {}),
    ...(joinUrl ? { joinUrl } : {}),
  };
}
