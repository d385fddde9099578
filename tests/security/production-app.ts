import { composeApp, type RunningApp } from '../../app/compose';
import { loadConfig, type Config } from '../../core/config/config';
import type { Database } from '../../core/db/database';
import { createLogger } from '../../core/log/logger';
import type { Clock } from '../../core/time/clock';
import { createTestDatabase } from '../support/test-database';

export const botAppId = '00000000-0000-0000-0000-00000000b07a';
export const botAppSecret = 'bot-secret-for-tests';
/** The demo trust's tenant; production mode needs MICROSOFT_APP_TENANT_ID and this is the one with data. */
export const demoTenantId = 'local-tenant';

export interface ProductionApp {
  app: RunningApp;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/**
 * The real app in production mode (bot authentication on, SSO for the tab API) on a fresh test
 * database holding the demo trust. `env` adds or overrides settings, e.g. the doubles' URLs.
 */
export async function startProductionApp(env: Record<string, string>, options: { entraCaCertificate?: string; clock?: Clock } = {}): Promise<ProductionApp> {
  const loaded = loadConfig(
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SEED_DEMO_DATA: 'true',
      MICROSOFT_APP_ID: botAppId,
      MICROSOFT_APP_PASSWORD: botAppSecret,
      MICROSOFT_APP_TENANT_ID: demoTenantId,
      GRAPH_CLIENT_ID: botAppId,
      GRAPH_CLIENT_SECRET: botAppSecret,
      PUBLIC_BASE_URL: 'https://communities.example.org',
      ...env,
    },
    { version: 'test', cwd: process.cwd() },
  );
  const config: Config = options.entraCaCertificate ? { ...loaded, graph: { ...loaded.graph, entraCaCertificate: options.entraCaCertificate } } : loaded;
  const database = await createTestDatabase('pglite');
  const app = await composeApp(config, createLogger({ level: config.logLevel }), { database, ...(options.clock ? { clock: options.clock } : {}) });
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Resolves after `ms`; used to give a wrongly accepted turn time to reply before asserting it did not. */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
