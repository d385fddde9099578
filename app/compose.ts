import type { AddressInfo } from 'node:net';
import { createBotConnection } from '../bot/bot-endpoint';
import { waysOfWorkingCards } from '../bot/cards/ways-of-working-card';
import type { Config } from '../core/config/config';
import { openDatabase, type Database } from '../core/db/database';
import { loadDemoTrustIfEmpty } from '../core/directory/demo-trust';
import type { Logger } from '../core/log/logger';
import { createGraphCredential, GraphCalendarGateway } from '../core/graph/graph-calendar-gateway';
import type { CalendarGateway } from '../core/graph/graph-gateway';
import { RestartSafeLocalCalendarGateway } from '../core/graph/restart-safe-local-calendar-gateway';
import type { JobQueue } from '../core/jobs/job-queue';
import { PgBossQueue } from '../core/jobs/pg-boss-queue';
import { FeedbackLoop } from '../core/feedback/feedback-loop';
import { GraphAppInstaller, type AppInstaller } from '../core/graph/app-installer';
import { GraphAttendanceGateway, type AttendanceGateway } from '../core/graph/attendance-gateway';
import { GraphJsonClient } from '../core/graph/graph-json-client';
import { feedbackCards } from '../bot/cards/feedback-cards';
import { feedbackRoutes } from '../tab/api/routes/feedback-routes';
import { GraphChatAppInstaller, type ChatAppInstaller } from '../core/graph/chat-app-installer';
import type { MeetingEndListener } from '../core/meetings/meeting-ended';
import { loadDemoWaysOfWorking, setUpWaysOfWorking } from '../core/ways-of-working/ways-of-working-module';
import { waysOfWorkingRoutes } from '../tab/api/routes/ways-of-working-routes';
import { OutlookSync } from '../core/planner/outlook-sync';
import { registerOutlookSync } from '../core/planner/outlook-sync-jobs';
import { registerPlanPublishing } from '../core/planner/publish-jobs';
import { SelfAssessmentMessenger } from '../core/self-assessment/invitations';
import { selfAssessmentInvitationCard } from '../bot/cards/self-assessment-invitation-card';
import { selfAssessmentRoutes } from '../tab/api/routes/self-assessment-routes';
import { PlanPublisher } from '../core/planner/publish-service';
import { systemClock, type Clock } from '../core/time/clock';
import { projectPath } from '../core/project-path';
import type { ApiDependencies, ApiRoute } from '../tab/api/api-route';
import type { IdentityResolver } from '../tab/api/auth/caller-identity';
import { createDevIdentityResolver } from '../tab/api/auth/dev-identity';
import { createSsoIdentityResolver } from '../tab/api/auth/sso-identity';
import { createSsoTokenValidator } from '../tab/api/auth/sso-token-validator';
import { calendarRoutes } from '../tab/api/routes/calendar-routes';
import { communityRoutes } from '../tab/api/routes/community-routes';
import { exportRoutes } from '../tab/api/routes/export-routes';
import { meRoutes } from '../tab/api/routes/me-routes';
import { localPeopleRoutes } from '../tab/api/routes/people-routes';
import { plannerRoutes, publishRoutes } from '../tab/api/routes/planner-routes';
import { sessionRoutes } from '../tab/api/routes/session-routes';
import { createHttpServer } from './http-server';

export interface RunningApp {
  /** Where the app listens, e.g. `http://127.0.0.1:3978`. */
  url: string;
  database: Database;
  /** The app's job queue, for tests and scripts that send a job or wait for a queue to drain. */
  jobs: JobQueue;
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
  if (config.seedDemoData) await loadDemoWaysOfWorking(database.db);

