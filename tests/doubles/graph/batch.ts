import { isRecord } from '../shared/http-server';
import type { GraphResponse } from './errors';
import { graphError } from './errors';

export const maxBatchRequests = 20;

export interface BatchStep {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

export interface BatchStepResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Validates a `$batch` body (JSON batching doc): at most 20 steps, unique ids, known dependencies. */
export function parseBatch(body: unknown, now: number): BatchStep[] | GraphResponse {
  if (!isRecord(body) || !Array.isArray(body.requests)) return graphError(400, 'BadRequest', 'Invalid batch payload format.', now);
  if (body.requests.length > maxBatchRequests) {
    return graphError(400, 'BadRequest', `Unable to deserialize batch request: the number of requests (${body.requests.length}) exceeds the limit of ${maxBatchRequests}.`, now);
  }
  const steps: BatchStep[] = [];
  for (const raw of body.requests) {
    if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.method !== 'string' || typeof raw.url !== 'string') {
      return graphError(400, 'BadRequest', 'Each batch request needs id, method and url.', now);
    }
    if (steps.some((step) => step.id === raw.id)) return graphError(400, 'BadRequest', `Batch request ids must be unique: '${raw.id}'.`, now);
    const headers = isRecord(raw.headers) ? Object.fromEntries(Object.entries(raw.headers).map(([name, value]) => [name.toLowerCase(), String(value)])) : {};
    if (raw.body !== undefined && !headers['content-type']) return graphError(400, 'BadRequest', `Batch request '${raw.id}' has a body but no Content-Type header.`, now);
    const dependsOn = Array.isArray(raw.dependsOn) ? raw.dependsOn.map(String) : [];
    steps.push({ id: raw.id, method: raw.method.toUpperCase(), url: raw.url, headers, body: raw.body, dependsOn });
  }
  for (const step of steps) {
    for (const dependency of step.dependsOn) {
      if (!steps.some((other) => other.id === dependency)) return graphError(400, 'BadRequest', `Batch request '${step.id}' depends on unknown request '${dependency}'.`, now);
    }
  }
  return steps;
}

/**
 * Runs steps: each starts once its dependencies finish (steps without dependencies start
 * together, so they can trip the mailbox concurrency limit), and fails with 424 when a
 * dependency failed.
 */
export async function runBatch(steps: readonly BatchStep[], run: (step: BatchStep) => Promise<BatchStepResponse>, now: () => number): Promise<BatchStepResponse[]> {
  const results = new Map<string, Promise<BatchStepResponse>>();
  const start = (step: BatchStep, trail: readonly string[]): Promise<BatchStepResponse> => {
    const existing = results.get(step.id);
    if (existing) return existing;
    if (trail.includes(step.id)) {
      const failed = graphError(400, 'BadRequest', `Circular dependency at '${step.id}'.`, now());
      return Promise.resolve({ id: step.id, status: failed.status, body: failed.body });
    }
    const dependencies = step.dependsOn.map((id) => steps.find((other) => other.id === id)).filter((other): other is BatchStep => other !== undefined);
    const promise =
      dependencies.length === 0
        ? run(step)
        : Promise.all(dependencies.map((dependency) => start(dependency, [...trail, step.id]))).then((done) => {
            if (done.some((result) => result.status >= 400)) {
              const failed = graphError(424, 'FailedDependency', 'A dependent request failed.', now());
              return { id: step.id, status: 424, body: failed.body };
            }
            return run(step);
          });
    results.set(step.id, promise);
    return promise;
  };
  return Promise.all(steps.map((step) => start(step, [])));
}
