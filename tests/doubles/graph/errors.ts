import { randomUUID } from 'node:crypto';

export interface GraphResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Graph's error shape: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function graphError(status: number, code: string, message: string, now: number, headers?: Record<string, string>): GraphResponse {
  const requestId = randomUUID();
  return {
    status,
    body: { error: { code, message, innerError: { date: new Date(now).toISOString().replace(/\.\d{3}Z$/, ''), 'request-id': requestId, 'client-request-id': requestId } } },
    headers,
  };
}

/** The code Graph uses for a bare status fault. */
export function defaultGraphCode(status: number): { code: string; message: string } {
  switch (status) {
    case 400:
      return { code: 'BadRequest', message: 'Bad request.' };
    case 401:
      return { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' };
    case 403:
      return { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };
    case 404:
      return { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' };
    case 409:
      return { code: 'ErrorIrresolvableConflict', message: 'The change key passed in the request does not match the current change key for the item.' };
    case 412:
      return { code: 'PreconditionFailed', message: 'The precondition given in one or more of the request-header fields evaluated to false.' };
    case 429:
      return { code: 'TooManyRequests', message: 'Too many requests.' };
    case 502:
      return { code: 'BadGateway', message: 'Bad gateway.' };
    case 503:
      return { code: 'ServiceNotAvailable', message: 'Service unavailable.' };
    case 504:
      return { code: 'GatewayTimeout', message: 'Gateway timeout.' };
    default:
      return { code: 'InternalServerError', message: 'Internal server error.' };
  }
}
