import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Config } from '../core/config/config';

/** botbuilder's `ServiceClientCredentialsFactory`, taken from the constructor that consumes it. */
export type BotCredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;
type ServiceClientCredentials = Awaited<ReturnType<BotCredentialsFactory['createCredentials']>>;

const microsoftAuthorityHosts = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn'];

/**
 * Outbound tokens for the Bot Connector from @azure/identity rather than botbuilder's own MSAL
 * client, so the authority host comes from config (ENTRA_AUTHORITY_HOST) and a rehearsal against a
 * local Entra double works the same way as a real tenant. Only used in production mode.
 */
export function createBotCredentialsFactory(config: Config): BotCredentialsFactory {
  const { bot, graph } = config;
  const credential = tokenCredentialFor(config);
  const isValidAppId = async (appId: string): Promise<boolean> => appId === bot.appId;

  return {
    isValidAppId,
    isAuthenticationDisabled: async () => false,
    createCredentials: async (appId: string, audience: string | undefined): Promise<ServiceClientCredentials> => {
      if (!(await isValidAppId(appId))) throw new Error(`No credentials for app id ${appId}; this bot is ${bot.appId}.`);
      const scope = scopeFor(audience ?? 'https://api.botframework.com');
      return {
        signRequest: async (request) => {
          const token = await credential.getToken(scope);
          if (!token) throw new Error(`Entra (${graph.authorityHost}) returned no token for ${scope}.`);
          request.headers.set('authorization', `Bearer ${token.token}`);
          return request;
        },
      };
    },
  };
}

function tokenCredentialFor(config: Config): TokenCredential {
  const { bot, graph } = config;
  if (bot.appType === 'UserAssignedMSI') return new ManagedIdentityCredential({ clientId: bot.appId });
  // Multi-tenant bots get their Bot Connector token from Bot Framework's own tenant.
  const tenant = bot.appType === 'MultiTenant' ? 'botframework.com' : bot.tenantId;
  const microsoftAuthority = microsoftAuthorityHosts.includes(new URL(graph.authorityHost).hostname);
  return new ClientSecretCredential(tenant, bot.appId, bot.appPassword ?? '', {
    authorityHost: graph.authorityHost,
    // MSAL only skips its discovery call to login.microsoftonline.com for hosts it is told to trust.
    disableInstanceDiscovery: !microsoftAuthority,
    ...(graph.entraCaCertificate ? { tlsOptions: { ca: graph.entraCaCertificate } } : {}),
  });
}

/** `https://api.botframework.com` -> `https://api.botframework.com/.default`. */
function scopeFor(audience: string): string {
  return audience.endsWith('/.default') ? audience : `${audience.replace(/\/$/, '')}/.default`;
}
