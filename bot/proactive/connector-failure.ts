import type { DeliveryOutcome } from '../../core/messaging/card-sender';

type Failure = Extract<DeliveryOutcome, { ok: false }>;

/** What a failed Bot Connector call leaves us: @azure/core-rest-pipeline's RestError, or a plain network error. */
interface ConnectorErrorShape {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined } | Record<string, string>; bodyAsText?: string | null; parsedBody?: unknown };
  body?: unknown;
}

/**
 * The Teams 403 codes (msteams-docs "Status codes from bot conversational APIs") and what they
 * mean for the recipient: blocked by the person, or refused for the bot as a whole.
 */
const forbiddenCodes: Record<string, Failure['reason']> = {
  ConversationBlockedByUser: 'blocked',
  ForbiddenOperationException: 'uninstalled',
  BotNotInConversationRoster: 'forbidden',
  BotDisabledByAdmin: 'forbidden',
  NotEnoughPermissions: 'forbidden',
  MessageWritesBlocked: 'forbidden',
};

/** Maps a connector failure to a delivery outcome; never throws, never retries. */
export function connectorFailure(error: unknown): Failure {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ConnectorErrorShape;
  const status = shape.statusCode;
  const body = errorBody(shape);
  const detail = body.code ? `${body.code}: ${body.message ?? ''}`.trim() : (shape.message ?? String(error));
  if (status === undefined) return { ok: false, reason: 'transient', message: `Teams could not be reached (${detail})` };
  if (status === 429) {
    const retryAfterMs = retryAfterMsOf(header(shape, 'retry-after'));
    return { ok: false, reason: 'throttled', message: `Teams throttled the bot (${detail})`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (status === 403) {
    const reason = (body.code && forbiddenCodes[body.code]) || 'forbidden';
    return { ok: false, reason, message: `Teams refused the message (${detail})` };
  }
  if (status === 404) return { ok: false, reason: 'not_found', message: `Teams does not know this conversation or message (${detail})` };
  if (status === 412 || status === 408 || status >= 500) return { ok: false, reason: 'transient', message: `Teams failed for now (${status} ${detail})` };
  // 400, 401, 413: retrying the same request cannot help; the caller treats "forbidden" as final.
  return { ok: false, reason: 'forbidden', message: `Teams rejected the request (${status} ${detail})` };
}

function errorBody(shape: ConnectorErrorShape): { code?: string; message?: string } {
  const candidates = [shape.response?.parsedBody, shape.body, parseJson(shape.response?.bodyAsText)];
  for (const candidate of candidates) {
    const error = (candidate as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    if (error && typeof error.code === 'string') return { code: error.code, message: typeof error.message === 'string' ? error.message : undefined };
  }
  return {};
}

function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function header(shape: ConnectorErrorShape, name: string): string | undefined {
  const headers = shape.response?.headers;
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const record = headers as Record<string, string>;
  return record[name] ?? record[name.toLowerCase()];
}

/** `Retry-After` is either seconds or an HTTP date. */
function retryAfterMsOf(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
