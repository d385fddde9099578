import { composeApp, type RunningApp } from '../../../app/compose';
import { loadConfig } from '../../../core/config/config';
import { createLogger } from '../../../core/log/logger';
import { fixedClock } from '../../../core/time/clock';
import { createTestDatabase } from '../../support/test-database';

/** The app in local mode with the demo trust on a fresh PGlite, on a free port, at a fixed date in the autumn term. */
export async function startLocalApp(): Promise<RunningApp> {
  const database = await createTestDatabase('pglite');
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'true' }, { version: 'browser-test', cwd: process.cwd() });
  const app = await composeApp(config, createLogger({ level: 'silent' }), { database, clock: fixedClock('2026-09-07T08:00:00Z') });
  return {
    ...app,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
