import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadOptions, RawLoadResult } from './load';

/** Runs one autocannon load inside a worker thread; see `runLoad`. */
async function main(options: LoadOptions): Promise<RawLoadResult> {
  const latenciesMs: number[] = [];
  const statusCounts: Record<string, number> = {};
  let clientIndex = 0;
  const started = process.hrtime.bigint();

  let finished: (error: Error | null, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = (error, result) => (error ? reject(error) : resolve(result));
  });
  // The callback form returns the instance, whose events give per-response timings.
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    pipelining: 1,
    timeout: 10,
    idReplacement: true,
    requests: options.requests,
    // Stagger where each connection starts in the rotation so they do not move in lock-step.
    setupClient: (client) => {
      const offset = Math.floor((clientIndex++ * options.requests.length) / options.connections);
      client.setRequests([...options.requests.slice(offset), ...options.requests.slice(0, offset)]);
    },
  }, (error, result) => finished(error, result));
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latenciesMs.push(responseTime);
    const key = String(statusCode);
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
    if (latenciesMs.length >= options.maxRequests) instance.stop();
  });
  const summary = await done;
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { latenciesMs, statusCounts, errors: summary.errors, timeouts: summary.timeouts, elapsedMs };
}

main(workerData as LoadOptions).then(
  (result) => parentPort?.postMessage(result),
  (error: unknown) => {
    throw error;
  },
);
