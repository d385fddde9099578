import { ClientSecretCredential } from '@azure/identity';
import { AuthenticationConfiguration, BotFrameworkAuthenticationFactory, PasswordServiceClientCredentialFactory } from 'botframework-connector';
import type { Activity } from 'botframework-schema';
import type { JWTPayload } from 'jose';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { EntraDouble } from './entra';
import { botFrameworkIssuer, issuerV1, issuerV2, startEntraDouble } from './entra';
import type { Forgery } from './entra';
import { manualClock } from './shared/clock';

const botAppId = '00000000-0000-0000-0000-00000000b07a';
const tabClientId = '11111111-2222-3333-4444-555555555555';
const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const serviceUrl = 'https://smba.trafficmanager.net/emea/';

async function metadata(url: string): Promise<{ issuer: string; jwks_uri: string; token_endpoint?: string }> {
  return (await (await fetch(url)).json()) as { issuer: string; jwks_uri: string; token_endpoint?: string };
}

/** What the tab API is expected to do with an SSO token: signature, issuer, audience, scope, tenant. */
async function verifySso(entra: EntraDouble, token: string, version: 1 | 2, now: number): Promise<JWTPayload> {
  const document = await metadata(entra.openIdMetadataUrl(tenantId, version));
  const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(document.jwks_uri)), {
    issuer: version === 2 ? issuerV2(tenantId) : issuerV1(tenantId),
    audience: [tabClientId, `api://localhost/${tabClientId}`],
    algorithms: ['RS256'],
    currentDate: new Date(now),
    clockTolerance: 300,
  });
  if (!String(payload.scp ?? '').split(' ').includes('access_as_user')) throw new Error('missing scope access_as_user');
  if (typeof payload.oid !== 'string' || payload.tid !== tenantId) throw new Error('missing oid or tid');
  return payload;
}

