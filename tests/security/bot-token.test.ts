import { startEntraDouble, type EntraDouble, type Forgery } from '../doubles/entra';
import { startTeamsDouble, type TeamsDouble } from '../doubles/teams';
import { personalMessage, type ActivityContext } from '../support/activities';
import { demoPeople, type DemoPerson } from '../support/demo-people';
import { botAppId, botAppSecret, demoTenantId, pause, startProductionApp, type ProductionApp } from './production-app';

/**
 * The bot's messaging endpoint in production mode. Two doubles stand in for two Microsoft services:
 * `botFramework` publishes the channel signing keys Teams signs with (plain http, as botbuilder
 * fetches them), `entra` issues the bot's own outbound tokens over https (MSAL refuses http).
 * The Teams double accepts only Bot Connector tokens issued by `entra`.
 */
describe('the bot endpoint in production mode', () => {
  let botFramework: EntraDouble;
  let entra: EntraDouble;
  let teams: TeamsDouble;
  let production: ProductionApp;
  let ctx: ActivityContext;
  let lead: DemoPerson;

  beforeAll(async () => {
    botFramework = await startEntraDouble();
    entra = await startEntraDouble({ https: true, apps: [{ clientId: botAppId, clientSecret: botAppSecret, tenantId: demoTenantId }] });
    teams = await startTeamsDouble({ rateLimits: false, auth: entra.bearerAuth('https://api.botframework.com') });
    production = await startProductionApp(
      { BOT_OPENID_METADATA_URL: botFramework.botFrameworkOpenIdMetadataUrl, ENTRA_AUTHORITY_HOST: entra.url },
      { entraCaCertificate: entra.caCertificate },
    );
    ctx = { serviceUrl: teams.serviceUrl, tenantId: demoTenantId };
    ({ lead } = await demoPeople(production.database));
  });

  afterAll(async () => {
    await production?.close();
    await teams?.close();
    await entra?.close();
    await botFramework?.close();
  });

  const post = (activity: object, authorization?: string): Promise<Response> =>
    fetch(`${production.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });

  const channelToken = (options: { serviceUrl?: string; forge?: Forgery | Forgery[]; key?: 'tenant' } = {}): Promise<string> =>
    botFramework.mintChannelToken({ audience: botAppId, serviceUrl: options.serviceUrl ?? ctx.serviceUrl, forge: options.forge, key: options.key });

  /** Posts `help` with the given Authorization header and reports the status and whether anything reached Teams. */
  async function attempt(authorization: string | undefined): Promise<{ status: number; body: string; teamsCalls: number }> {
    const before = teams.calls.length;
    const response = await post(personalMessage(ctx, lead, 'help'), authorization);
    const body = await response.text();
    await pause(200);
    return { status: response.status, body, teamsCalls: teams.calls.length - before };
  }

  it('accepts a channel token signed with the Bot Framework key and replies through Teams with a token from Entra', async () => {
    const message = personalMessage(ctx, lead, 'help');
    const conversationId = message.conversation.id;
    const before = teams.activities(conversationId).length;

    const response = await post(message, `Bearer ${await channelToken()}`);

    expect(response.status).toBe(200);
    const sent = await teams.waitForActivities(before + 1, 5000, conversationId);
    expect(sent[before]?.replyToId).toBe(message.id);
    const reply = teams.calls.find((call) => call.conversationId === conversationId && call.status === 201);
    expect(reply?.authorization).toMatch(/^Bearer /);
    expect(entra.tokenRequests).toContainEqual(
      expect.objectContaining({ tenant: demoTenantId, grantType: 'client_credentials', clientId: botAppId, scope: 'https://api.botframework.com/.default', status: 200 }),
    );
  });

  it('reuses the outbound token for a second reply instead of asking Entra again', async () => {
    const issued = entra.tokenRequests.length;
    const message = personalMessage(ctx, lead, 'help');
    const before = teams.activities(message.conversation.id).length;
    expect((await post(message, `Bearer ${await channelToken()}`)).status).toBe(200);
    await teams.waitForActivities(before + 1, 5000, message.conversation.id);
    expect(entra.tokenRequests.length).toBe(issued);
  });

  const tamperedPayload = async (): Promise<string> => {
    const [header, payload, signature] = (await channelToken()).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const stretched = Buffer.from(JSON.stringify({ ...claims, exp: Number(claims.exp) + 86_400 })).toString('base64url');
    return `${header}.${stretched}.${signature}`;
  };

  describe('refusing tokens Teams would never send', () => {
    // botbuilder prints every refused token to console.error; the assertions below say what matters.
    let consoleError: jest.SpyInstance;
    beforeEach(() => {
      consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    });
    afterEach(() => consoleError.mockRestore());

    it.each<[string, () => Promise<string | undefined>]>([
      ['no Authorization header', async () => undefined],
      ['a bearer value that is not a JWT', async () => 'Bearer not-a-jwt'],
      ['an expired token', async () => `Bearer ${await channelToken({ forge: 'expired' })}`],
      ['a token that is not valid yet', async () => `Bearer ${await channelToken({ forge: 'not-yet-valid' })}`],
      ['a token for another bot', async () => `Bearer ${await channelToken({ forge: 'wrong-audience' })}`],
      ['a token from another issuer', async () => `Bearer ${await channelToken({ forge: 'wrong-issuer' })}`],
      ['a token signed by a key outside the published keys', async () => `Bearer ${await channelToken({ forge: 'unknown-key' })}`],
      ['a token signed by the tenant key rather than the channel key', async () => `Bearer ${await channelToken({ key: 'tenant' })}`],
      ['a token whose signature comes from another key under a published kid', async () => `Bearer ${await channelToken({ forge: 'bad-signature' })}`],
      ['a token whose payload was changed after signing', async () => `Bearer ${await tamperedPayload()}`],
      ['an unsigned token with alg none', async () => `Bearer ${await channelToken({ forge: 'alg-none' })}`],
      ['an HS256 token keyed with the public key', async () => `Bearer ${await channelToken({ forge: 'alg-hs256' })}`],
      ['a token whose serviceurl claim names another service URL', async () => `Bearer ${await channelToken({ serviceUrl: 'https://evil.example.com/teams/' })}`],
      ['a token without a serviceurl claim', async () => `Bearer ${await channelToken({ forge: { missing: ['serviceurl'] } })}`],
    ])('refuses %s with 401 and sends nothing to Teams', async (_label, authorization) => {
      const result = await attempt(await authorization());
      expect(result.status).toBe(401);
      expect(result.body).not.toMatch(/\n\s+at /);
      expect(result.teamsCalls).toBe(0);
    });

    it('refuses a channel token whose signing key is not endorsed for the activity\'s channel', async () => {
      const before = teams.calls.length;
      const message = { ...personalMessage(ctx, lead, 'help'), channelId: 'webchat' };
      const response = await post(message, `Bearer ${await channelToken()}`);
      await pause(200);
      expect(response.status).toBe(401);
      expect(teams.calls.length - before).toBe(0);
    });
  });
});
