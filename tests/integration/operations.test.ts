import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type RunningApp } from '../../app/compose';
import { loadConfig } from '../../core/config/config';
import type { Database } from '../../core/db/database';
import { createLogger } from '../../core/log/logger';
import { fixedClock } from '../../core/time/clock';
import { waitFor } from '../../core/jobs/test-support';
import { startTeamsDouble, type TeamsDouble } from '../doubles/teams';
import { personalMessage } from '../support/activities';
import { demoPeople } from '../support/demo-people';
import { createTestDatabase } from '../support/test-database';
import { z } from 'zod';

type LogLine = Record<string, unknown> & { msg?: string; correlationId?: string };

/** The app as main.ts composes it, with its JSON log lines kept for the assertions. */
async function startLoggedApp(): Promise<{ app: RunningApp; database: Database; teams: TeamsDouble; lines: LogLine[] }> {
  const database = await createTestDatabase('pglite');
  const teams = await startTeamsDouble({ rateLimits: false });
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'debug', SEED_DEMO_DATA: 'true', JOB_POLLING_INTERVAL_SECONDS: '0.5' }, { version: 'test', cwd: process.cwd() });
  const lines: LogLine[] = [];
  const logger = createLogger({ level: config.logLevel, destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) } });
  const app = await composeApp(config, logger, { database, clock: fixedClock('2026-09-07T08:00:00Z') });
  return { app, database, teams, lines };
}

describe('operations: correlation ids, readiness and graceful shutdown', () => {
  let running: Awaited<ReturnType<typeof startLoggedApp>>;

  beforeAll(async () => {
    running = await startLoggedApp();
  });
  afterAll(async () => {
    await running?.app.close();
    await running?.teams.close();
    await running?.database.close();
  });

  it('echoes a caller\'s x-correlation-id and writes it on every log line of that request', async () => {
    const people = await demoPeople(running.database);
    const response = await fetch(`${running.app.url}/api/v1/me`, { headers: { 'x-correlation-id': 'trace-abc-12345', 'x-dev-person': 'not-a-person' } });
    expect(response.headers.get('x-correlation-id')).toBe('trace-abc-12345');
    const body = (await response.json()) as { error: { correlationId: string } };
    expect(body.error.correlationId).toBe('trace-abc-12345');
    expect(running.lines.filter((line) => line.correlationId === 'trace-abc-12345').length).toBeGreaterThan(0);
    expect(people.lead.id).toEqual(expect.any(String));
  });

  it('takes the trace id of a W3C traceparent when there is no correlation id', async () => {
    const traceId = crypto.randomBytes(16).toString('hex');
    const response = await fetch(`${running.app.url}/healthz`, { headers: { traceparent: `00-${traceId}-${crypto.randomBytes(8).toString('hex')}-01` } });
    expect(response.headers.get('x-correlation-id')).toBe(traceId);
  });

  it('makes up a correlation id for a request that brings none, and refuses an unsafe one', async () => {
    const plain = await fetch(`${running.app.url}/healthz`);
    expect(plain.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await fetch(`${running.app.url}/healthz`, { headers: { 'x-correlation-id': 'bad id\twith spaces' } });
    expect(unsafe.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives a bot turn a correlation id: on the response, on the turn\'s request line and on what the bot logs', async () => {
    const activity = personalMessage({ serviceUrl: running.teams.serviceUrl, tenantId: 'local-tenant' }, { aadObjectId: crypto.randomUUID(), name: 'Someone New' }, 'help');
    const post = (body: unknown, correlationId: string) =>
      fetch(`${running.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId }, body: JSON.stringify(body) });

    const turn = await post(activity, 'turn-0001-abcd');
    expect(turn.status).toBeLessThan(300);
    expect(turn.headers.get('x-correlation-id')).toBe('turn-0001-abcd');
    await waitFor('the request line of the turn', () => running.lines.some((line) => line.msg === 'request finished' && line.correlationId === 'turn-0001-abcd'), 5_000);
    expect(running.lines.find((line) => line.correlationId === 'turn-0001-abcd' && line.msg === 'request finished')).toMatchObject({ method: 'POST', path: '/api/messages', status: turn.status });

    // The bot's own log line, written deep in the endpoint, carries the id without being handed it.
    const malformed = await post({ type: 'message' }, 'turn-0002-abcd');
    expect(malformed.status).toBe(400);
    expect(running.lines.find((line) => line.msg === 'rejected a malformed activity')).toMatchObject({ correlationId: 'turn-0002-abcd' });
  });

  it('is ready while the database answers and the job queue runs', async () => {
    const response = await fetch(`${running.app.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, shuttingDown: false, db: 'ok', jobs: 'ok' });
  });
});

describe('graceful shutdown', () => {
  it('finishes a request and a job that are in flight before it closes', async () => {
    const { app, database, teams, lines } = await startLoggedApp();
    const finished: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
    // A job that is still running when shutdown begins.
    await app.jobs.register('ops-slow-job', z.object({ n: z.number() }), async () => {
      finished.push('job started');
      await gate;
      finished.push('job finished');
    });
    await app.jobs.send('ops-slow-job', { n: 1 });
    await waitFor('the slow job to start', () => finished.includes('job started'), 10_000);

    // A request whose body is still arriving when shutdown begins.
    const { port } = new URL(app.url);
    // `Expect: 100-continue` lets the test know the server has parsed the headers: the request is in flight.
    const request = http.request({
      host: '127.0.0.1',
      port: Number(port),
      path: '/api/messages',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '2', expect: '100-continue' },
    });
    const serverHasHeaders = new Promise<void>((resolve) => request.on('continue', () => resolve()));
    const answered = new Promise<number>((resolve, reject) => {
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    request.flushHeaders();
    await serverHasHeaders;
    request.write('{');
    await new Promise((resolve) => setTimeout(resolve, 100));

    const closing = app.close().then(() => finished.push('closed'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    request.end('}');
    // A malformed activity gets its 400 even though shutdown has begun.
    expect(await answered).toBe(400);
    expect(finished).toEqual(['job started']);
    release();
    await closing;
    expect(finished).toEqual(['job started', 'job finished', 'closed']);
    expect(lines.some((line) => line.msg === 'Job queue stopped' && line.stillRunning === 0)).toBe(true);
    } finally {
      release();
      await app.close();
      await teams.close();
      await database.close();
    }
  });
});

describe('the process (app/main.ts)', () => {
  it('logs its configuration with secrets redacted, and on SIGTERM finishes, closes and exits 0', async () => {
    const root = path.resolve(__dirname, '../..');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-main-'));
    // One process (no tsx CLI in front), so the signal reaches the app as App Service would send it.
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: dataDir, SEED_DEMO_DATA: 'false', GRAPH_CLIENT_SECRET: 'very-secret-graph-value' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor('the app to start', () => stdout.includes('Trust Communities is running'), 50_000);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const lines = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogLine);
    const configuration = lines.find((line) => line.msg === 'configuration');
    expect(configuration).toMatchObject({ config: { mode: 'local', graph: { clientSecret: '[set]' } } });
    expect(stdout).not.toContain('very-secret-graph-value');
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['shutting down: finishing requests in flight', 'Job queue stopped', 'stopped']));
    expect(lines.find((line) => line.msg === 'shutting down: finishing requests in flight')).toMatchObject({ signal: 'SIGTERM' });
  }, 90_000);
});
