import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { unauthenticated } from '../../../core/errors';

export interface SsoSettings {
  clientId: string;
  appIdUri?: string;
  allowedTenantIds: string[];
  /** OpenID metadata to take the signing keys from; Entra's common endpoint when unset. */
  openIdMetadataUrl?: string;
  authorityHost: string;
}

export interface SsoClaims {
  tenantId: string;
  objectId: string;
  name?: string;
}

const claimsSchema = z.object({
  tid: z.string().min(1),
  oid: z.string().min(1),
  scp: z.string().optional(),
  name: z.string().optional(),
});

/**
 * Validates a Teams SSO token as Microsoft documents: signature from Entra's keys (RS256 only),
 * v1 or v2 issuer of an allowed tenant, our audience, and the `access_as_user` scope.
 */
export function createSsoTokenValidator(settings: SsoSettings, fetchImpl: typeof fetch = fetch) {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const keySet = () => {
    keys ??= resolveJwksUri(settings, fetchImpl)
      .then((uri) => createRemoteJWKSet(new URL(uri)))
      .catch((error: unknown) => {
        keys = undefined;
        throw error;
      });
    return keys;
  };
  const issuers = settings.allowedTenantIds.flatMap((tid) => [
    `https://sts.windows.net/${tid}/`,
    `https://login.microsoftonline.com/${tid}/v2.0`,
  ]);
  const audiences = [settings.clientId, ...(settings.appIdUri ? [settings.appIdUri] : [])].filter((a) => a !== '');

  return async function validate(token: string): Promise<SsoClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await keySet(), { algorithms: ['RS256'], issuer: issuers, audience: audiences, clockTolerance: 300 }));
    } catch (error) {
      throw unauthenticated(`Your Teams sign-in token was not accepted (${describeJoseError(error)}). Reopen the app in Teams.`);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw unauthenticated('Your Teams sign-in token lacks the tenant or user id.');
    if (!settings.allowedTenantIds.includes(claims.data.tid)) throw unauthenticated('Your organisation is not allowed to use this app.');
    if (!(claims.data.scp ?? '').split(' ').includes('access_as_user')) {
      throw unauthenticated('Your Teams sign-in token lacks the access_as_user scope.');
    }
    return { tenantId: claims.data.tid, objectId: claims.data.oid, name: claims.data.name };
  };
}

async function resolveJwksUri(settings: SsoSettings, fetchImpl: typeof fetch): Promise<string> {
  const metadataUrl = settings.openIdMetadataUrl ?? `${settings.authorityHost}/common/v2.0/.well-known/openid-configuration`;
  const response = await fetchImpl(metadataUrl);
  if (!response.ok) throw new Error(`OpenID metadata answered ${response.status}`);
  const metadata = z.object({ jwks_uri: z.url() }).parse(await response.json());
  return metadata.jwks_uri;
}

function describeJoseError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code.replace(/^ERR_/, '').toLowerCase().replace(/_/g, ' ');
  }
  return 'signing keys unavailable';
}
