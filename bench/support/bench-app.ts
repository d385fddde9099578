import { composeApp, type RunningApp } from '../../app/compose';
import { loadConfig } from '../../core/config/config';
import { openDatabase, type Database } from '../../core/db/database';
import { createLogger } from '../../core/log/logger';
import { systemClock } from '../../core/time/clock';
import { scratchDatabase } from './scratch-database';
import { startTeamsDoubleThread, type TeamsDoubleThread } from './teams-double-thread';

export interface BenchApp {
  app: RunningApp;
  database: Database;
  /** The Bot Connector double the bot's replies go to, on its own thread; use `teams.serviceUrl` in activities. */
  teams: TeamsDoubleThread;
  tenantId: string;
  /** A one-line description of the database, for the report. */
  databaseLabel: string;
  close(): Promise<void>;
}

const localServer = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The whole app in local mode (bot auth off) with the demo trust, on a new scratch PostgreSQL
 * database (production's kind) on the server of BENCH_DATABASE_URL or the local one, dropped on
 * close; BENCH_DATABASE=pglite measures the embedded database instead.
 * Logging is silent so log I/O does not become the figure being measured.
 */
export async function startBenchApp(env: Record<string, string | undefined> = process.env): Promise<BenchApp> {
  const embedded = env.BENCH_DATABASE === 'pglite';
  const server = env.BENCH_DATABASE_URL ?? localServer;
  const scratch = embedded ? null : await scratchDatabase('bench_bot', server).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `bench:bot measures on PostgreSQL, as production runs, but could not create a database on ${new URL(server).host} (${reason}). ` +
        'Start PostgreSQL, point BENCH_DATABASE_URL at a server, or set BENCH_DATABASE=pglite to measure the embedded database.',
    );
  });
  const database = scratch ? await openDatabase({ kind: 'postgres', url: scratch.url }) : await openDatabase({ kind: 'pglite' });
  const teams = await startTeamsDoubleThread();
  const config = loadConfig(
    { PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'true', PUBLIC_BASE_URL: 'http://127.0.0.1:3978' },
    { version: 'bench', cwd: process.cwd() },
  );
  const logger = createLogger({ level: config.logLevel });
  const app = await composeApp(config, logger, { database, clock: systemClock });
  return {
    app,
    database,
    teams,
    tenantId: config.bot.tenantId,
    databaseLabel: scratch ? `postgres (a scratch database on ${new URL(server).host})` : 'pglite (in-memory, fresh)',
    close: async () => {
      await app.close();
      await teams.close();
      await database.close();
      await scratch?.drop();
    },
  };
}
