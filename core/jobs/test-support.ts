import type { Database } from '../db/database';
import { createLogger, type Logger } from '../log/logger';
import { PgBossQueue } from './pg-boss-queue';

/** A queue that polls every half second (pg-boss's minimum), so tests wait little. */
export function createTestJobQueue(database: Pick<Database, 'executeSql'>, logger: Logger = createLogger({ level: 'silent' })): PgBossQueue {
  return new PgBossQueue({ database, logger, pollingIntervalSeconds: 0.5 });
}

/** Polls `check` until it returns true; rejects after `timeoutMs` with `what` in the message. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
