import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { ExecuteSql } from '../db/database';
import type { Logger } from '../log/logger';
import {
  defaultQueueOptions,
  JobPayloadError,
  type JobHandler,
  type JobQueue,
  type QueueOptions,
  type ScheduleOptions,
  type SendOptions,
  type SingletonPolicy,
  type StopOptions,
} from './job-queue';

export interface PgBossQueueOptions {
  /** Both PGlite and PostgreSQL: pg-boss runs every statement through this one function. */
  database: { executeSql: ExecuteSql };
  logger: Logger;
  /** How often an idle worker looks for jobs (pg-boss allows 0.5 at the least). */
  pollingIntervalSeconds?: number;
  /** The schema pg-boss creates and owns. */
  schema?: string;
}

interface Registration {
  name: string;
  schema: z.ZodType<unknown>;
  handler: JobHandler<unknown>;
  options: QueueOptions;
  activated: boolean;
}

const policies: Record<SingletonPolicy, 'standard' | 'short' | 'stately'> = {
  none: 'standard',
  'one-queued': 'short',
  'one-queued-one-running': 'stately',
};

const identifier = /^[a-z_][a-z0-9_]*$/;
const queueName = /^[A-Za-z0-9_-]{1,100}$/;

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function checkQueueOptions(name: string, options: QueueOptions): void {
  const wholeAtLeast = (value: number, least: number) => Number.isInteger(value) && value >= least;
  const problems = [
    wholeAtLeast(options.retryLimit, 0) ? undefined : 'retryLimit must be a whole number, 0 or more',
    wholeAtLeast(options.retryDelaySeconds, 0) ? undefined : 'retryDelaySeconds must be a whole number, 0 or more',
    wholeAtLeast(options.concurrency, 1) ? undefined : 'concurrency must be a whole number, 1 or more',
    wholeAtLeast(options.expireInSeconds, 1) && options.expireInSeconds < 24 * 60 * 60 ? undefined : 'expireInSeconds must be whole, from 1 to under 24 hours',
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) throw new Error(`Job queue "${name}": ${problems.join('; ')}.`);
}

/**
 * The job queue over pg-boss 10, on the app's own database connection: one code path for PGlite
 * (single process) and PostgreSQL (several instances share the jobs; `SKIP LOCKED` hands each job
 * to one of them). pg-boss creates and migrates its own schema at start.
 */
export class PgBossQueue implements JobQueue {
  private boss: PgBoss;
  private readonly registrations = new Map<string, Registration>();
  private readonly schedules: { name: string; cron: string; data: object; options: ScheduleOptions }[] = [];
  private readonly pendingQueries = new Set<Promise<unknown>>();
  private readonly runningHandlers = new Set<Promise<void>>();
  private readonly logger: Logger;
  private readonly schema: string;
  private started = false;

  constructor(private readonly options: PgBossQueueOptions) {
    this.logger = options.logger.child({ component: 'jobs' });
    this.schema = options.schema ?? 'pgboss';
    if (!identifier.test(this.schema)) throw new Error(`"${this.schema}" is not a usable schema name for the job queue.`);
    this.boss = this.createBoss();
  }

  async register<T>(name: string, schema: z.ZodType<T>, handler: JobHandler<T>, options: Partial<QueueOptions> = {}): Promise<void> {
    if (this.registrations.has(name)) throw new Error(`The job queue "${name}" is registered twice.`);
    if (!queueName.test(name)) throw new Error(`"${name}" is not a job queue name: use letters, digits, "-" and "_".`);
    const settings = { ...defaultQueueOptions, ...options };
    checkQueueOptions(name, settings);
    const registration: Registration = {
      name,
      schema,
      handler: handler as JobHandler<unknown>,
      options: settings,
      activated: false,
    };
    this.registrations.set(name, registration);
    if (this.started) await this.activate(registration);
  }

