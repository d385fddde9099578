import crypto from 'node:crypto';
import type { Request } from 'restify';

const acceptable = /^[A-Za-z0-9._-]{8,64}$/;

/** A caller's own correlation id when it looks sane, otherwise a new one; logged with every line of the request. */
export function correlationIdOf(req: Request): string {
  const given = req.header('x-correlation-id');
  return given && acceptable.test(given) ? given : crypto.randomUUID();
}
