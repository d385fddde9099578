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
import { correlationIdOf } from '../tab/api/correlation-id';
import { runWithCorrelationId } from '../core/log/correlation';

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
  /** Whether this instance's job queue is started (it stops during shutdown). */
  jobsRunning(): boolean;
}

/** One restify server: the bot endpoint, the tab's API and static files, health and readiness. */
export function createHttpServer(parts: HttpServerParts): Server {
  const { config, logger, database } = parts;
  const server = restify.createServer({ name: 'trust-communities', version: config.version, handleUncaughtExceptions: false });
  // Every request, bot turns included, gets one correlation id: echoed to the caller, on every log line.
  server.pre((req, res, next) => {
    const correlationId = correlationIdOf(req);
    req.headers['x-correlation-id'] = correlationId;
    res.setHeader('x-correlation-id', correlationId);
    next();
  });
  // One line per request: bot turns and API calls at info, probes at debug (they come every few seconds).
  const startedAt = new WeakMap<restify.Request, number>();
  server.pre((req, _res, next) => {
    startedAt.set(req, performance.now());
    next();
  });
  server.on('after', (req: restify.Request, res: restify.Response) => {
    const path = req.getPath();
    const began = startedAt.get(req);
    const line = {
      correlationId: req.header('x-correlation-id'),
      method: req.method,
      path,
      status: res.statusCode,
      durationMs: began === undefined ? undefined : Math.round(performance.now() - began),
    };
    if (path === '/healthz' || path === '/readyz') logger.debug(line, 'request finished');
    else logger.info(line, 'request finished');
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024, rejectUnknown: false }));
  // Entered after the body parser: its stream callbacks would otherwise lose the async context.
  server.use((req, _res, next) => runWithCorrelationId(req.header('x-correlation-id'), () => next()));

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
  // Load balancers (App Service's health check) stop sending traffic to an instance that is shutting
  // down, cannot reach the database, or whose job queue is not running.
  server.get('/readyz', async (_req, res) => {
    const shuttingDown = !parts.isReady();
    const db = shuttingDown ? 'skipped' : await withinMs(database.ping(), 2_000).then(() => 'ok' as const, () => 'down' as const);
    const jobs = parts.jobsRunning() ? 'ok' : 'stopped';
    const ready = !shuttingDown && db === 'ok' && jobs === 'ok';
    if (!ready && !shuttingDown) logger.warn({ db, jobs }, 'readiness check failed');
    res.send(ready ? 200 : 503, { ready, shuttingDown, db, jobs });
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

function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
