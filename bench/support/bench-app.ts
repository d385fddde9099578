import { composeApp, type RunningApp } from '../../app/compose';
import { loadConfig } from '../../core/config/config';
import { openDatabase, type Database } from '../../core/db/database';
import { createLogger } from '../../core/log/logger';
import { systemClock } from '../../core/time/clock';
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

/**
 * The whole app in local mode (bot auth off) with the demo trust, on a fresh in-memory PGlite, or
 * on the PostgreSQL database in BENCH_DATABASE_URL when set (the demo trust is loaded if it is empty).
 * Logging is silent so log I/O does not become the figure being measured.
 */
export async function startBenchApp(env: Record<string, string | undefined> = process.env): Promise<BenchApp> {
  const postgresUrl = env.BENCH_DATABASE_URL;
  const database = postgresUrl ? await openDatabase({ kind: 'postgres', url: postgresUrl }) : await openDatabase({ kind: 'pglite' });
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
    databaseLabel: postgresUrl ? 'postgres (BENCH_DATABASE_URL)' : 'pglite (in-memory, fresh)',
    close: async () => {
      await app.close();
      await teams.close();
      await database.close();
    },
  };
}
