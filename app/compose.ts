import type { AddressInfo } from 'node:net';
import { createBotEndpoint } from '../bot/bot-endpoint';
import type { Config } from '../core/config/config';
import { openDatabase, type Database } from '../core/db/database';
import { loadDemoTrustIfEmpty } from '../core/directory/demo-trust';
import type { Logger } from '../core/log/logger';
import { createGraphCredential, GraphCalendarGateway } from '../core/graph/graph-calendar-gateway';
import type { CalendarGateway } from '../core/graph/graph-gateway';
import { RestartSafeLocalCalendarGateway } from '../core/graph/restart-safe-local-calendar-gateway';
import { PlanPublisher } from '../core/planner/publish-service';
import { systemClock, type Clock } from '../core/time/clock';
import { projectPath } from '../core/project-path';
import type { ApiDependencies, ApiRoute } from '../tab/api/api-route';
import type { IdentityResolver } from '../tab/api/auth/caller-identity';
import { createDevIdentityResolver } from '../tab/api/auth/dev-identity';
import { createSsoIdentityResolver } from '../tab/api/auth/sso-identity';
import { createSsoTokenValidator } from '../tab/api/auth/sso-token-validator';
import { calendarRoutes } from '../tab/api/routes/calendar-routes';
import { meRoutes } from '../tab/api/routes/me-routes';
import { localPeopleRoutes } from '../tab/api/routes/people-routes';
import { plannerRoutes, publishRoutes } from '../tab/api/routes/planner-routes';
import { sessionRoutes } from '../tab/api/routes/session-routes';
import { createHttpServer } from './http-server';

export interface RunningApp {
  /** Where the app listens, e.g. `http://127.0.0.1:3978`. */
  url: string;
  database: Database;
  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** An already-open database (tests); otherwise the one in `config.database` is opened and migrated. */
  database?: Database;
  clock?: Clock;
}

/** The composition root: builds every part from config and wires them together. */
export async function composeApp(config: Config, logger: Logger, options: ComposeOptions = {}): Promise<RunningApp> {
  const database = options.database ?? (await openDatabase(config.database));
  const clock = options.clock ?? systemClock;
  if (config.seedDemoData) await loadDemoTrustIfEmpty(database.db, logger);

  const tabUrl = `${config.publicBaseUrl}/tab/`;
  const bot = createBotEndpoint(config, { db: database.db, logger, clock, tabUrl });
  const identity = identityResolverFor(config, database);
  const calendarGateway = calendarGatewayFor(config, logger);
  const publisher = new PlanPublisher({ db: database.db, gateway: calendarGateway, clock, logger, tabUrl: `${config.publicBaseUrl}/tab/#/schedule` });
  const apiRoutes: ApiRoute[] = [...sessionRoutes, ...meRoutes, ...calendarRoutes, ...plannerRoutes, ...publishRoutes(publisher), ...(config.mode === 'local' ? localPeopleRoutes : [])];
  const apiDeps: ApiDependencies = { config, db: database.db, logger, clock };

  let ready = true;
  const server = createHttpServer({
    config,
    logger,
    database,
    bot,
    apiRoutes,
    apiDeps,
    identity,
    tabDistDir: projectPath('tab', 'web', 'dist'),
    isReady: () => ready,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;

  return {
    url,
    database,
    close: async () => {
      ready = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets with no request in flight would hold close() open until they time out.
      server.server.closeIdleConnections();
      await closed;
      await publisher.idle();
      if (!options.database) await database.close();
    },
  };
}

/** Graph in production; in local mode a calendar whose ids derive from each meeting's transactionId, so restarts lose nothing. */
function calendarGatewayFor(config: Config, logger: Logger): CalendarGateway {
  if (config.mode === 'local') return new RestartSafeLocalCalendarGateway();
  const credential = createGraphCredential({
    tenantId: config.bot.tenantId,
    clientId: config.graph.clientId,
    clientSecret: config.graph.clientSecret,
    authorityHost: config.graph.authorityHost,
    caCertificate: config.graph.entraCaCertificate,
  });
  return new GraphCalendarGateway({ credential, baseUrl: config.graph.baseUrl, logger });
}

function identityResolverFor(config: Config, database: Database): IdentityResolver {
  if (config.mode === 'local') return createDevIdentityResolver(database.db, config.bot.tenantId);
  const validate = createSsoTokenValidator({
    clientId: config.sso.clientId,
    appIdUri: config.sso.appIdUri,
    allowedTenantIds: config.sso.allowedTenantIds,
    openIdMetadataUrl: config.sso.openIdMetadataUrl,
    authorityHost: config.graph.authorityHost,
  });
  return createSsoIdentityResolver(database.db, validate);
}
