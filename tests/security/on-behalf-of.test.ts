import { decodeJwt } from 'jose';
import { AppError } from '../../core/errors';
import { createUserGraphAccess } from '../../core/graph/user-graph-access';
import { startEntraDouble, type EntraDouble } from '../doubles/entra';

const tenantId = '8a7c6b5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d';
const tabClientId = '11111111-2222-3333-4444-555555555555';
const otherClientId = '99999999-8888-7777-6666-555555555555';

/** Graph as the signed-in person: the tab's SSO token exchanged on-behalf-of at the Entra double's token endpoint. */
describe('Graph on behalf of the person signed in to the tab', () => {
  let entra: EntraDouble;

  beforeAll(async () => {
    entra = await startEntraDouble({ https: true, apps: [{ clientId: tabClientId, clientSecret: 'tab-secret', tenantId }] });
  });
  afterAll(async () => entra?.close());

  const access = (clientSecret = 'tab-secret') =>
    createUserGraphAccess({ tenantId, clientId: tabClientId, clientSecret, authorityHost: entra.url, caCertificate: entra.caCertificate });
  const ssoToken = (options: { clientId?: string; version?: 1 | 2 } = {}) =>
    entra.mintSsoToken({ version: options.version ?? 2, tenantId, clientId: options.clientId ?? tabClientId, oid: 'oid-catherine', name: 'Catherine Rowe' });

  it.each([1, 2] as const)('exchanges a v%i SSO token for a Graph token that names the same person', async (version) => {
    const token = await access().tokenFor(await ssoToken({ version }));
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ aud: 'https://graph.microsoft.com', oid: 'oid-catherine', tid: tenantId, appid: tabClientId });
    const request = entra.tokenRequests.at(-1);
    expect(request).toMatchObject({ grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', clientId: tabClientId, status: 200 });
  });

  it('refuses a token that was issued to another app, as Entra does (AADSTS500131)', async () => {
    const failure = await access()
      .tokenFor(await ssoToken({ clientId: otherClientId }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'graph_sign_in_failed', httpStatus: 401, details: { aadsts: '500131' } });
    expect((failure as AppError).message).toBe('Microsoft 365 did not accept your Teams sign-in for this action (AADSTS500131). Close the app and open it again.');
  });

  it('refuses when the app presents the wrong secret, without leaking it', async () => {
    const failure = (await access('not-the-secret')
      .tokenFor(await ssoToken())
      .catch((error: unknown) => error)) as AppError;
    expect(failure).toMatchObject({ code: 'graph_sign_in_failed', details: { aadsts: '7000215' } });
    expect(failure.message).not.toContain('not-the-secret');
  });

  it('gives a credential Graph clients can use for repeated calls', async () => {
    const credential = access().credentialFor(await ssoToken());
    const first = await credential.getToken('https://graph.microsoft.com/.default');
    expect(first?.token).toEqual(expect.any(String));
  });
});
