import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The correlation id of the HTTP request or bot turn being handled, carried through every await
 * so each log line written while handling it names it, without passing a logger down every call.
 */
const current = new AsyncLocalStorage<{ correlationId: string }>();

export function runWithCorrelationId<T>(correlationId: string, work: () => T): T {
  return current.run({ correlationId }, work);
}

export function currentCorrelationId(): string | undefined {
  return current.getStore()?.correlationId;
}
