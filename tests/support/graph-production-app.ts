import type { RunningApp } from '../../app/compose';
import type { Database } from '../../core/db/database';
import { fixedClock } from '../../core/time/clock';
import { startEntraDouble, type EntraDouble } from '../doubles/entra';
import { startGraphDouble, type GraphDouble } from '../doubles/graph';
import { botAppId, botAppSecret, demoTenantId, startProductionApp } from '../security/production-app';

const tabClientId = '11111111-2222-3333-4444-555555555555';

/** Calls the tab API as one person, with the SSO token their tab would send. */
export type TabCall = (method: string, path: string, body?: unknown) => Promise<Response>;

export interface GraphProductionApp {
  app: RunningApp;
  database: Database;
  /** Issues the app's Graph tokens; served over https because the Graph credential insists on it. */
  entra: EntraDouble;
  /** Issues the tab's SSO tokens; its keys are fetched over plain http. */
  ssoEntra: EntraDouble;
  graph: GraphDouble;
  /** The tab API as the person with this email. */
  tabAs(email: string): Promise<TabCall>;
  close(): Promise<void>;
}

/**
 * The app in production mode with calendars in the Graph double and tokens from two Entra
 * doubles, at Mon 7 Sep 2026 (memberships of the demo trust start on 1 Sep). `env` adds settings.
 */
export async function startGraphProductionApp(env: Record<string, string> = {}): Promise<GraphProductionApp> {
  const entra = await startEntraDouble({
    https: true,
    apps: [{ clientId: botAppId, clientSecret: botAppSecret, tenantId: demoTenantId, roles: ['Calendars.ReadWrite', 'OnlineMeetings.Read.All'] }],
  });
  const ssoEntra = await startEntraDouble();
  const graph = await startGraphDouble({ auth: entra.bearerAuth('https://graph.microsoft.com') });
  const started = await startProductionApp(
    {
      GRAPH_BASE_URL: graph.baseUrl,
      ENTRA_AUTHORITY_HOST: entra.url,
      SSO_CLIENT_ID: tabClientId,
      SSO_APP_ID_URI: `api://localhost/${tabClientId}`,
      SSO_OPENID_METADATA_URL: ssoEntra.openIdMetadataUrl(demoTenantId),
      ...env,
    },
    { entraCaCertificate: entra.caCertificate, clock: fixedClock('2026-09-07T08:00:00Z') },
  ).catch(async (error: unknown) => {
    await Promise.all([graph.close(), entra.close(), ssoEntra.close()]);
    throw error;
  });
  const { app, database } = started;
  return {
    app,
    database,
    entra,
    ssoEntra,
    graph,
    tabAs: async (email) => {
      const { rows } = await database.executeSql('select entra_object_id as oid, display_name as name from people where email = $1', [email]);
      const person = { oid: String(rows[0]!.oid), name: String(rows[0]!.name) };
      return async (method, path, body) => {
        const token = await ssoEntra.mintSsoToken({ version: 2, tenantId: demoTenantId, clientId: tabClientId, ...person });
        return fetch(`${app.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      };
    },
    close: async () => {
      await app.close();
      await database.close();
      await graph.close();
      await entra.close();
      await ssoEntra.close();
    },
  };
}
