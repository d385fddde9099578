import type { IncomingHttpHeaders } from 'node:http';

/** Optional token check; without it a double accepts any token or none (botbuilder local mode sends none). */
export interface BearerAuth {
  verify(token: string): Promise<boolean>;
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

export async function isAuthorised(auth: BearerAuth | undefined, headers: IncomingHttpHeaders): Promise<boolean> {
  if (!auth) return true;
  const token = bearerToken(headers);
  if (!token) return false;
  try {
    return await auth.verify(token);
  } catch {
    return false;
  }
}

/** Reads a claim from a JWT without verifying it (used only to key rate limits by app id). */
export function unverifiedClaim(token: string | undefined, claim: string): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const value = parsed[claim];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
