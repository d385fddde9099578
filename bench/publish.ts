import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseTarget } from '../core/db/database';
import { GraphCalendarGateway, maxBatchSteps } from '../core/graph/graph-calendar-gateway';
import { startGraphDouble, type GraphDouble } from '../tests/doubles/graph';
import { printFigures, progress, round } from './support/report';
import { seedPublishTrust, type PublishSeedShape, type SeededTrust } from './support/publish-seed';
import type { PublishWorkerArgs, PublishWorkerMessage } from './support/publish-worker';

/**
 * Publishing a year for 100 communities of 8 meetings through the Graph double (Outlook limits
 * on: 4 requests at once per mailbox), in an app instance of its own process. Phase 1 runs
 * cleanly and gives the request count and the wall time; phase 2 (a second trust, other
 * mailboxes) is killed with SIGKILL once half its events exist, and restarted; both are checked
 * for duplicates.
 * The bound is what Outlook's limit allows: each mailbox runs one 20-step batch (4 chains of 5)
 * at a time, so it needs ceil(events per mailbox / 20) batch round trips, mailboxes side by side;
 * the round trip is measured first, in the same run.
 */

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const shape: PublishSeedShape = {
  communities: Math.round(numberFromEnv('BENCH_COMMUNITIES', 100)),
  meetingsPerCommunity: Math.round(numberFromEnv('BENCH_MEETINGS', 8)),
  leads: Math.round(numberFromEnv('BENCH_LEADS', 5)),
  membersPerCommunity: 8,
};
/** Per request, inside batches too; Graph takes several hundred ms to create an event with a Teams meeting. */
const latencyMs = numberFromEnv('BENCH_GRAPH_LATENCY_MS', 100);
const concurrency = Math.round(numberFromEnv('BENCH_PUBLISH_CONCURRENCY', 40));
/** Short, so the restarted instance takes over the dead one's runs within seconds (the app's default is 30). */
const leaseSeconds = numberFromEnv('BENCH_LEASE_SECONDS', 3);
/** Publish presses in flight at once when the benchmark publishes every community. */
const startConcurrency = Math.round(numberFromEnv('BENCH_START_CONCURRENCY', 10));
const goal = { requestsFactor: 1.05, wallVsBound: 1.2, duplicates: 0 };

const events = shape.communities * shape.meetingsPerCommunity;
const minRequests = Math.ceil(events / maxBatchSteps);

function runWorker(args: PublishWorkerArgs, onMessage: (message: PublishWorkerMessage, child: ChildProcess) => void): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'publish-worker.ts'), JSON.stringify(args)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  child.on('message', (message) => onMessage(message as PublishWorkerMessage, child));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited };
}

function workerArgs(mode: PublishWorkerArgs['mode'], database: DatabaseTarget, graph: GraphDouble, trust: SeededTrust): PublishWorkerArgs {
  if (database.kind !== 'postgres' && !('dataDir' in database && database.dataDir)) throw new Error('the benchmark needs PGlite on disk, so a second process can open it');
  return {
    mode,
    database: database.kind === 'postgres' ? { kind: 'postgres', url: database.url } : { kind: 'pglite', dataDir: database.dataDir! },
    graphBaseUrl: graph.baseUrl,
    trustId: trust.trustId,
    yearId: trust.yearId,
    plans: trust.plans.map(({ communityId, leadPersonId }) => ({ communityId, leadPersonId })),
    concurrency,
    leaseSeconds,
    pollingSeconds: 0.5,
    startConcurrency,
  };
}

/** Events in the trust's mailboxes, cancelled or deleted ones included. */
function trustEvents(graph: GraphDouble, trust: SeededTrust) {
  const mailboxes = [...new Set(trust.plans.map((plan) => plan.leadEmail))];
  return mailboxes.flatMap((mailbox) => graph.events(mailbox, { includeRemoved: true }));
}

/** A second event with a transactionId already used, or a second event for the same meeting (subject and start). */
function duplicatesIn(graph: GraphDouble, trust: SeededTrust): number {
  const all = trustEvents(graph, trust);
  const byTransaction = new Set(all.map((event) => String(event.transactionId)));
  const byMeeting = new Set(all.map((event) => `${String(event.subject)}|${JSON.stringify(event.start)}`));
  return all.length - Math.min(byTransaction.size, byMeeting.size);
}

