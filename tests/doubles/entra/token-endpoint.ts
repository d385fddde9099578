import { randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import type { Clock } from '../shared/clock';
import type { SigningKey } from './signing-keys';
import type { TokenMinter } from './token-minter';
import { botFrameworkTenantId, issuerV1, issuerV2 } from './token-minter';
import type { RegisteredApp } from './types';

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** AADSTS-style error body, as login.microsoftonline.com answers. */
function entraError(status: number, error: string, code: number, description: string, now: number): TokenAnswer {
  const traceId = randomUUID();
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${randomUUID()} Timestamp: ${new Date(now).toISOString()}`,
      error_codes: [code],
      timestamp: new Date(now).toISOString(),
      trace_id: traceId,
      correlation_id: randomUUID(),
    },
  };
}

/** `scope=https://graph.microsoft.com/.default` names the resource `https://graph.microsoft.com`. */
function resourceOf(scope: string): string {
  const first = scope.split(' ').find((part) => part.endsWith('/.default')) ?? scope.split(' ')[0] ?? '';
  return first.replace(/\/\.default$/, '');
}

export interface TokenEndpointContext {
  apps: Map<string, RegisteredApp>;
  minter: TokenMinter;
  tenantKey: SigningKey;
  clock: Clock;
  lifetimeSeconds: number;
}

/**
 * `POST /{tenant}/oauth2/v2.0/token`: client credentials, and on-behalf-of for an SSO token this
 * double minted. Secrets come as form fields or HTTP Basic.
 */
export async function tokenRequest(context: TokenEndpointContext, tenant: string, form: Record<string, string>, basic?: { id: string; secret: string }): Promise<TokenAnswer> {
  const now = context.clock.now();
  const grantType = form.grant_type;
  const clientId = form.client_id ?? basic?.id;
  const clientSecret = form.client_secret ?? basic?.secret;
  if (!grantType) return entraError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.", now);
  if (!clientId) return entraError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.", now);
  const app = context.apps.get(clientId);
  if (!app) return entraError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory.`, now);
  if (clientSecret !== app.clientSecret) return entraError(401, 'invalid_client', 7000215, 'Invalid client secret provided.', now);
  const scope = form.scope ?? '';
  if (!scope) return entraError(400, 'invalid_scope', 1002012, 'The provided value for scope is not valid.', now);
  const tenantId = tenant === 'botframework.com' ? botFrameworkTenantId : guid.test(tenant) ? tenant : app.tenantId;
  const expiresIn = context.lifetimeSeconds;

  if (grantType === 'client_credentials') {
    if (!scope.split(' ').some((part) => part.endsWith('/.default'))) {
      return entraError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`, now);
    }
    const accessToken = await context.minter.appToken(context.tenantKey, { tenantId, clientId, audience: resourceOf(scope), roles: app.roles, expiresIn });
    return { status: 200, body: { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken } };
  }

  if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && form.requested_token_use === 'on_behalf_of') {
    const assertion = form.assertion ?? '';
    try {
      const { payload } = await jwtVerify(assertion, context.tenantKey.publicKey, {
        issuer: [issuerV1(tenantId), issuerV2(tenantId)],
        currentDate: new Date(now),
        algorithms: ['RS256'],
      });
      // Only the app the token was issued to may exchange it: its client id or one of its api:// URIs.
      const audience = typeof payload.aud === 'string' ? payload.aud : '';
      if (audience !== clientId && !(audience.startsWith('api://') && audience.endsWith(`/${clientId}`))) {
        return entraError(400, 'invalid_grant', 500131, `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${audience}' and the expected audience is '${clientId}' or one of the Application Uris of this application.`, now);
      }
      const accessToken = await context.minter.mint(
        context.tenantKey,
        { iss: issuerV1(tenantId), aud: resourceOf(scope), appid: clientId, appidacr: '1', oid: payload.oid, sub: payload.sub, tid: tenantId, scp: scope.split(' ').filter((part) => !part.includes('/.default')).join(' ') || 'User.Read', upn: payload.upn ?? payload.preferred_username, ver: '1.0' },
        { expiresIn },
      );
      return { status: 200, body: { token_type: 'Bearer', scope, expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken } };
    } catch (error) {
      return entraError(400, 'invalid_grant', 50013, `Assertion failed signature validation. ${error instanceof Error ? error.message : ''}`.trim(), now);
    }
  }

  return entraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`, now);
}
