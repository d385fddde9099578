import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { summariseLatencies, type LatencySummary } from './percentiles';

/** One HTTP request in the rotation. `[<id>]` in the body is replaced by a fresh id on every send. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadShape {
  /** Concurrent keep-alive connections, each sending its next request when the last one is answered. */
  connections: number;
  /** Stop after this many seconds... */
  durationSeconds: number;
  /** ...or after this many requests, whichever comes first. */
  maxRequests: number;
}

export interface LoadOptions extends LoadShape {
  /** Base URL; must be loopback (`http://127.0.0.1:port`). */
  url: string;
  /** Sent in order; each connection starts at a different point so the mix is spread across them. */
  requests: LoadRequest[];
}

/** What the worker sends back: raw samples, summarised on the main thread. */
export interface RawLoadResult {
  latenciesMs: number[];
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  elapsedMs: number;
}

export interface LoadResult {
  requests: number;
  /** Every latency recorded, in arrival order; kept so results of several runs can be merged. */
  latenciesMs: number[];
  rps: number;
  latency: LatencySummary;
  statusCounts: Record<string, number>;
  /** Responses that were not 200, plus connection errors and timeouts (autocannon counts a timeout as an error). */
  failures: number;
  elapsedSeconds: number;
}

/**
 * Drives `requests` at `url` with autocannon running in a worker thread, so the load generator
 * has its own event loop and does not queue behind the server it measures. Latencies are
 * recorded per response (sub-millisecond), not from autocannon's whole-millisecond histogram.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  if (target.hostname !== '127.0.0.1') throw new Error(`benchmarks only drive loopback servers; refusing ${options.url}`);
  if (options.requests.length === 0) throw new Error('runLoad needs at least one request');

  const raw = await new Promise<RawLoadResult>((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'load-worker.ts'), {
      workerData: options,
      // The worker is TypeScript too, so it needs tsx's CommonJS hook; autocannon's http_parser deprecation notice is noise.
      execArgv: ['--require', require.resolve('tsx/cjs'), '--no-deprecation'],
    });
    worker.once('message', (message: RawLoadResult) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with code ${code}`));
    });
  });

  const requests = raw.latenciesMs.length;
  const non200 = Object.entries(raw.statusCounts)
    .filter(([status]) => status !== '200')
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    requests,
    latenciesMs: raw.latenciesMs,
    rps: requests / (raw.elapsedMs / 1000),
    latency: summariseLatencies(raw.latenciesMs),
    statusCounts: raw.statusCounts,
    failures: non200 + raw.errors,
    elapsedSeconds: raw.elapsedMs / 1000,
  };
}

/** One result for several runs of the same load: throughput over their total time, percentiles over all samples. */
export function mergeLoadResults(results: LoadResult[]): LoadResult {
  const latenciesMs = results.flatMap((r) => r.latenciesMs);
  const elapsedSeconds = results.reduce((sum, r) => sum + r.elapsedSeconds, 0);
  const statusCounts: Record<string, number> = {};
  for (const result of results) {
    for (const [status, count] of Object.entries(result.statusCounts)) statusCounts[status] = (statusCounts[status] ?? 0) + count;
  }
  return {
    requests: latenciesMs.length,
    latenciesMs,
    rps: elapsedSeconds > 0 ? latenciesMs.length / elapsedSeconds : 0,
    latency: summariseLatencies(latenciesMs),
    statusCounts,
    failures: results.reduce((sum, r) => sum + r.failures, 0),
    elapsedSeconds,
  };
}
