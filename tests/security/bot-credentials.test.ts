import { createBotCredentialsFactory, type BotCredentialsFactory } from '../../bot/bot-credentials';
import { loadConfig, type Config } from '../../core/config/config';
import { botFrameworkTenantId, startEntraDouble, type EntraDouble } from '../doubles/entra';
import { botAppId, botAppSecret, demoTenantId } from './production-app';

type Credentials = Awaited<ReturnType<BotCredentialsFactory['createCredentials']>>;
type SignableRequest = Parameters<Credentials['signRequest']>[0];

/** Just enough of botbuilder's WebResource for `signRequest`: a header bag. */
function requestToSign(): { request: SignableRequest; headers: Map<string, string> } {
  const headers = new Map<string, string>();
  const request = { url: 'https://smba.trafficmanager.net/emea/v3/conversations', headers: { set: (name: string, value: string) => headers.set(name.toLowerCase(), value) } };
  return { request: request as unknown as SignableRequest, headers };
}

describe('the bot\'s outbound credentials', () => {
  let entra: EntraDouble;

  beforeAll(async () => {
    entra = await startEntraDouble({ https: true, apps: [{ clientId: botAppId, clientSecret: botAppSecret, tenantId: demoTenantId }] });
  });
  afterAll(() => entra.close());

  const configFor = (appType: 'SingleTenant' | 'MultiTenant'): Config => {
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        MICROSOFT_APP_ID: botAppId,
        MICROSOFT_APP_PASSWORD: botAppSecret,
        MICROSOFT_APP_TYPE: appType,
        MICROSOFT_APP_TENANT_ID: demoTenantId,
        GRAPH_CLIENT_ID: botAppId,
        GRAPH_CLIENT_SECRET: botAppSecret,
        PUBLIC_BASE_URL: 'https://communities.example.org',
        ENTRA_AUTHORITY_HOST: entra.url,
      },
      { version: 'test', cwd: process.cwd() },
    );
    return { ...config, graph: { ...config.graph, entraCaCertificate: entra.caCertificate } };
  };

  it('signs Bot Connector requests with a token for the Bot Framework from the trust\'s tenant, without instance discovery', async () => {
    const factory = createBotCredentialsFactory(configFor('SingleTenant'));
    const credentials = await factory.createCredentials(botAppId, 'https://api.botframework.com', 'https://login.microsoftonline.com/botframework.com', true);
    const { request, headers } = requestToSign();
    await credentials.signRequest(request);

    const token = headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    await expect(entra.verifyAppToken(token, 'https://api.botframework.com')).resolves.toMatchObject({ appid: botAppId });
    expect(entra.tokenRequests.at(-1)).toMatchObject({ tenant: demoTenantId, scope: 'https://api.botframework.com/.default', status: 200 });
    expect(entra.calls.some((call) => call.path.includes('/discovery/instance'))).toBe(false);
  });

  it('asks Bot Framework\'s own tenant when the bot is multi-tenant', async () => {
    const factory = createBotCredentialsFactory(configFor('MultiTenant'));
    const credentials = await factory.createCredentials(botAppId, 'https://api.botframework.com', '', true);
    const { request, headers } = requestToSign();
    await credentials.signRequest(request);
    const payload = await entra.verifyAppToken(headers.get('authorization')?.slice('Bearer '.length) ?? '', 'https://api.botframework.com');
    expect(payload.tid).toBe(botFrameworkTenantId);
    expect(entra.tokenRequests.at(-1)).toMatchObject({ tenant: 'botframework.com', status: 200 });
  });

  it('knows only its own app id and never reports authentication as disabled', async () => {
    const factory = createBotCredentialsFactory(configFor('SingleTenant'));
    await expect(factory.isValidAppId(botAppId)).resolves.toBe(true);
    await expect(factory.isValidAppId('someone-else')).resolves.toBe(false);
    await expect(factory.isValidAppId('')).resolves.toBe(false);
    await expect(factory.isAuthenticationDisabled()).resolves.toBe(false);
    await expect(factory.createCredentials('someone-else', 'https://api.botframework.com', '', true)).rejects.toThrow('No credentials for app id someone-else');
  });
});
