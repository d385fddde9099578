import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadOptions, RawLoadResult } from './load';

/** Runs one autocannon load inside a worker thread; see `runLoad`. */
async function main(options: LoadOptions): Promise<RawLoadResult> {
  const latenciesMs: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let clientIndex = 0;
  const started = process.hrtime.bigint();

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
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latenciesMs.push(responseTime);
    const key = String(statusCode);
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
    if (latenciesMs.length >= options.maxRequests) instance.stop();
  });
  instance.on('reqError', () => {
    errors += 1;
  });
  instance.on('timeout', () => {
    timeouts += 1;
  });
  await instance;
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { latenciesMs, statusCounts, errors, timeouts, elapsedMs };
}

main(workerData as LoadOptions).then(
  (result) => parentPort?.postMessage(result),
  (error: unknown) => {
    throw error;
  },
);
