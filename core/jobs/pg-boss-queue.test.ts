import { z } from 'zod';
import { openDatabase, type Database } from '../db/database';
import { createEmptyPostgresDatabase, createTestDatabase, testDatabaseKinds } from '../../tests/support/test-database';
import { JobPayloadError } from './job-queue';
import type { PgBossQueue } from './pg-boss-queue';
import { createTestJobQueue, waitFor } from './test-support';

const greeting = z.object({ name: z.string() });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function jobState(database: Database, queue: string, id: string): Promise<{ state: string; retryCount: number } | undefined> {
  const { rows } = await database.executeSql('select state, retry_count from pgboss.job where name = $1 and id = $2', [queue, id]);
  const row = rows[0];
  return row ? { state: String(row.state), retryCount: Number(row.retry_count) } : undefined;
}

describe.each(testDatabaseKinds)('the job queue on %s', (kind) => {
  let database: Database;
  let queue: PgBossQueue | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await queue?.stop({ graceful: false, timeoutMs: 1000 });
    queue = undefined;
  });
  afterAll(async () => {
    await database.close();
  });

  async function startQueue(): Promise<PgBossQueue> {
    queue = createTestJobQueue(database);
    await queue.start();
    return queue;
  }

  it('runs a sent job once, handing the handler its validated payload and attempt', async () => {
    const jobs = await startQueue();
    const received: { data: unknown; attempt: number; id: string }[] = [];
    await jobs.register('greet', greeting, async (data, job) => {
      received.push({ data, attempt: job.attempt, id: job.id });
    });

    const id = await jobs.send('greet', { name: 'Ada' });
    await jobs.drain('greet');

    expect(received).toEqual([{ data: { name: 'Ada' }, attempt: 1, id }]);
    expect(await jobState(database, 'greet', id ?? '')).toMatchObject({ state: 'completed' });
  });

  it('retries a failing handler with growing delays, then succeeds', async () => {
    const jobs = await startQueue();
    const attempts: { attempt: number; at: number }[] = [];
    await jobs.register(
      'flaky',
      greeting,
      async (_data, job) => {
        attempts.push({ attempt: job.attempt, at: Date.now() });
        if (job.attempt < 3) throw new Error(`attempt ${job.attempt} fails`);
      },
      { retryLimit: 3, retryDelaySeconds: 1, retryBackoff: true },
    );

    const id = await jobs.send('flaky', { name: 'Grace' });
    await jobs.drain('flaky', 20_000);

    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    const [first, second, third] = attempts.map((a) => a.at) as [number, number, number];
    // Backoff: the first retry waits 1-2 s, the second 2-4 s.
    expect(second - first).toBeGreaterThanOrEqual(900);
    expect(third - second).toBeGreaterThanOrEqual(1900);
    expect(await jobState(database, 'flaky', id ?? '')).toMatchObject({ state: 'completed', retryCount: 2 });
  });

  it('refuses at send a payload that does not match the schema, naming the field', async () => {
    const jobs = await startQueue();
    await jobs.register('strict', greeting, async () => undefined);

    const sending = jobs.send('strict', { name: 42 });

    await expect(sending).rejects.toThrow(JobPayloadError);
    await expect(jobs.send('strict', { name: 42 })).rejects.toThrow(/Job "strict" has an invalid payload: .*name/s);
    await expect(jobs.send('nobody-registered-this', {})).rejects.toThrow('No job queue named "nobody-registered-this" is registered.');
  });

  it('fails a received job whose payload is invalid, without running the handler or retrying', async () => {
    const jobs = await startQueue();
    let ran = false;
    await jobs.register(
      'stale-payload',
      greeting,
      async () => {
        ran = true;
      },
      { retryLimit: 5, retryDelaySeconds: 1 },
    );
    // As if an older release had queued a payload of another shape.
    const { rows } = await database.executeSql(
      `insert into pgboss.job (name, data, retry_limit) values ('stale-payload', '{"fullName":"Ada"}'::jsonb, 5) returning id`,
      [],
    );
    const id = String(rows[0]?.id);

    await waitFor('the stale job to fail', async () => (await jobState(database, 'stale-payload', id))?.state === 'failed');

    expect(ran).toBe(false);
    expect(await jobState(database, 'stale-payload', id)).toEqual({ state: 'failed', retryCount: 0 });
  });

  it('returns null for a second job with the same singleton key while the first waits', async () => {
    const jobs = await startQueue();
    await jobs.register('sync-one', greeting, async () => undefined, { singletons: 'one-queued-one-running' });
    const later = new Date(Date.now() + 60_000);

    const first = await jobs.send('sync-one', { name: 'a' }, { singletonKey: 'organiser-1', startAfter: later });
    const second = await jobs.send('sync-one', { name: 'a' }, { singletonKey: 'organiser-1', startAfter: later });
    const other = await jobs.send('sync-one', { name: 'b' }, { singletonKey: 'organiser-2', startAfter: later });

    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(other).toEqual(expect.any(String));
  });

  it('refuses a singleton key on a queue that does not dedupe, rather than ignoring it', async () => {
    const jobs = await startQueue();
    await jobs.register('plain', greeting, async () => undefined);

    await expect(jobs.send('plain', { name: 'a' }, { singletonKey: 'k' })).rejects.toThrow(/does not dedupe by singletonKey/);
  });

  it('does not run a job before its startAfter time', async () => {
    const jobs = await startQueue();
    let ranAt: number | undefined;
    await jobs.register('later', greeting, async () => {
      ranAt = Date.now();
    });
    const startAfter = new Date(Date.now() + 1500);

    await jobs.send('later', { name: 'a' }, { startAfter });
    await sleep(700);
    expect(ranAt).toBeUndefined();
    await jobs.drain('later');

    expect(ranAt).toBeGreaterThanOrEqual(startAfter.getTime() - 50);
  });

  it('waits for a running handler on a graceful stop and records its completion', async () => {
    const jobs = await startQueue();
    let started = false;
    let finished = false;
    await jobs.register('slow', greeting, async () => {
      started = true;
      await sleep(1200);
      finished = true;
    });
    const id = await jobs.send('slow', { name: 'a' });
    await waitFor('the slow handler to start', () => started);

    await jobs.stop({ graceful: true, timeoutMs: 10_000 });

    expect(finished).toBe(true);
    expect(await jobState(database, 'slow', id ?? '')).toMatchObject({ state: 'completed' });
  });

  it('stores a cron schedule in the Europe/London zone for a registered queue', async () => {
    const jobs = await startQueue();
    await jobs.register('sweep', z.object({}), async () => undefined);

    await jobs.schedule('sweep', '*/15 * * * *', {}, { tz: 'Europe/London' });

    const { rows } = await database.executeSql(`select cron, timezone from pgboss.schedule where name = 'sweep'`, []);
    expect(rows).toEqual([{ cron: '*/15 * * * *', timezone: 'Europe/London' }]);
  });
});