  async send(name: string, data: unknown, options: SendOptions = {}): Promise<string | null> {
    const registration = this.registrationOf(name);
    const payload = this.validPayload(registration, data);
    if (options.singletonKey !== undefined && registration.options.singletons === 'none') {
      throw new JobPayloadError(name, `The job queue "${name}" does not dedupe by singletonKey: register it with a singletons policy.`);
    }
    if (!this.started) throw new Error(`Start the job queue before sending "${name}" jobs.`);
    return this.boss.send(name, payload, {
      ...(options.singletonKey !== undefined ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
    });
  }

  async schedule(name: string, cron: string, data: unknown, options: ScheduleOptions): Promise<void> {
    const payload = this.validPayload(this.registrationOf(name), data);
    const entry = { name, cron, data: payload, options };
    this.schedules.push(entry);
    if (this.started) await this.boss.schedule(name, cron, payload, { tz: options.tz });
  }

  async start(): Promise<void> {
    if (this.started) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.boss.start();
        break;
      } catch (error) {
        // Instances booting together on a new database can race to create pg-boss's schema; the loser tries again.
        if (attempt >= 3 || !isCreationRace(error)) throw error;
        this.logger.warn({ err: error, attempt }, 'Job queue schema was being created by another instance; starting again');
        this.boss = this.createBoss();
      }
    }
    this.started = true;
    for (const registration of this.registrations.values()) await this.activate(registration);
    for (const entry of this.schedules) await this.boss.schedule(entry.name, entry.cron, entry.data, { tz: entry.options.tz });
    this.logger.info({ queues: [...this.registrations.keys()] }, 'Job queue started');
  }

  /** Started and not yet stopped: the readiness check reports it. */
  isRunning(): boolean {
    return this.started;
  }

  async stop(options: StopOptions = { graceful: true, timeoutMs: 30_000 }): Promise<void> {
    if (!this.started) return;
    this.started = false;
    const deadline = Date.now() + options.timeoutMs;
    // pg-boss stops fetching, waits for running handlers (graceful) and fails what still runs at the deadline.
    await this.boss.stop({ graceful: options.graceful, timeout: options.timeoutMs, wait: true, close: false });
    // Completions are written after a handler returns; let them land before the database closes.
    await settleWithin(this.pendingQueries, Math.max(deadline - Date.now(), 2_000));
    for (const registration of this.registrations.values()) registration.activated = false;
    this.logger.info({ stillRunning: this.runningHandlers.size }, 'Job queue stopped');
  }

  async drain(name?: string, timeoutMs = 20_000): Promise<void> {
    const names = name ? [this.registrationOf(name).name] : [...this.registrations.keys()];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const sizes = await Promise.all(names.map((queue) => this.boss.getQueueSize(queue, { before: 'completed' })));
      if (sizes.every((size) => size === 0) && this.runningHandlers.size === 0) return;
      if (Date.now() > deadline) {
        throw new Error(`Job queues did not drain within ${timeoutMs} ms: ${names.map((queue, i) => `${queue} ${sizes[i]}`).join(', ')}.`);
      }
      await sleep(100);
    }
  }

  private createBoss(): PgBoss {
    const boss = new PgBoss({
      db: { executeSql: this.executeSql },
      schema: this.schema,
      ...(this.options.pollingIntervalSeconds !== undefined ? { pollingIntervalSeconds: this.options.pollingIntervalSeconds } : {}),
    });
    boss.on('error', (error) => this.logger.error({ err: error }, 'Job queue error'));
    return boss;
  }

  private readonly executeSql: ExecuteSql = (text, values) => {
    const query = this.options.database.executeSql(text, values);
    this.pendingQueries.add(query);
    const forget = () => this.pendingQueries.delete(query);
    query.then(forget, forget);
    return query;
  };

  private async activate(registration: Registration): Promise<void> {
    if (registration.activated) return;
    const { name, options } = registration;
    const queueSettings = {
      policy: policies[options.singletons],
      retryLimit: options.retryLimit,
      retryDelay: options.retryDelaySeconds,
      retryBackoff: options.retryBackoff,
      expireInSeconds: options.expireInSeconds,
    };
    // pg-boss's create_queue attaches a partition; two instances creating one queue at once can
    // deadlock, so creation runs in one transaction behind an advisory lock.
    await this.executeSql(
      [
        'begin',
        `select pg_advisory_xact_lock(hashtext(${literal(`${this.schema}.create_queue`)}))`,
        `select ${this.schema}.create_queue(${literal(name)}, ${literal(JSON.stringify(queueSettings))}::json)`,
        'commit',
      ].join(';\n'),
    );
    // A queue created by an older release keeps its old settings unless updated.
    await this.boss.updateQueue(name, { name, ...queueSettings });
    for (let worker = 0; worker < options.concurrency; worker++) {
      const slot: { workerId?: string } = {};
      slot.workerId = await this.boss.work<object>(name, { batchSize: 1, includeMetadata: true }, async (jobs) => {
        await this.runAll(registration, jobs);
        // pg-boss waits a polling interval after every job; a worker that found work looks again at once.
        if (jobs.length > 0 && slot.workerId && this.started) this.boss.notifyWorker(slot.workerId);
      });
    }
    registration.activated = true;
  }

  private async runAll(registration: Registration, jobs: PgBoss.JobWithMetadata<object>[]): Promise<void> {
    for (const job of jobs) {
      const run = this.run(registration, job);
      this.runningHandlers.add(run);
      try {
        await run;
      } finally {
        this.runningHandlers.delete(run);
      }
    }
  }

  /** Runs one job and records its outcome itself, so the outcome is written before `stop` returns. */
  private async run(registration: Registration, job: PgBoss.JobWithMetadata<object>): Promise<void> {
    const { name } = registration;
    const attempt = job.retryCount + 1;
    const context = { queue: name, jobId: job.id, attempt };
    const parsed = registration.schema.safeParse(job.data);
    if (!parsed.success) {
      const message = `Job "${name}" has an invalid payload: ${z.prettifyError(parsed.error)}`;
      this.logger.error(context, message);
      await this.record(context, async () => {
        // Retrying cannot fix a payload: spend the retries so the failure is final.
        await this.executeSql(`update ${this.schema}.job set retry_limit = retry_count where name = $1 and id = $2`, [name, job.id]);
        await this.boss.fail(name, job.id, { message });
      });
      return;
    }
    try {
      await registration.handler(parsed.data, { id: job.id, attempt });
    } catch (error) {
      const finalAttempt = attempt > job.retryLimit;
      this.logger[finalAttempt ? 'error' : 'warn']({ ...context, err: error }, finalAttempt ? 'Job failed for the last time' : 'Job failed; it will be retried');
      await this.record(context, () => this.boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    await this.record(context, () => this.boss.complete(name, job.id));
  }

  private async record(context: Record<string, unknown>, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      // The job stays active until it expires, then runs again: handlers are idempotent.
      this.logger.error({ ...context, err: error }, 'Could not record the outcome of a job');
    }
  }

  private registrationOf(name: string): Registration {
    const registration = this.registrations.get(name);
    if (!registration) throw new JobPayloadError(name, `No job queue named "${name}" is registered.`);
    return registration;
  }

  private validPayload(registration: Registration, data: unknown): object {
    const parsed = registration.schema.safeParse(data);
    if (!parsed.success) {
      throw new JobPayloadError(registration.name, `Job "${registration.name}" has an invalid payload: ${z.prettifyError(parsed.error)}`);
    }
    if (typeof parsed.data !== 'object' || parsed.data === null || Array.isArray(parsed.data)) {
      throw new JobPayloadError(registration.name, `Job "${registration.name}" needs an object payload (a zod object schema).`);
    }
    return parsed.data;
  }
}

async function settleWithin(pending: Set<Promise<unknown>>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0 && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(deadline - Date.now(), 0));
    });
    await Promise.race([Promise.allSettled([...pending]), timeout]);
    clearTimeout(timer);
  }
}

function isCreationRace(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === '23505' || code === '42P06' || code === '42P07' || code === '40P01' || (error instanceof Error && /already exists/.test(error.message));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
