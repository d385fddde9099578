import crypto from 'node:crypto';
import type { Request } from 'restify';

const acceptable = /^[A-Za-z0-9._-]{8,64}$/;

// W3C Trace Context: version-traceid-parentid-flags; an all-zero trace id is invalid.
const traceparent = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * A caller's own correlation id when it looks sane, else the trace id of a W3C `traceparent`
 * (what Azure's front ends and Application Insights send), else a new one; logged with every
 * line of the request.
 */
export function correlationIdOf(req: Request): string {
  const given = req.header('x-correlation-id');
  if (given && acceptable.test(given)) return given;
  const traceId = traceparent.exec(req.header('traceparent') ?? '')?.[1];
  if (traceId && !/^0+$/.test(traceId)) return traceId;
  return crypto.randomUUID();
}