async function untilDone(label: string, worker: ReturnType<typeof runWorker>, done: Promise<Extract<PublishWorkerMessage, { event: 'done' }>>): Promise<Extract<PublishWorkerMessage, { event: 'done' }>> {
  const exitedEarly = worker.exited.then((code) => {
    throw new Error(`${label}: the worker exited (code ${code}) before finishing`);
  });
  return Promise.race([done, exitedEarly]);
}

async function main(): Promise<void> {
  const postgresUrl = process.env.BENCH_DATABASE_URL;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-publish-'));
  const database: DatabaseTarget = postgresUrl ? { kind: 'postgres', url: postgresUrl } : { kind: 'pglite', dataDir: path.join(scratch, 'pglite') };
  progress(`publish: ${shape.communities} communities x ${shape.meetingsPerCommunity} meetings = ${events} events, ${shape.leads} leads (organiser mailboxes), Graph double latency ${latencyMs} ms per request, Outlook limit 4 at once per mailbox`);
  progress(`database: ${postgresUrl ? 'postgres (BENCH_DATABASE_URL)' : `pglite on disk (${database.kind === 'pglite' ? database.dataDir : ''})`}; publish concurrency ${concurrency}; lease ${leaseSeconds} s`);

  const graph = await startGraphDouble({ latencyMs });
  try {
    const seeding = await openDatabase(database);
    const tag = Date.now().toString(36);
    const clean = await seedPublishTrust(seeding.db, `clean-${tag}`, shape);
    const killed = await seedPublishTrust(seeding.db, `killed-${tag}`, shape);
    await seeding.close();
    progress('seeded two trusts with saved, unpublished plans');

    // Baseline: one full batch round trip to a mailbox of its own, the unit of Outlook's bound.
    const baselineGateway = new GraphCalendarGateway({ credential: { getToken: async () => ({ token: 'bench', expiresOnTimestamp: Date.now() + 3600_000 }) }, baseUrl: graph.baseUrl });
    const roundTrips: number[] = [];
    for (let round = 0; round < 3; round++) {
      const began = performance.now();
      const results = await baselineGateway.createEvents(
        'baseline@bench.example',
        Array.from({ length: maxBatchSteps }, (_, i) => ({
          transactionId: `baseline-${round}-${i}`,
          subject: `Baseline ${round}.${i}`,
          bodyHtml: '<p>Baseline</p>',
          startsAt: new Date(Date.UTC(2026, 9, 1 + i, 16)),
          endsAt: new Date(Date.UTC(2026, 9, 1 + i, 17)),
          attendees: [{ email: 'member1@bench.example', name: 'Member 1' }],
          online: i % 2 === 0,
        })),
      );
      if (!results.every((result) => result.ok)) throw new Error('the baseline batch failed');
      roundTrips.push(performance.now() - began);
    }
    const batchRoundTripMs = [...roundTrips].sort((a, b) => a - b)[1]!;
    const batchesPerMailbox = Math.ceil(Math.ceil(shape.communities / shape.leads) * shape.meetingsPerCommunity / maxBatchSteps);
    const boundMs = batchesPerMailbox * batchRoundTripMs;
    progress(`baseline: one 20-event batch round trip ${round(batchRoundTripMs)} ms (median of ${roundTrips.map((ms) => round(ms, 0)).join(', ')}); bound ${batchesPerMailbox} round trips per mailbox = ${round(boundMs)} ms`);

    // Phase 1: a clean publish of every plan.
    const callsBefore = graph.calls.length;
    let resolveDone!: (message: Extract<PublishWorkerMessage, { event: 'done' }>) => void;
    const cleanDone = new Promise<Extract<PublishWorkerMessage, { event: 'done' }>>((resolve) => (resolveDone = resolve));
    const cleanWorker = runWorker(workerArgs('start', database, graph, clean), (message) => {
      if (message.event === 'started') progress(`clean run: ${shape.communities} publish runs started in ${round(message.ms)} ms`);
      if (message.event === 'done') resolveDone(message);
      if (message.event === 'error') progress(`clean run worker failed: ${message.message}`);
    });
    const cleanResult = await untilDone('clean run', cleanWorker, cleanDone);
    await cleanWorker.exited;
    const phaseCalls = graph.calls.slice(callsBefore);
    const graphRequests = phaseCalls.filter((call) => !call.batch).length;
    const batchSizes = phaseCalls.filter((call) => call.path === '/$batch').map((call) => (call.body as { requests: unknown[] }).requests.length);
    const throttled = phaseCalls.filter((call) => call.status === 429).length;
    const sinceFirstPress = (call: (typeof phaseCalls)[number] | undefined) => Number(call?.at ?? cleanResult.began) - cleanResult.began;
    const batchCalls = phaseCalls.filter((call) => call.path === '/$batch');
    progress(
      `clean run timeline: first Graph request ${sinceFirstPress(phaseCalls[0])} ms after the first Publish, last batch sent at ${sinceFirstPress(batchCalls.at(-1))} ms, every run finished at ${round(cleanResult.wallMs, 0)} ms`,
    );
    progress(
      `clean run: ${cleanResult.created} events created, ${cleanResult.failed} failed, in ${round(cleanResult.wallMs)} ms; ${graphRequests} Graph requests (${batchSizes.length} batches: ${batchSizes.join(' ')}); ${throttled} steps throttled`,
    );

    // Phase 2: killed half-way with SIGKILL, then a new instance boots and carries on.
    const killedEvents = () => trustEvents(graph, killed).length;
    let killedAt = 0;
    const halfway = new Promise<void>((resolve, reject) => {
      const worker = runWorker(workerArgs('start', database, graph, killed), (message, child) => {
        if (message.event === 'error') reject(new Error(`killed run worker failed: ${message.message}`));
        if (message.event !== 'ready') return;
        const watch = setInterval(() => {
          if (killedEvents() < events / 2) return;
          clearInterval(watch);
          child.kill('SIGKILL');
          killedAt = killedEvents();
          resolve();
        }, 5);
      });
      void worker.exited.then((code) => {
        if (killedAt === 0) reject(new Error(`the worker to be killed exited by itself (code ${code}) before half the events were created`));
      });
    });
    await halfway;
    progress(`killed run: SIGKILL after ${killedAt} of ${events} events were in the double's calendars`);
    let resolveResumed!: (message: Extract<PublishWorkerMessage, { event: 'done' }>) => void;
    const resumedDone = new Promise<Extract<PublishWorkerMessage, { event: 'done' }>>((resolve) => (resolveResumed = resolve));
    const resumeWorker = runWorker(workerArgs('restart', database, graph, killed), (message) => {
      if (message.event === 'ready') progress(`restarted instance: ${message.resumed} unfinished runs sent to the queue at boot; then Publish pressed again for every plan`);
      if (message.event === 'done') resolveResumed(message);
      if (message.event === 'error') progress(`restarted worker failed: ${message.message}`);
    });
    const resumed = await untilDone('restarted run', resumeWorker, resumedDone);
    await resumeWorker.exited;
    progress(`restarted instance: ${resumed.created} of ${events} meetings published, ${resumed.failed} failed, ${round(resumed.wallMs)} ms after boot (runs the dead instance held waited up to ${leaseSeconds} s for its lease to lapse)`);

    const duplicates = duplicatesIn(graph, clean) + duplicatesIn(graph, killed);
    const killedTotal = trustEvents(graph, killed).length;
    progress(`duplicates: ${duplicatesIn(graph, clean)} in the clean run, ${duplicatesIn(graph, killed)} in the killed-and-restarted run (${killedTotal} events in its calendars)`);

    const checking = await openDatabase(database);
    const { rows } = await checking.executeSql(
      `select count(*)::int as meetings, count(calendar_event_id)::int as published from meetings where trust_id in ($1, $2)`,
      [clean.trustId, killed.trustId],
    );
    await checking.close();
    progress(`database: ${String(rows[0]!.published)} of ${String(rows[0]!.meetings)} meetings have an event id`);

    const wallVsBound = cleanResult.wallMs / boundMs;
    const met = graphRequests <= goal.requestsFactor * minRequests && wallVsBound <= goal.wallVsBound && duplicates === goal.duplicates;
    progress(`goals: requests <= ${goal.requestsFactor} x ${minRequests}, wall <= ${goal.wallVsBound} x bound, 0 duplicates: ${met ? 'met' : 'NOT met'}`);
    printFigures({
      bench: 'publish',
      events,
      graph_requests: graphRequests,
      min_requests: minRequests,
      duplicates,
      wall_vs_bound: round(wallVsBound),
      wall_ms: round(cleanResult.wallMs, 0),
      bound_ms: round(boundMs, 0),
      batch_round_trip_ms: round(batchRoundTripMs, 0),
      killed_after_events: killedAt,
      goal_met: met,
    });
    if (cleanResult.failed > 0 || resumed.failed > 0 || Number(rows[0]!.published) !== 2 * events) process.exitCode = 1;
  } finally {
    await graph.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
