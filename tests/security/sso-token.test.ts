import { startEntraDouble, type EntraDouble, type SsoTokenOptions } from '../doubles/entra';
import { demoPeople, type DemoPerson } from '../support/demo-people';
import { demoTenantId, startProductionApp, type ProductionApp } from './production-app';

const tabClientId = '11111111-2222-3333-4444-555555555555';
const appIdUri = `api://localhost/${tabClientId}`;

type ErrorBody = { error?: { code?: string; message?: string; stack?: unknown } };

/** The tab API in production mode: Teams SSO tokens from the Entra double, checked against its tenant keys. */
describe('the tab API in production mode', () => {
  let entra: EntraDouble;
  let production: ProductionApp;
  let lead: DemoPerson;
  let other: DemoPerson;

  beforeAll(async () => {
    entra = await startEntraDouble();
    production = await startProductionApp({
      SSO_CLIENT_ID: tabClientId,
      SSO_APP_ID_URI: appIdUri,
      SSO_OPENID_METADATA_URL: entra.openIdMetadataUrl(demoTenantId),
    });
    const people = await demoPeople(production.database);
    lead = people.lead;
    other = people.all.find((person) => person.id !== lead.id)!;
  });

  afterAll(async () => {
    await production?.close();
    await entra?.close();
  });

  const ssoToken = (options: Partial<SsoTokenOptions> = {}): Promise<string> =>
    entra.mintSsoToken({ version: 2, tenantId: demoTenantId, clientId: tabClientId, oid: lead.aadObjectId, name: lead.name, ...options });

  const get = (path: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${production.app.url}${path}`, { headers });

  it.each([1, 2] as const)('accepts a valid v%i SSO token and shows the person it names', async (version) => {
    const response = await get('/api/v1/me', { authorization: `Bearer ${await ssoToken({ version })}` });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { person: { id: string; displayName: string } };
    expect(body.person).toMatchObject({ id: lead.id, displayName: lead.name });
  });

  const tamperedPayload = async (): Promise<string> => {
    const [header, payload, signature] = (await ssoToken()).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const swapped = Buffer.from(JSON.stringify({ ...claims, oid: other.aadObjectId })).toString('base64url');
    return `${header}.${swapped}.${signature}`;
  };

  it.each<[string, () => Promise<Record<string, string>>, string]>([
    ['no token', async () => ({}), 'no bearer token'],
    ['an Authorization header that is not a bearer token', async () => ({ authorization: `Basic ${Buffer.from('someone:secret').toString('base64')}` }), 'no bearer token'],
    ['a bearer value that is not a JWT', async () => ({ authorization: 'Bearer not.a.jwt' }), 'not accepted'],
    ['an expired token', async () => ({ authorization: `Bearer ${await ssoToken({ forge: 'expired' })}` }), 'expired'],
    ['a token that is not valid yet', async () => ({ authorization: `Bearer ${await ssoToken({ forge: 'not-yet-valid' })}` }), 'not accepted'],
    ['a token for another audience', async () => ({ authorization: `Bearer ${await ssoToken({ forge: 'wrong-audience' })}` }), 'not accepted'],
    ['a token from another issuer', async () => ({ authorization: `Bearer ${await ssoToken({ forge: 'wrong-issuer' })}` }), 'not accepted'],
    ['a token signed by a key outside the tenant keys', async () => ({ authorization: `Bearer ${await ssoToken({ forge: 'unknown-key' })}` }), 'not accepted'],
    ['a token signed by the Bot Framework channel key', async () => ({ authorization: `Bearer ${await ssoToken({ key: 'channel' })}` }), 'not accepted'],
    ['a token whose signature comes from another key under a published kid', async () => ({ authorization: `Bearer ${await ssoToken({ forge: 'bad-signature' })}` }), 'not accepted'],
    ['a token whose oid was changed after signing', async () => ({ authorization: `Bearer ${await tamperedPayload()}` }), 'not accepted'],
    ['an unsigned token with alg none', async () => ({ authorization: `Bearer ${await ssoToken({ forge: 'alg-none' })}` }), 'not accepted'],
    ['an HS256 token keyed with the public key', async () => ({ authorization: `Bearer ${await ssoToken({ forge: 'alg-hs256' })}` }), 'not accepted'],
    ['a token from a tenant that is not allowed', async () => ({ authorization: `Bearer ${await ssoToken({ tenantId: 'another-trusts-tenant' })}` }), 'not accepted'],
    [
      'a token whose tid is not allowed although its issuer is',
      async () => ({ authorization: `Bearer ${await ssoToken({ claims: { tid: 'another-trusts-tenant' } })}` }),
      'not allowed to use this app',
    ],
    ['a token without the access_as_user scope', async () => ({ authorization: `Bearer ${await ssoToken({ scp: 'User.Read' })}` }), 'access_as_user'],
    ['a token without any scope', async () => ({ authorization: `Bearer ${await ssoToken({ forge: { missing: ['scp'] } })}` }), 'access_as_user'],
  ])('refuses %s with 401 and a readable message', async (_label, headers, reason) => {
    const response = await get('/api/v1/me', await headers());
    expect(response.status).toBe(401);
    const text = await response.text();
    const body = JSON.parse(text) as ErrorBody;
    expect(body.error?.message).toEqual(expect.any(String));
    expect(body.error?.message).toContain(reason);
    expect(body.error?.stack).toBeUndefined();
    expect(text).not.toMatch(/\n\s+at |\bat \S+ \(/);
  });

  it('tells someone with a valid token who is not in the staff directory that they are not there yet (403)', async () => {
    const response = await get('/api/v1/me', { authorization: `Bearer ${await ssoToken({ oid: '99999999-9999-4999-8999-999999999999' })}` });
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorBody).error?.message).toContain('staff directory');
  });

  it('has no people picker route in production', async () => {
    const response = await get('/api/v1/people', { authorization: `Bearer ${await ssoToken()}` });
    expect(response.status).toBe(404);
  });

  it('ignores X-Dev-Person without a token', async () => {
    const response = await get('/api/v1/me', { 'x-dev-person': lead.id });
    expect(response.status).toBe(401);
  });

  it('ignores X-Dev-Person naming someone else when a token is present', async () => {
    const response = await get('/api/v1/me', { authorization: `Bearer ${await ssoToken()}`, 'x-dev-person': other.id });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { person: { id: string } }).person.id).toBe(lead.id);
  });
});
