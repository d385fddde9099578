import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWTPayload } from 'jose';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { BearerAuth } from '../shared/bearer-auth';
import { systemClock } from '../shared/clock';
import { parseBody, readBody, sendJson, serve } from '../shared/http-server';
import { matchRoute } from '../shared/router';
import type { Route } from '../shared/router';
import { selfSignedCertificate } from '../shared/tls-certificate';
import { botFrameworkMetadata, instanceDiscovery, tenantMetadataV1, tenantMetadataV2 } from './metadata';
import type { SigningKey } from './signing-keys';
import { createSigningKey, jwks } from './signing-keys';
import { tokenRequest } from './token-endpoint';
import { TokenMinter, botFrameworkIssuer, issuerV1, issuerV2 } from './token-minter';
import type { AppTokenOptions, ChannelTokenOptions, EntraDoubleOptions, Forgery, MintOptions, RegisteredApp, SsoTokenOptions, TokenRequestRecord } from './types';

export interface EntraDouble {
  url: string;
  /** PEM of the self-signed certificate when serving HTTPS: pass as `ca` or via NODE_EXTRA_CA_CERTS. */
  caCertificate?: string;
  /** Bot Framework channel metadata (botbuilder's `ToBotFromChannelOpenIdMetadataUrl`). */
  botFrameworkOpenIdMetadataUrl: string;
  openIdMetadataUrl(tenantId: string, version?: 1 | 2): string;
  /** MSAL / @azure/identity authority for a tenant (`{url}/{tenantId}`). */
  authority(tenantId: string): string;
  readonly tokenRequests: TokenRequestRecord[];
  readonly calls: Array<{ method: string; path: string; status: number; at: number }>;
  registerApp(app: RegisteredApp): void;
  /** Channel→bot token as Teams sends it to the bot's messaging endpoint. */
  mintChannelToken(options: ChannelTokenOptions): Promise<string>;
  /** Tab SSO token as `authentication.getAuthToken()` returns it. */
  mintSsoToken(options: SsoTokenOptions): Promise<string>;
  /** App-only access token (what the token endpoint issues). */
  mintAppToken(options: AppTokenOptions): Promise<string>;
  /** Verifies an app-only token this double issued for `audience` (throws on failure). */
  verifyAppToken(token: string, audience: string): Promise<JWTPayload>;
  /** A `BearerAuth` for the Teams and Graph doubles that accepts this double's app tokens for `audience`. */
  bearerAuth(audience: string): BearerAuth;
  /** Replaces both signing keys; tokens signed before no longer verify against the JWKS. */
  rotateKeys(): Promise<void>;
  close(): Promise<void>;
}

type Handler = (request: { params: Record<string, string>; body: unknown; headers: IncomingMessage['headers'] }) => Promise<{ status: number; body: unknown }>;

