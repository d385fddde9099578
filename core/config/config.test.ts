import { ConfigError, loadConfig, summarizeConfig } from './config';

const load = (env: Record<string, string>) => loadConfig(env, { version: '1.2.3', cwd: '/srv/app' });

const productionEnv = {
  NODE_ENV: 'production',
  MICROSOFT_APP_ID: '11111111-1111-1111-1111-111111111111',
  MICROSOFT_APP_PASSWORD: 'bot-secret',
  MICROSOFT_APP_TENANT_ID: '22222222-2222-2222-2222-222222222222',
  GRAPH_CLIENT_ID: '11111111-1111-1111-1111-111111111111',
  GRAPH_CLIENT_SECRET: 'graph-secret',
  PUBLIC_BASE_URL: 'https://communities.example.org',
};

describe('configuration', () => {
  it('runs in local mode on embedded PGlite, bound to loopback, when nothing is set', () => {
    const config = load({});
    expect(config.mode).toBe('local');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3978);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/srv/app/.data/pglite' });
    expect(config.seedDemoData).toBe(true);
    expect(config.bot.appId).toBe('');
  });

  it('binds loopback in local mode even when HOST asks for every interface', () => {
    expect(load({ HOST: '0.0.0.0' }).host).toBe('127.0.0.1');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(load({ DATABASE_URL: 'postgres://u:p@db/x' }).database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db/x' });
  });

  it('refuses production without credentials and names every missing setting', () => {
    let error: unknown;
    try {
      load({ NODE_ENV: 'production' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['MICROSOFT_APP_ID', 'MICROSOFT_APP_TENANT_ID', 'MICROSOFT_APP_PASSWORD', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'PUBLIC_BASE_URL']) {
      expect(problems).toContain(name);
    }
  });

  it('treats a bot app id as production, so bot authentication is never off with credentials around', () => {
    expect(() => load({ MICROSOFT_APP_ID: 'abc' })).toThrow(ConfigError);
  });

  it('accepts a managed identity instead of secrets', () => {
    const { MICROSOFT_APP_PASSWORD: _bot, GRAPH_CLIENT_SECRET: _graph, ...rest } = productionEnv;
    const config = load({ ...rest, MICROSOFT_APP_TYPE: 'UserAssignedMSI' });
    expect(config.mode).toBe('production');
    expect(config.bot.appType).toBe('UserAssignedMSI');
  });

  it('starts production with full credentials, listening on every interface, without demo data', () => {
    const config = load(productionEnv);
    expect(config.mode).toBe('production');
    expect(config.host).toBe('0.0.0.0');
    expect(config.seedDemoData).toBe(false);
    expect(config.sso.allowedTenantIds).toEqual(['22222222-2222-2222-2222-222222222222']);
  });

  it('explains values of the wrong shape', () => {
    expect(() => load({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => load({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('never puts a secret in the start-up summary', () => {
    const summary = JSON.stringify(summarizeConfig(load({ ...productionEnv, DATABASE_URL: 'postgres://app:hunter2@db/x' })));
    expect(summary).not.toContain('bot-secret');
    expect(summary).not.toContain('graph-secret');
    expect(summary).not.toContain('hunter2');
    expect(summary).toContain('[set]');
  });

  it('summarises an extra Entra CA certificate as set rather than printing it', () => {
    const config = load(productionEnv);
    const summary = summarizeConfig({ ...config, graph: { ...config.graph, entraCaCertificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' } });
    expect(summary.graph).toMatchObject({ entraCaCertificate: '[set]' });
    expect(JSON.stringify(summary)).not.toContain('BEGIN CERTIFICATE');
  });
});