  // Every feature registers its queues on this one queue before it starts; instances sharing a database share the jobs.
  const jobs = new PgBossQueue({ database, logger, pollingIntervalSeconds: config.jobs.pollingIntervalSeconds });
  const tabUrl = `${config.publicBaseUrl}/tab/`;
  // `botConnection.cardSender` sends proactive cards for every feature (Ways of Working, feedback, self-assessment) over the bot's own adapter.
  const botConnection = createBotConnection(config, { db: database.db, logger });
  // Told once when a meeting ends (Teams end event, or scheduled end plus grace); the feedback loop adds its listener here.
  const meetingEndListeners: MeetingEndListener[] = [];
  const feedback = new FeedbackLoop({ db: database.db, jobs, sender: botConnection.cardSender, cards: feedbackCards, ...feedbackGraphFor(config), clock, logger, settings: config.feedback });
  await feedback.register();
  meetingEndListeners.push(feedback.rounds);
  const waysOfWorking = await setUpWaysOfWorking({
    db: database.db,
    logger,
    clock,
    jobs,
    cardSender: botConnection.cardSender,
    cards: waysOfWorkingCards,
    tabUrl,
    settings: config.waysOfWorking,
    endListeners: meetingEndListeners,
    installer: chatAppInstallerFor(config),
  });
  const bot = botConnection.endpoint({ db: database.db, logger, clock, tabUrl, waysOfWorking, feedback: feedback.rounds });
  const identity = identityResolverFor(config, database);
  const calendarGateway = calendarGatewayFor(config, logger);
  const publisher = new PlanPublisher({ db: database.db, gateway: calendarGateway, clock, logger, tabUrl: `${config.publicBaseUrl}/tab/#/schedule`, jobs });
  await registerPlanPublishing(jobs, publisher, { concurrency: config.jobs.publishConcurrency });
  await registerOutlookSync(jobs, new OutlookSync({ db: database.db, gateway: calendarGateway, clock, logger }));
  const selfAssessment = new SelfAssessmentMessenger({ db: database.db, jobs, sender: botConnection.cardSender, clock, logger, tabUrl, card: selfAssessmentInvitationCard });
  await selfAssessment.register();
  const apiRoutes: ApiRoute[] = [...sessionRoutes, ...meRoutes, ...communityRoutes, ...calendarRoutes, ...exportRoutes, ...plannerRoutes, ...publishRoutes(publisher), ...waysOfWorkingRoutes(waysOfWorking), ...selfAssessmentRoutes(selfAssessment), ...feedbackRoutes({ sender: botConnection.cardSender, cards: feedbackCards }), ...(config.mode === 'local' ? localPeopleRoutes : [])];
  const apiDeps: ApiDependencies = { config, db: database.db, logger, clock };

  await jobs.start();
  // Runs a crashed process left half-done carry on once the dead worker's lease lapses.
  await publisher.resumeUnfinished();
  // Feedback cards a stopped instance left waiting go out now, not at the next sweep.
  await feedback.delivery.resumeSending();
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
    jobsRunning: () => jobs.isRunning(),
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
    jobs,
    close: async () => {
      ready = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets with no request in flight would hold close() open until they time out,
      // including those whose last request finishes after close() began: sweep them until closed.
      server.server.closeIdleConnections();
      const sweep = setInterval(() => server.server.closeIdleConnections(), 100);
      await closed.finally(() => clearInterval(sweep));
      await jobs.stop({ graceful: true, timeoutMs: 20_000 });
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

/** Installing into meeting chats needs Graph and the app's catalog id; local mode has neither. */
function chatAppInstallerFor(config: Config): ChatAppInstaller | undefined {
  if (config.mode === 'local' || !config.waysOfWorking.teamsAppCatalogId) return undefined;
  const credential = createGraphCredential({
    tenantId: config.bot.tenantId,
    clientId: config.graph.clientId,
    clientSecret: config.graph.clientSecret,
    authorityHost: config.graph.authorityHost,
    caCertificate: config.graph.entraCaCertificate,
  });
  return new GraphChatAppInstaller({ credential, baseUrl: config.graph.baseUrl, catalogAppId: config.waysOfWorking.teamsAppCatalogId });
}

/** Attendance reports and personal app installs for the feedback loop; local mode has no Graph, so everyone is asked. */
function feedbackGraphFor(config: Config): { attendance: AttendanceGateway | null; installer: AppInstaller | null } {
  if (config.mode === 'local') return { attendance: null, installer: null };
  const credential = createGraphCredential({
    tenantId: config.bot.tenantId,
    clientId: config.graph.clientId,
    clientSecret: config.graph.clientSecret,
    authorityHost: config.graph.authorityHost,
    caCertificate: config.graph.entraCaCertificate,
  });
  const graph = new GraphJsonClient({ credential, baseUrl: config.graph.baseUrl });
  const catalogId = config.waysOfWorking.teamsAppCatalogId;
  return { attendance: new GraphAttendanceGateway(graph), installer: catalogId ? new GraphAppInstaller(graph, catalogId) : null };
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