// PGlite is one process's in-memory database, so only PostgreSQL can show several instances sharing jobs.
const onPostgres = testDatabaseKinds.includes('postgres') ? describe : describe.skip;

onPostgres('two app instances sharing one PostgreSQL database', () => {
  let target: { url: string; drop(): Promise<void> };
  let first: Database;
  let second: Database;
  const queues: PgBossQueue[] = [];

  beforeAll(async () => {
    target = await createEmptyPostgresDatabase();
    first = await openDatabase({ kind: 'postgres', url: target.url, poolSize: 4 });
    // A second connection pool, as a second instance of the app would have.
    second = await openDatabase({ kind: 'postgres', url: target.url, poolSize: 4 });
    await first.executeSql('create table job_runs (job_key integer not null, instance text not null)', []);
  });
  afterAll(async () => {
    await Promise.all(queues.map((queue) => queue.stop({ graceful: true, timeoutMs: 2000 })));
    await second.close();
    await first.close();
    await target.drop();
  });

  it('processes each of 50 jobs exactly once between them', async () => {
    const payload = z.object({ key: z.number().int() });
    for (const [instance, database] of [['a', first], ['b', second]] as const) {
      const queue = createTestJobQueue(database);
      await queue.register(
        'batch',
        payload,
        async ({ key }) => {
          await database.executeSql('insert into job_runs (job_key, instance) values ($1, $2)', [key, instance]);
          await sleep(50);
        },
        { concurrency: 2 },
      );
      queues.push(queue);
    }
    await Promise.all(queues.map((queue) => queue.start()));

    const [sender] = queues as [PgBossQueue];
    for (let key = 1; key <= 50; key++) await sender.send('batch', { key });
    await Promise.all(queues.map((queue) => queue.drain('batch', 30_000)));

    const { rows } = await first.executeSql(
      'select count(*)::int as runs, count(distinct job_key)::int as keys, count(*) filter (where instance = $1)::int as by_a from job_runs',
      ['a'],
    );
    const [result] = rows as [{ runs: number; keys: number; by_a: number }];
    expect(result).toMatchObject({ runs: 50, keys: 50 });
    // Both instances took part.
    expect(result.by_a).toBeGreaterThan(0);
    expect(result.by_a).toBeLessThan(50);
  });
});
