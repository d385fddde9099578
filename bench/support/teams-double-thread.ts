import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SentActivity } from '../../tests/doubles/teams/types';

/** What a benchmark asks of a Teams double running on its own thread. */
export interface TeamsDoubleThread {
  serviceUrl: string;
  activities(conversationId?: string): Promise<SentActivity[]>;
  waitForActivities(count: number, timeoutMs?: number, conversationId?: string): Promise<SentActivity[]>;
  resetCalls(): Promise<void>;
  close(): Promise<void>;
}

/** The questions the thread answers; see teams-double-thread-worker.ts. */
export type TeamsDoubleQuestion =
  | { id: number; ask: 'activities'; conversationId?: string }
  | { id: number; ask: 'waitForActivities'; count: number; timeoutMs?: number; conversationId?: string }
  | { id: number; ask: 'resetCalls' }
  | { id: number; ask: 'close' };

export type TeamsDoubleAnswer = { id: number; value?: unknown; error?: string } | { ready: string };

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type WithoutId<Q> = Q extends unknown ? Omit<Q, 'id'> : never;
type Question = WithoutId<TeamsDoubleQuestion>;

/**
 * The Bot Connector double on a worker thread, without rate limits. In a real tenant Teams is
 * another machine: started in the benchmark's own thread, the double's request handling would be
 * counted as the bot's work and queue on the bot's event loop.
 */
export async function startTeamsDoubleThread(): Promise<TeamsDoubleThread> {
  const worker = new Worker(path.join(__dirname, 'teams-double-thread-worker.ts'), {
    execArgv: ['--require', require.resolve('tsx/cjs'), '--no-deprecation'],
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const serviceUrl = await new Promise<string>((resolve, reject) => {
    // A thread that dies fails whatever still waits on it, instead of leaving the benchmark hanging.
    const failAll = (error: Error) => {
      reject(error);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    worker.once('error', failAll);
    worker.once('exit', (code) => failAll(new Error(`the Teams double's thread exited (code ${code})`)));
    worker.on('message', (answer: TeamsDoubleAnswer) => {
      if ('ready' in answer) return resolve(answer.ready);
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if (answer.error !== undefined) waiting?.reject(new Error(answer.error));
      else waiting?.resolve(answer.value);
    });
  });
  const ask = <T>(question: Question): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...question, id });
    });
  return {
    serviceUrl,
    activities: (conversationId) => ask<SentActivity[]>({ ask: 'activities', conversationId }),
    waitForActivities: (count, timeoutMs, conversationId) => ask<SentActivity[]>({ ask: 'waitForActivities', count, timeoutMs, conversationId }),
    resetCalls: () => ask<void>({ ask: 'resetCalls' }),
    close: async () => {
      await ask<void>({ ask: 'close' });
      await worker.terminate();
    },
  };
}
