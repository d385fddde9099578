import fs from 'node:fs';
import path from 'node:path';
import restify, { type Server } from 'restify';
import type { BotEndpoint } from '../bot/bot-endpoint';
import type { Config } from '../core/config/config';
import type { Database } from '../core/db/database';
import type { Logger } from '../core/log/logger';
import type { ApiDependencies, ApiRoute } from '../tab/api/api-route';
import { mountApiRoutes, apiPrefix } from '../tab/api/api-router';
import type { IdentityResolver } from '../tab/api/auth/caller-identity';
import { buildOpenApiDocument } from '../tab/api/openapi';

export interface HttpServerParts {
  config: Config;
  logger: Logger;
  database: Database;
  bot: BotEndpoint;
  apiRoutes: readonly ApiRoute[];
  apiDeps: ApiDependencies;
  identity: IdentityResolver;
  tabDistDir: string;
  /** False once shutdown has begun, so load balancers stop sending traffic. */
  isReady(): boolean;
}

/** One restify server: the bot endpoint, the tab's API and static files, health and readiness. */
export function createHttpServer(parts: HttpServerParts): Server {
  const { config, logger, database } = parts;
  const server = restify.createServer({ name: 'trust-communities', version: config.version, handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024, rejectUnknown: false }));

  server.get('/healthz', async (_req, res) => {
    const db = await database.ping().then(
      () => 'ok' as const,
      (error: unknown) => {
        logger.error({ err: error }, 'health check: database is not answering');
        return 'down' as const;
      },
    );
    res.send(db === 'ok' ? 200 : 503, { status: db === 'ok' ? 'ok' : 'degraded', db, version: config.version, mode: config.mode });
  });
  server.get('/readyz', async (_req, res) => {
    res.send(parts.isReady() ? 200 : 503, { ready: parts.isReady() });
  });

  server.post('/api/messages', async (req, res) => parts.bot.handle(req, res));

  const openApi = buildOpenApiDocument(parts.apiRoutes, { version: config.version, devHeader: parts.identity.scheme === 'dev-header' });
  server.get(`${apiPrefix}/openapi.json`, async (_req, res) => {
    res.send(200, openApi);
  });
  mountApiRoutes(server, parts.apiRoutes, parts.apiDeps, parts.identity);

  mountTab(server, parts.tabDistDir, logger);
  return server;
}

function mountTab(server: Server, distDir: string, logger: Logger): void {
  const redirectToTab = async (_req: restify.Request, res: restify.Response) => {
    res.header('location', '/tab/');
    res.send(302);
  };
  server.get('/', redirectToTab);
  server.get('/tab', redirectToTab);
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    logger.warn({ distDir }, 'the tab has not been built; run `npm run build:tab`');
    server.get('/tab/*', async (_req, res) => {
      res.send(503, { error: { code: 'tab_not_built', message: 'The tab has not been built. Run `npm run build:tab` and restart.' } });
    });
    return;
  }
  server.get('/tab/*', restify.plugins.serveStaticFiles(distDir, { maxAge: 0 }));
}
