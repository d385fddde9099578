import type { z } from 'zod';
import { AppError } from '../errors';

/**
 * Durable background jobs in our own words: no queue library's types leave `core/jobs/`.
 * Delivery is at least once (a job can run twice after a crash or an expiry), so every
 * handler must be idempotent: write with natural keys, compare before changing.
 */

/** What a handler learns about the job it is running. */
export interface JobContext {
  id: string;
  /** 1 on the first run, 2 on the first retry, and so on. */
  attempt: number;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

/**
 * How `singletonKey` dedupes jobs of one queue:
 * - `none`: it does not (sending twice makes two jobs);
 * - `one-queued`: at most one waiting job per key (a send while one waits returns null);
 * - `one-queued-one-running`: at most one waiting and one running job per key, so two
 *   instances never run the same key at once.
 */
export type SingletonPolicy = 'none' | 'one-queued' | 'one-queued-one-running';

export interface QueueOptions {
  /** Retries after the first failure (0: fail at once). */
  retryLimit: number;
  retryDelaySeconds: number;
  /** Double the delay on each retry, with jitter. */
  retryBackoff: boolean;
  /** Handlers of this queue that may run at once in one instance. */
  concurrency: number;
  /** A run that takes longer fails (and is retried). At most 24 hours. */
  expireInSeconds: number;
  singletons: SingletonPolicy;
}

export interface SendOptions {
  singletonKey?: string;
  /** Not run before this time. */
  startAfter?: Date;
  /** Overrides the queue's retry limit for this job. */
  retryLimit?: number;
}

export interface ScheduleOptions {
  /** The zone the cron expression is read in; the app always uses Europe/London. */
  tz: string;
}

export interface StopOptions {
  /** Wait for running handlers (up to `timeoutMs`) before stopping. */
  graceful: boolean;
  timeoutMs: number;
}

export interface JobQueue {
  /**
   * Declares a queue, its payload schema and its handler. Payloads are checked against the
   * schema when sent and again when received; a payload that fails on receipt is logged and
   * failed without retries.
   */
  register<T>(name: string, schema: z.ZodType<T>, handler: JobHandler<T>, options?: Partial<QueueOptions>): Promise<void>;
  /** Queues a job; resolves to its id, or null when the singleton key already has a job. */
  send(name: string, data: unknown, options?: SendOptions): Promise<string | null>;
  /** Sends `data` to a registered queue on a cron schedule, once across all instances. */
  schedule(name: string, cron: string, data: unknown, options: ScheduleOptions): Promise<void>;
  start(): Promise<void>;
  stop(options?: StopOptions): Promise<void>;
  /**
   * Resolves once the named queue (or every registered queue) has no waiting, retrying or
   * running jobs; rejects after `timeoutMs`. For tests and scripts.
   */
  drain(name?: string, timeoutMs?: number): Promise<void>;
}

export const defaultQueueOptions: QueueOptions = {
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  concurrency: 1,
  expireInSeconds: 15 * 60,
  singletons: 'none',
};

/** A payload that does not match its queue's schema, or a job sent to a queue nobody registered: a bug, not a user's mistake. */
export class JobPayloadError extends AppError {
  constructor(
    readonly queue: string,
    message: string,
  ) {
    super('invalid_job', message, 500, { queue });
    this.name = 'JobPayloadError';
  }
}
