import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startEntraDouble, type EntraDouble } from '../tests/doubles/entra';
import { startGraphDouble } from '../tests/doubles/graph';
import { persistentCertificate } from '../tests/doubles/shared/tls-certificate';
import { startTeamsDouble, type TeamsDouble } from '../tests/doubles/teams';
import { personalMessage, type ActivityPerson } from '../tests/support/activities';

/**
 * `npm run start:tenant-sim`: a rehearsal tenant on this machine. Starts the Entra ID (https),
 * Teams Bot Connector and Graph doubles, then the app in production mode against them as a
 * separate process (its real entry point, with the Entra certificate passed through
 * NODE_EXTRA_CA_CERTS), and a small control server that signs activities and SSO tokens.
 * See docs/tenant-sim.md.
 */

const root = path.resolve(__dirname, '..');
const ports = { app: 3978, teams: 3979, graph: 3980, entra: 3981, control: 3982 };
const tenantId = 'local-tenant';
const bot = { clientId: '00000000-0000-4000-8000-00000000b07a', secret: 'tenant-sim-bot-secret' };
const tab = { clientId: '00000000-0000-4000-8000-0000000007ab' };

interface DemoTrustFile {
  people: Array<{ displayName: string; entraObjectId?: string; email: string }>;
  memberships: Array<{ person: string; role: string }>;
}

async function main(): Promise<void> {
  const certificate = await persistentCertificate(path.join(os.tmpdir(), 'trust-communities-entra-double'));
  const entra = await startEntraDouble({
    port: ports.entra,
    https: certificate,
    apps: [{ clientId: bot.clientId, clientSecret: bot.secret, tenantId, roles: ['Calendars.ReadWrite', 'OnlineMeetings.Read.All'] }],
  });
  const teams = await startTeamsDouble({ port: ports.teams, auth: entra.bearerAuth('https://api.botframework.com'), defaultTenantId: tenantId });
  const graph = await startGraphDouble({ port: ports.graph, auth: entra.bearerAuth('https://graph.microsoft.com') });

  const appUrl = `http://127.0.0.1:${ports.app}`;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(ports.app),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    PUBLIC_BASE_URL: appUrl,
    SEED_DEMO_DATA: 'true',
    MICROSOFT_APP_ID: bot.clientId,
    MICROSOFT_APP_PASSWORD: bot.secret,
    MICROSOFT_APP_TYPE: 'SingleTenant',
    MICROSOFT_APP_TENANT_ID: tenantId,
    BOT_OPENID_METADATA_URL: entra.botFrameworkOpenIdMetadataUrl,
    GRAPH_CLIENT_ID: bot.clientId,
    GRAPH_CLIENT_SECRET: bot.secret,
    GRAPH_BASE_URL: `${graph.url}/v1.0`,
    ENTRA_AUTHORITY_HOST: entra.url,
    SSO_CLIENT_ID: tab.clientId,
    SSO_APP_ID_URI: `api://localhost/${tab.clientId}`,
    SSO_OPENID_METADATA_URL: entra.openIdMetadataUrl(tenantId),
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { DATA_DIR: '.data/tenant-sim' }),
  };
  const app = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'app/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: certificate.certPath, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });

  const people = demoPeople();
  const control = await startControlServer({ entra, teams, appUrl, person: people[0]! });
  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await stopChild(app);
    await Promise.all([control.close(), teams.close(), graph.close(), entra.close()]);
    process.exit(code);
  };
  app.on('exit', (code) => {
    if (!stopping) {
      console.error(`The app exited (code ${code}); stopping the doubles.`);
      void stop(1);
    }
  });
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    await waitForHealthy(`${appUrl}/healthz`, 90_000);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
    return;
  }
  const sample = people[0]!;
  console.log(`
Tenant simulation is running (tenant ${tenantId}, production mode).

  App (production mode)    ${appUrl}   bot: ${appUrl}/api/messages   tab: ${appUrl}/tab/
  Entra ID double (https)  ${entra.url}   CA: ${certificate.certPath}
  Teams connector double   ${teams.serviceUrl}
  Graph double             ${graph.url}/v1.0
  Control server           http://127.0.0.1:${ports.control}
  Database                 ${env.DATABASE_URL ? 'DATABASE_URL' : path.join(root, '.data/tenant-sim')}

  Bot app ${bot.clientId} (secret ${bot.secret}), tab app ${tab.clientId}, signed in as ${sample.name}.

Send a message as a Teams user would (signed channel token; prints the bot's reply):
  npx tsx scripts/tenant-sim-send.ts "my communities"
  curl -s -X POST http://127.0.0.1:${ports.control}/send -H 'content-type: application/json' -d '{"text":"help"}'

Call the tab API with a Teams SSO token:
  curl -s ${appUrl}/api/v1/me -H "authorization: Bearer $(curl -s http://127.0.0.1:${ports.control}/sso-token)"

Post to the bot yourself (token valid for an hour; the activity must name serviceUrl ${teams.serviceUrl}):
  curl -s http://127.0.0.1:${ports.control}/channel-token

Ctrl+C stops everything.
`);
}