describe('Entra ID double', () => {
  const clock = manualClock();
  let entra: EntraDouble;

  beforeEach(async () => {
    entra = await startEntraDouble({ clock, apps: [{ clientId: botAppId, clientSecret: 's3cret', tenantId, roles: ['Calendars.ReadWrite'] }] });
  });

  afterEach(async () => {
    await entra.close();
  });

  it('publishes Bot Framework metadata whose keys endorse msteams and verify a channel token', async () => {
    const document = await metadata(entra.botFrameworkOpenIdMetadataUrl);
    expect(document.issuer).toBe(botFrameworkIssuer);
    const keys = (await (await fetch(document.jwks_uri)).json()) as { keys: Array<{ kid: string; endorsements?: string[] }> };
    expect(keys.keys[0]?.endorsements).toEqual(['msteams']);
    const token = await entra.mintChannelToken({ audience: botAppId, serviceUrl });
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(document.jwks_uri)), { issuer: botFrameworkIssuer, audience: botAppId, currentDate: new Date(clock.now()) });
    expect(payload.serviceurl).toBe(serviceUrl);
  });

  it('mints channel tokens that botframework-connector accepts and forged ones it refuses', async () => {
    const realClock = await startEntraDouble();
    try {
      const auth = BotFrameworkAuthenticationFactory.create(
        '',
        true,
        'https://login.microsoftonline.com/botframework.com',
        'https://api.botframework.com',
        botFrameworkIssuer,
        'https://api.botframework.com',
        realClock.botFrameworkOpenIdMetadataUrl,
        realClock.openIdMetadataUrl('common'),
        '',
        new PasswordServiceClientCredentialFactory(botAppId, 's3cret'),
        new AuthenticationConfiguration(),
      );
      const activity = { type: 'message', channelId: 'msteams', serviceUrl } as Activity;
      const good = await realClock.mintChannelToken({ audience: botAppId, serviceUrl });
      const result = await auth.authenticateRequest(activity, `Bearer ${good}`);
      expect(result.claimsIdentity.isAuthenticated).toBe(true);
      const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        for (const forge of ['expired', 'wrong-audience', 'wrong-issuer', 'unknown-key', 'bad-signature', 'alg-none', { missing: ['serviceurl'] }] satisfies Forgery[]) {
          const forged = await realClock.mintChannelToken({ audience: botAppId, serviceUrl, forge });
          await expect(auth.authenticateRequest(activity, `Bearer ${forged}`)).rejects.toThrow();
        }
        const otherServiceUrl = await realClock.mintChannelToken({ audience: botAppId, serviceUrl: 'https://evil.example.com/' });
        await expect(auth.authenticateRequest(activity, `Bearer ${otherServiceUrl}`)).rejects.toThrow();
      } finally {
        consoleError.mockRestore();
      }
    } finally {
      await realClock.close();
    }
  });

  it.each([1, 2] as const)('mints a v%i SSO token with the issuer, audience and claims the tab API checks', async (version) => {
    const token = await entra.mintSsoToken({ version, tenantId, clientId: tabClientId, oid: 'oid-ada', name: 'Ada Lovelace' });
    const payload = await verifySso(entra, token, version, clock.now());
    expect(payload).toMatchObject({ oid: 'oid-ada', tid: tenantId, scp: 'access_as_user', ver: `${version}.0` });
    expect(payload.iss).toBe(version === 1 ? `https://sts.windows.net/${tenantId}/` : `https://login.microsoftonline.com/${tenantId}/v2.0`);
  });

  it.each<[string, Forgery]>([
    ['an expired token', 'expired'],
    ['a token not valid yet', 'not-yet-valid'],
    ['a token for another audience', 'wrong-audience'],
    ['a token from another issuer', 'wrong-issuer'],
    ['a token signed by a key outside the JWKS', 'unknown-key'],
    ['a token with a signature from another key under a known kid', 'bad-signature'],
    ['an unsigned alg none token', 'alg-none'],
    ['an HS256 token keyed with the public key', 'alg-hs256'],
    ['a token without scp', { missing: ['scp'] }],
    ['a token without oid', { missing: ['oid'] }],
  ])('makes verification fail for %s', async (_label, forge) => {
    const token = await entra.mintSsoToken({ version: 2, tenantId, clientId: tabClientId, oid: 'oid-ada', forge });
    await expect(verifySso(entra, token, 2, clock.now())).rejects.toThrow();
  });

  it('issues client credentials tokens for registered apps and refuses wrong secrets and unknown apps', async () => {
    const endpoint = `${entra.url}/${tenantId}/oauth2/v2.0/token`;
    const request = (form: Record<string, string>): Promise<Response> =>
      fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    const ok = await request({ grant_type: 'client_credentials', client_id: botAppId, client_secret: 's3cret', scope: 'https://graph.microsoft.com/.default' });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { token_type: string; expires_in: number; access_token: string };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const payload = await entra.verifyAppToken(body.access_token, 'https://graph.microsoft.com');
    expect(payload).toMatchObject({ appid: botAppId, tid: tenantId, roles: ['Calendars.ReadWrite'], iss: issuerV1(tenantId) });
    expect(await entra.bearerAuth('https://api.botframework.com').verify(body.access_token)).toBe(false);

    const wrongSecret = await request({ grant_type: 'client_credentials', client_id: botAppId, client_secret: 'nope', scope: 'https://graph.microsoft.com/.default' });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    const unknown = await request({ grant_type: 'client_credentials', client_id: 'someone-else', client_secret: 'x', scope: 'https://graph.microsoft.com/.default' });
    expect(await unknown.json()).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    const noDefault = await request({ grant_type: 'client_credentials', client_id: botAppId, client_secret: 's3cret', scope: 'User.Read' });
    expect(noDefault.status).toBe(400);
    expect(entra.tokenRequests.map((record) => record.status)).toEqual([200, 401, 400, 400]);
  });

  it('exchanges an SSO token on behalf of the user for a Graph token carrying the same oid', async () => {
    const sso = await entra.mintSsoToken({ version: 2, tenantId, clientId: tabClientId, oid: 'oid-ada' });
    entra.registerApp({ clientId: tabClientId, clientSecret: 'tab-secret', tenantId });
    const response = await fetch(`${entra.url}/${tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        requested_token_use: 'on_behalf_of',
        client_id: tabClientId,
        client_secret: 'tab-secret',
        assertion: sso,
        scope: 'https://graph.microsoft.com/Calendars.Read',
      }),
    });
    const body = (await response.json()) as { access_token: string };
    const payload = await entra.verifyAppToken(body.access_token, 'https://graph.microsoft.com/Calendars.Read');
    expect(payload.oid).toBe('oid-ada');
  });

  it('stops verifying old tokens after the keys rotate', async () => {
    const before = await entra.mintAppToken({ tenantId, clientId: botAppId, audience: 'https://graph.microsoft.com' });
    await entra.rotateKeys();
    await expect(entra.verifyAppToken(before, 'https://graph.microsoft.com')).rejects.toThrow();
    const after = await entra.mintAppToken({ tenantId, clientId: botAppId, audience: 'https://graph.microsoft.com' });
    await expect(entra.verifyAppToken(after, 'https://graph.microsoft.com')).resolves.toMatchObject({ appid: botAppId });
  });

  it('serves HTTPS so @azure/identity can use it as an authority when given the CA', async () => {
    const secure = await startEntraDouble({ https: true, apps: [{ clientId: botAppId, clientSecret: 's3cret', tenantId }] });
    try {
      expect(secure.url).toMatch(/^https:\/\/localhost:/);
      const credential = new ClientSecretCredential(tenantId, botAppId, 's3cret', {
        authorityHost: secure.url,
        disableInstanceDiscovery: true,
        tlsOptions: { ca: secure.caCertificate },
      });
      const token = await credential.getToken('https://graph.microsoft.com/.default');
      expect(token.token.split('.')).toHaveLength(3);
      expect(secure.tokenRequests).toEqual([expect.objectContaining({ grantType: 'client_credentials', status: 200 })]);
    } finally {
      await secure.close();
    }
  });
});