export async function startEntraDouble(options: EntraDoubleOptions = {}): Promise<EntraDouble> {
  const clock = options.clock ?? systemClock;
  const lifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
  const endorsements = options.channelEndorsements ?? ['msteams'];
  const apps = new Map<string, RegisteredApp>((options.apps ?? []).map((app) => [app.clientId, app]));
  const minter = new TokenMinter(clock, lifetimeSeconds);
  let channelKey: SigningKey = await createSigningKey('bf-channel-1');
  let tenantKey: SigningKey = await createSigningKey('entra-tenant-1');
  let generation = 1;
  const tokenRequests: TokenRequestRecord[] = [];
  const calls: EntraDouble['calls'] = [];
  const tls = options.https === true ? await selfSignedCertificate() : options.https || undefined;
  let baseUrl = '';

  const json = (body: unknown, status = 200): { status: number; body: unknown } => ({ status, body });
  const tenantIssuerId = (tenant: string): string => (['common', 'organizations', 'consumers'].includes(tenant) ? '{tenantid}' : tenant);

  const routes: Route<Handler>[] = [
    { method: 'GET', pattern: '/v1/.well-known/openidconfiguration', name: 'bf-metadata', handler: async () => json(botFrameworkMetadata(baseUrl)) },
    { method: 'GET', pattern: '/botframework/.well-known/openidconfiguration', name: 'bf-metadata', handler: async () => json(botFrameworkMetadata(baseUrl)) },
    { method: 'GET', pattern: '/v1/.well-known/keys', name: 'bf-keys', handler: async () => json(jwks([channelKey], endorsements)) },
    { method: 'GET', pattern: '/common/discovery/instance', name: 'instance-discovery', handler: async () => json(instanceDiscovery(baseUrl, `${baseUrl}/common/oauth2/v2.0/authorize`)) },
    { method: 'GET', pattern: '/{tenant}/v2.0/.well-known/openid-configuration', name: 'metadata-v2', handler: async ({ params }) => json(tenantMetadataV2(baseUrl, tenantIssuerId(params.tenant ?? ''))) },
    { method: 'GET', pattern: '/{tenant}/.well-known/openid-configuration', name: 'metadata-v1', handler: async ({ params }) => json(tenantMetadataV1(baseUrl, tenantIssuerId(params.tenant ?? ''))) },
    { method: 'GET', pattern: '/{tenant}/discovery/v2.0/keys', name: 'keys-v2', handler: async () => json(jwks([tenantKey])) },
    { method: 'GET', pattern: '/{tenant}/discovery/keys', name: 'keys-v1', handler: async () => json(jwks([tenantKey])) },
    { method: 'POST', pattern: '/{tenant}/oauth2/v2.0/token', name: 'token', handler: async ({ params, body, headers }) => token(params.tenant ?? '', body, headers) },
    {
      method: 'POST',
      pattern: '/{tenant}/oauth2/token',
      name: 'token-v1',
      handler: async ({ params, body, headers }) => {
        // v1 names the resource instead of a scope.
        const form = formOf(body);
        return token(params.tenant ?? '', form.resource && !form.scope ? { ...form, scope: `${form.resource}/.default` } : form, headers);
      },
    },
  ];

  async function token(tenant: string, body: unknown, headers: IncomingMessage['headers']): Promise<{ status: number; body: unknown }> {
    const form = formOf(body);
    const basic = basicCredentials(headers.authorization);
    const answer = await tokenRequest({ apps, minter, tenantKey, clock, lifetimeSeconds }, tenant, form, basic);
    tokenRequests.push({
      tenant,
      grantType: form.grant_type,
      clientId: form.client_id ?? basic?.id,
      scope: form.scope,
      status: answer.status,
      error: typeof answer.body.error === 'string' ? answer.body.error : undefined,
      at: clock.now(),
    });
    return answer;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://double.local');
    const method = (request.method ?? 'GET').toUpperCase();
    const parsed = parseBody(await readBody(request), request.headers['content-type']);
    const matched = matchRoute(routes, method, url.pathname);
    let status = 404;
    let body: unknown = { error: 'not_found', error_description: `No route for ${method} ${url.pathname}` };
    if (matched === 'method-not-allowed') {
      status = 405;
      body = { error: 'invalid_request', error_description: `Method ${method} not allowed` };
    } else if (matched) {
      const result = await matched.route.handler({ params: matched.params, body: parsed.ok ? parsed.body : undefined, headers: request.headers });
      status = result.status;
      body = result.body;
    }
    calls.push({ method, path: url.pathname, status, at: clock.now() });
    sendJson(response, status, body, { 'cache-control': 'no-store' });
  }

  const server = await serve(
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) sendJson(response, 500, { error: 'server_error', error_description: error instanceof Error ? error.message : String(error) });
      });
    },
    { port: options.port, host: options.host, tls },
  );
  baseUrl = server.url;

  /** Applies the `alg` and `key` shorthands; returns the key to sign with. */
  function resolve(defaultKey: 'channel' | 'tenant', mint: MintOptions): { key: SigningKey; options: MintOptions } {
    const forge: Forgery[] = mint.forge === undefined ? [] : Array.isArray(mint.forge) ? [...mint.forge] : [mint.forge];
    if (mint.alg === 'none') forge.push('alg-none');
    if (mint.alg === 'HS256') forge.push('alg-hs256');
    if (mint.key === 'unknown') forge.push('unknown-key');
    const which = mint.key === 'channel' || mint.key === 'tenant' ? mint.key : defaultKey;
    return { key: which === 'channel' ? channelKey : tenantKey, options: { ...mint, forge } };
  }

  const verifyAppToken = async (jwt: string, audience: string): Promise<JWTPayload> => {
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks([tenantKey])), { audience, algorithms: ['RS256'], currentDate: new Date(clock.now()), clockTolerance: 300 });
    const tid = typeof payload.tid === 'string' ? payload.tid : '';
    if (payload.iss !== issuerV1(tid) && payload.iss !== issuerV2(tid)) throw new Error(`Unexpected issuer ${payload.iss}`);
    return payload;
  };

  return {
    url: server.url,
    caCertificate: tls?.cert,
    botFrameworkOpenIdMetadataUrl: `${server.url}/v1/.well-known/openidconfiguration`,
    openIdMetadataUrl: (tenantId, version = 2) =>
      version === 2 ? `${server.url}/${tenantId}/v2.0/.well-known/openid-configuration` : `${server.url}/${tenantId}/.well-known/openid-configuration`,
    authority: (tenantId) => `${server.url}/${tenantId}`,
    tokenRequests,
    calls,
    registerApp: (app) => {
      apps.set(app.clientId, app);
    },
    mintChannelToken: (mint) => {
      const { key, options: resolved } = resolve('channel', mint);
      return minter.channelToken(key, { ...mint, ...resolved, issuer: mint.issuer ?? botFrameworkIssuer });
    },
    mintSsoToken: (mint) => {
      const { key, options: resolved } = resolve('tenant', mint);
      return minter.ssoToken(key, { ...mint, ...resolved });
    },
    mintAppToken: (mint) => {
      const { key, options: resolved } = resolve('tenant', mint);
      return minter.appToken(key, { ...mint, ...resolved });
    },
    verifyAppToken,
    bearerAuth: (audience) => ({
      verify: async (jwt) => {
        try {
          await verifyAppToken(jwt, audience);
          return true;
        } catch {
          return false;
        }
      },
    }),
    rotateKeys: async () => {
      generation += 1;
      channelKey = await createSigningKey(`bf-channel-${generation}`);
      tenantKey = await createSigningKey(`entra-tenant-${generation}`);
    },
    close: () => server.close(),
  };
}

function formOf(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, separator)), secret: decodeURIComponent(decoded.slice(separator + 1)) };
}