/** The demo trust's people with an Entra object id, community leads first (they have the most to see). */
function demoPeople(): ActivityPerson[] {
  const file = JSON.parse(fs.readFileSync(path.join(root, 'data/demo-trust.json'), 'utf8')) as DemoTrustFile;
  const leads = new Set(file.memberships.filter((m) => m.role === 'lead').map((m) => m.person));
  return file.people
    .filter((person) => person.entraObjectId)
    .sort((a, b) => Number(leads.has(b.email)) - Number(leads.has(a.email)))
    .map((person) => ({ aadObjectId: person.entraObjectId!, name: person.displayName }));
}

interface ControlContext {
  entra: EntraDouble;
  teams: TeamsDouble;
  appUrl: string;
  person: ActivityPerson;
}

/**
 * `POST /send {text, aadObjectId?, name?}` posts a signed message and answers with the bot's
 * replies; `GET /channel-token` and `GET /sso-token?oid=&version=` mint tokens.
 */
async function startControlServer(ctx: ControlContext): Promise<{ close(): Promise<void> }> {
  const channelToken = (): Promise<string> => ctx.entra.mintChannelToken({ audience: bot.clientId, serviceUrl: ctx.teams.serviceUrl });

  async function send(body: { text?: string; aadObjectId?: string; name?: string }): Promise<{ status: number; replies: unknown[] }> {
    const person: ActivityPerson = body.aadObjectId ? { aadObjectId: body.aadObjectId, name: body.name ?? 'Tenant Sim User' } : ctx.person;
    const activity = personalMessage({ serviceUrl: ctx.teams.serviceUrl, tenantId, botId: `28:${bot.clientId}` }, person, body.text ?? 'help');
    const conversationId = activity.conversation.id;
    const before = ctx.teams.activities(conversationId).length;
    const response = await fetch(`${ctx.appUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await channelToken()}` },
      body: JSON.stringify(activity),
    });
    if (!response.ok) return { status: response.status, replies: [await response.text()] };
    const sent = await ctx.teams.waitForActivities(before + 1, 15_000, conversationId).catch(() => ctx.teams.activities(conversationId));
    return { status: response.status, replies: sent.slice(before).map((reply) => reply.activity) };
  }

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://control.local');
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
      response.end(typeof body === 'string' ? body : JSON.stringify(body, null, 2));
    };
    const handle = async (): Promise<void> => {
      if (request.method === 'GET' && url.pathname === '/channel-token') return reply(200, await channelToken());
      if (request.method === 'GET' && url.pathname === '/sso-token') {
        const version = url.searchParams.get('version') === '1' ? 1 : 2;
        const oid = url.searchParams.get('oid') ?? ctx.person.aadObjectId;
        return reply(200, await ctx.entra.mintSsoToken({ version, tenantId, clientId: tab.clientId, audience: version === 1 ? `api://localhost/${tab.clientId}` : undefined, oid }));
      }
      if (request.method === 'POST' && url.pathname === '/send') {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const text = Buffer.concat(chunks).toString('utf8');
        return reply(200, await send(text ? (JSON.parse(text) as { text?: string }) : {}));
      }
      reply(404, { error: 'POST /send, GET /channel-token or GET /sso-token' });
    };
    handle().catch((error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(ports.control, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  ports.control = port;
  return { close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function waitForHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The app did not become healthy at ${url} within ${timeoutMs / 1000} s.`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
