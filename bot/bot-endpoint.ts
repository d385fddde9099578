import type { Request, Response } from 'restify';
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError, type ClaimsIdentity, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import type { Config } from '../core/config/config';
import type { CardSender } from '../core/messaging/card-sender';
import { createBotCredentialsFactory } from './bot-credentials';
import { ConnectorClientCache } from './connector-client-cache';
import type { BotDependencies } from './bot-dependencies';
import { describeActivityProblems } from './inbound-activity';
import { BotCardSender } from './proactive/bot-card-sender';
import { withoutRetries } from './proactive/without-retries';
import { TrustCommunitiesBot } from './teams-bot';

/** The bot as the HTTP server sees it: one handler for `POST /api/messages`. */
export interface BotEndpoint {
  handle(req: Request, res: Response): Promise<void>;
}

/**
 * One CloudAdapter shared by the inbound endpoint and proactive sends; callers outside `bot/`
 * see only our own types (BotEndpoint, CardSender).
 */
export interface BotConnection {
  readonly cardSender: CardSender;
  /** The `/api/messages` handler over the same adapter. */
  endpoint(deps: BotDependencies): BotEndpoint;
}

export function createBotConnection(config: Config, base: Pick<BotDependencies, 'db' | 'logger'>): BotConnection {
  // Production gets its outbound tokens from @azure/identity (bot-credentials.ts); local mode has none.
  const credentials = config.mode === 'production' ? createBotCredentialsFactory(config) : undefined;
  const adapter = new CloudAdapter(new BotAuthentication(authenticationOptions(config), credentials));
  const cardSender = new BotCardSender({ adapter, db: base.db, logger: base.logger, botAppId: config.bot.appId, defaultServiceUrl: config.bot.serviceUrl });
  return { cardSender, endpoint: (deps) => endpointOver(adapter, deps) };
}

export function createBotEndpoint(config: Config, deps: BotDependencies): BotEndpoint {
  return createBotConnection(config, deps).endpoint(deps);
}

function endpointOver(adapter: CloudAdapter, deps: BotDependencies): BotEndpoint {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    deps.logger.error(
      { err: error, activityId: context.activity.id, activityType: context.activity.type, conversationId: context.activity.conversation?.id },
      'bot turn failed',
    );
    try {
      await context.sendActivity('Sorry, something went wrong on our side. Please try again in a moment.');
    } catch (sendError) {
      deps.logger.warn({ err: sendError }, 'could not tell the user that the turn failed');
    }
  };
  const bot = new TrustCommunitiesBot(deps);

  return {
    handle: async (req, res) => {
      const problems = describeActivityProblems(req.body);
      if (problems) {
        deps.logger.warn({ problems }, 'rejected a malformed activity');
        res.send(400, { error: { code: 'invalid_activity', message: `The activity is malformed: ${problems}` } });
        return;
      }
      await adapter.process(req, res, (context) => bot.run(context));
    },
  };
}

/** jsonwebtoken's errors for a token that is not yet valid, badly signed, unsigned or malformed. */
const tokenErrorNames = ['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError'];

/**
 * botbuilder refuses a token that is not yet valid, badly signed or `alg: none`, but lets
 * jsonwebtoken's error escape, so CloudAdapter answers 500 instead of 401. Microsoft's
 * connector answers 401 for any token it does not accept; so do we.
 */
class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients = new ConnectorClientCache();

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>) {
    try {
      const result = await super.authenticateRequest(...args);
      // botbuilder builds the turn's factory here itself (not through createConnectorFactory), a new
      // client per turn. Replies within a turn keep botbuilder's retries: no queue stands behind them.
      const turnFactory = result.connectorFactory;
      if (!turnFactory) return result;
      return { ...result, connectorFactory: this.connectorClients.factoryFor(result.claimsIdentity, () => turnFactory, 'reply') };
    } catch (error) {
      if (error instanceof Error && tokenErrorNames.includes(error.name)) throw new AuthenticationError(`Unauthorized. ${error.message}`, 401);
      throw error;
    }
  }

  /** Proactive sends' connector clients: without botbuilder's hidden retries (the job queues own retries), built once per service URL. */
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.connectorClients.factoryFor(claimsIdentity, () => withoutRetries(super.createConnectorFactory(claimsIdentity)), 'proactive');
  }

  /** Built once per calling app: botbuilder asks for one on every turn, and we never use it (sign-in is the tab's SSO). */
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.connectorClients.userTokenClientFor(claimsIdentity, () => super.createUserTokenClient(claimsIdentity));
  }
}

/**
 * Public-cloud values of botframework-connector's `AuthenticationConstants`. As soon as one
 * endpoint is overridden, botbuilder treats every endpoint setting as given and leaves the rest
 * undefined (even the expected issuer), so an override has to come with the full set.
 */
const publicCloud = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
};

function authenticationOptions(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  const { bot } = config;
  // No app id means botbuilder accepts anonymous requests; only local mode may get here (config enforces it).
  if (config.mode === 'local') return { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' } as ConfigurationBotFrameworkAuthenticationOptions;
  const overridden = bot.openIdMetadataUrl !== undefined || bot.tokenIssuer !== undefined || bot.oauthApiEndpoint !== undefined;
  return {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword ?? '',
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appType === 'MultiTenant' ? '' : bot.tenantId,
    ...(overridden
      ? {
          ...publicCloud,
          ...(bot.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl } : {}),
          ...(bot.tokenIssuer ? { ToBotFromChannelTokenIssuer: bot.tokenIssuer } : {}),
          ...(bot.oauthApiEndpoint ? { OAuthUrl: bot.oauthApiEndpoint } : {}),
        }
      : {}),
  } as ConfigurationBotFrameworkAuthenticationOptions;
}
