import type { Request, Response } from 'restify';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../core/config/config';
import type { BotDependencies } from './bot-dependencies';
import { describeActivityProblems } from './inbound-activity';
import { TrustCommunitiesBot } from './teams-bot';

/** The bot as the HTTP server sees it: one handler for `POST /api/messages`. */
export interface BotEndpoint {
  handle(req: Request, res: Response): Promise<void>;
}

export function createBotEndpoint(config: Config, deps: BotDependencies): BotEndpoint {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authenticationOptions(config)));
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

function authenticationOptions(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  const { bot } = config;
  // No app id means botbuilder accepts anonymous requests; only local mode may get here (config enforces it).
  if (config.mode === 'local') return { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' } as ConfigurationBotFrameworkAuthenticationOptions;
  return {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword ?? '',
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appType === 'MultiTenant' ? '' : bot.tenantId,
    ...(bot.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl } : {}),
    ...(bot.tokenIssuer ? { ToBotFromChannelTokenIssuer: bot.tokenIssuer } : {}),
    ...(bot.oauthApiEndpoint ? { OAuthApiEndpoint: bot.oauthApiEndpoint } : {}),
  } as ConfigurationBotFrameworkAuthenticationOptions;
}
