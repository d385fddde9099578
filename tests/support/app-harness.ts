import { composeApp, type RunningApp } from '../../app/compose';
import { loadConfig, type Config } from '../../core/config/config';
import type { Database } from '../../core/db/database';
import { createLogger } from '../../core/log/logger';
import { fixedClock } from '../../core/time/clock';
import { startTeamsDouble, type TeamsDouble } from '../doubles/teams';
import { createTestDatabase, type TestDatabaseKind } from './test-database';

export interface AppHarness {
  app: RunningApp;
  database: Database;
  teams: TeamsDouble;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  /** POSTs an activity to `/api/messages` as the Teams channel would. */
  postActivity(activity: object, headers?: Record<string, string>): Promise<Response>;
  /** GETs a tab API path (e.g. `/api/v1/me`) as the given person in local mode. */
  api(path: string, personId?: string): Promise<Response>;
  /** Sends JSON to a tab API path with POST, PUT or PATCH as the given person in local mode. */
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, personId: string | undefined, body?: unknown): Promise<Response>;
  /** The id of the demo trust's person with this email (any case), to act as them. */
  personId(email: string): Promise<string>;
  close(): Promise<void>;
}

/** The whole app in local mode, on a fresh test database with the demo trust, talking to a Teams double. */
export async function startAppHarness(
  kind: TestDatabaseKind = 'pglite',
  options: { env?: Record<string, string>; now?: string } = {},
): Promise<AppHarness> {
  const database = await createTestDatabase(kind);
  const teams = await startTeamsDouble({ rateLimits: false });
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'true', JOB_POLLING_INTERVAL_SECONDS: '0.5', ...options.env }, { version: 'test', cwd: process.cwd() });
  const clock = fixedClock(options.now ?? '2026-09-07T08:00:00Z');
  const logger = createLogger({ level: config.logLevel });
  const app = await composeApp(config, logger, { database, clock });
  return {
    app,
    database,
    teams,
    config,
    clock,
    postActivity: (activity, headers = {}) =>
      fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) }),
    api: (path, personId) => fetch(`${app.url}${path}`, { headers: personId ? { 'x-dev-person': personId } : {} }),
    send: (method, path, personId, body) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(personId ? { 'x-dev-person': personId } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    personId: async (email) => {
      const { rows } = await database.executeSql('select id from people where lower(email) = lower($1)', [email]);
      return String(rows[0]!.id);
    },
    close: async () => {
      await app.close();
      await teams.close();
      await database.close();
    },
  };
}
