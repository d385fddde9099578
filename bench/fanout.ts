import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseTarget } from '../core/db/database';
import { startTeamsDouble } from '../tests/doubles/teams';
import { defaultTenantRequestsPerSecond } from '../tests/doubles/teams/rate-limits';
import { seedFanoutTrust } from './support/fanout-seed';
import type { FanoutWorkerArgs, FanoutWorkerMessage } from './support/fanout-worker';
import { printFigures, progress, round } from './support/report';

/**
 * Feedback cards to every member of a 10,000-member community through the Teams Bot Connector
 * double at its default per-app-per-tenant limit (50 requests/s) with 5% injected 429/500/503, the
 * sending instance SIGKILLed half-way and a new one started. Everything is counted from the
 * double's recorded calls: duplicates (a conversation that got the card more than once), lost
 * (no card arrived and the delivery record gives no legitimate final reason), and the successful
 * send rate over the sending window against the double's limit.
 */

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const recipients = Math.round(numberFromEnv('BENCH_RECIPIENTS', 10_000));
const concurrency = Math.round(numberFromEnv('BENCH_SEND_CONCURRENCY', 20));
const faultRate = numberFromEnv('BENCH_FAULT_RATE', 0.05);
/** The successful sends after which the sender is killed. */
const killAfter = Math.floor(recipients / 2);
const limit = defaultTenantRequestsPerSecond;
const goal = { rateVsLimit: 0.95, duplicates: 0, lost: 0 };
/** Delivery records that are a legitimate end without a card: Teams said the person or chat is gone or refused, or the meeting was cancelled. */
const finalReasons = new Set(['blocked', 'forbidden', 'not_found', 'uninstalled', 'cancelled']);

type Done = Extract<FanoutWorkerMessage, { event: 'done' }>;

function runWorker(args: FanoutWorkerArgs, onMessage: (message: FanoutWorkerMessage) => void): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'fanout-worker.ts'), JSON.stringify(args)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  child.on('message', (message) => onMessage(message as FanoutWorkerMessage));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited };
}

async function main(): Promise<void> {
  const postgresUrl = process.env.BENCH_DATABASE_URL;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fanout-'));
  const database: DatabaseTarget = postgresUrl ? { kind: 'postgres', url: postgresUrl } : { kind: 'pglite', dataDir: path.join(scratch, 'pglite') };
  const workerDatabase: FanoutWorkerArgs['database'] = database.kind === 'postgres' ? { kind: 'postgres', url: database.url } : { kind: 'pglite', dataDir: path.join(scratch, 'pglite') };
  progress(`fanout: ${recipients} recipients, Teams double at ${limit} requests/s per app per tenant, ${faultRate * 100}% injected 429/500/503, sender killed after ${killAfter} cards`);
  progress(`database: ${postgresUrl ? 'postgres (BENCH_DATABASE_URL)' : `pglite on disk (${scratch})`}; send concurrency ${concurrency} per instance`);

  const teams = await startTeamsDouble({ seed: 6 });
  try {
    const seeding = await openDatabase(database);
    const seedBegan = performance.now();
    const seed = await seedFanoutTrust(seeding.db, Date.now().toString(36), recipients, teams.serviceUrl);
    await seeding.close();
    progress(`seeded ${recipients} members with personal conversation references in ${round((performance.now() - seedBegan) / 1000, 1)} s`);
    teams.setFaults({ rate: faultRate, kinds: [{ kind: 'status', status: 429, retryAfterSeconds: 1 }, 500, 503], match: { method: 'POST' } });

    const ourConversations = new Set(seed.conversationOf.values());
    const sendCalls = () => teams.calls.filter((call) => call.operation === 'sendToConversation' && call.conversationId !== undefined && ourConversations.has(call.conversationId));
    const delivered = () => teams.activities().filter((sent) => ourConversations.has(sent.conversationId)).length;
    const args = (mode: FanoutWorkerArgs['mode']): FanoutWorkerArgs => ({
      mode,
      database: workerDatabase,
      serviceUrl: teams.serviceUrl,
      trustId: seed.trustId,
      meetingId: seed.meetingId,
      concurrency,
      pollingSeconds: 0.5,
    });
    const onMessage = (label: string) => (message: FanoutWorkerMessage) => {
      if (message.event === 'ready') progress(`${label}: booted in ${round(message.bootMs / 1000, 1)} s, ready ${round(message.sinceStartMs / 1000, 1)} s after its process started`);
      if (message.event === 'asked') progress(`${label}: meeting ended, ${message.requests} delivery records written and queued in ${round(message.ms / 1000, 1)} s`);
      if (message.event === 'error') progress(`${label} failed: ${message.message}`);
    };

    // First instance: ends the meeting and sends until half the cards are out, then SIGKILL.
    const first = runWorker(args('start'), onMessage('first instance'));
    const firstExit = first.exited.then((code) => {
      throw new Error(`the first instance exited (code ${code}) before it was killed`);
    });
    await Promise.race([firstExit, untilDelivered(killAfter, delivered)]);
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await first.exited;
    progress(`first instance SIGKILLed with ${delivered()} cards delivered`);

    // Second instance: boots on the same database and finishes the job.
    let resolveDone!: (message: Done) => void;
    const done = new Promise<Done>((resolve) => (resolveDone = resolve));
    const second = runWorker(args('restart'), (message) => {
      onMessage('restarted instance')(message);
      if (message.event === 'done') resolveDone(message);
    });
    const ticker = setInterval(() => progress(`${delivered()} of ${recipients} delivered`), 10_000);
    const finished = await Promise.race([
      done,
      second.exited.then((code) => {
        throw new Error(`the restarted instance exited (code ${code}) before finishing`);
      }),
    ]).finally(() => clearInterval(ticker));
    await second.exited;
    progress(`restarted instance finished; the sweep marked ${finished.swept.inDoubt} in doubt`);

    // Count from the double.
    const calls = sendCalls();
    const successes = calls.filter((call) => call.status >= 200 && call.status < 300);
    const perConversation = new Map<string, number>();
    for (const call of successes) perConversation.set(call.conversationId!, (perConversation.get(call.conversationId!) ?? 0) + 1);
    const duplicates = [...perConversation.values()].filter((n) => n > 1).length;
    const windowMs = Math.max(1, Math.max(...successes.map((call) => call.at)) - Math.min(...calls.map((call) => call.at)));
    const rateVsLimit = successes.length / (windowMs / 1000) / limit;
    const firstSuccessAfterKill = Math.min(...successes.filter((call) => call.at > killedAt).map((call) => call.at));
    const restartGapMs = Number.isFinite(firstSuccessAfterKill) ? firstSuccessAfterKill - killedAt : 0;
    // The same rate with the time no instance was running taken out: what the sender itself achieves.
    const rateExcludingRestart = successes.length / (Math.max(1, windowMs - restartGapMs) / 1000) / limit;

    const reading = await openDatabase(database);
    const { rows } = await reading.executeSql(`select person_id, delivery_status, failure_reason from feedback_requests where meeting_id = $1`, [seed.meetingId]);
    await reading.close();
    let lost = 0;
    let inDoubt = 0;
    let inDoubtUndelivered = 0;
    let finalFailed = 0;
    let recordSaysSentButNoCard = 0;
    for (const row of rows) {
      const conversationId = seed.conversationOf.get(String(row.person_id));
      const got = conversationId ? (perConversation.get(conversationId) ?? 0) : 0;
      const reason = row.failure_reason === null ? null : String(row.failure_reason);
      if (row.delivery_status === 'failed' && reason === 'in_doubt') {
        inDoubt += 1;
        if (got === 0) inDoubtUndelivered += 1;
        continue;
      }
      if (got > 0) continue;
      if (row.delivery_status === 'failed' && reason !== null && finalReasons.has(reason)) finalFailed += 1;
      else lost += 1;
      if (row.delivery_status === 'sent') recordSaysSentButNoCard += 1;
    }
    lost += Math.max(0, recipients - rows.length);

    const faults = calls.filter((call) => call.refusedBy === 'fault').length;
    const throttled = calls.filter((call) => call.refusedBy === 'rate-limit').length;
    progress(`${calls.length} send requests: ${successes.length} delivered, ${faults} injected faults, ${throttled} refused by the rate limit`);
    progress(`sending window ${round(windowMs / 1000, 1)} s (the limit allows ${recipients / limit} s for ${recipients} cards); restart gap ${round(restartGapMs / 1000, 1)} s`);
    const metGoal = rateVsLimit >= goal.rateVsLimit && duplicates === goal.duplicates && lost === goal.lost;
    printFigures({
      bench: 'fanout',
      recipients,
      rate_vs_limit: round(rateVsLimit, 3),
      duplicates,
      lost,
      rate_vs_limit_excluding_restart: round(rateExcludingRestart, 3),
      in_doubt: inDoubt,
      in_doubt_undelivered: inDoubtUndelivered,
      final_failed: finalFailed,
      record_sent_no_card: recordSaysSentButNoCard,
      delivered: perConversation.size,
      send_requests: calls.length,
      injected_faults: faults,
      rate_limited: throttled,
      window_s: round(windowMs / 1000, 1),
      restart_gap_s: round(restartGapMs / 1000, 1),
      limit_per_s: limit,
      send_concurrency: concurrency,
      database: postgresUrl ? 'postgres' : 'pglite',
      goal_met: metGoal,
    });
  } finally {
    await teams.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function untilDelivered(count: number, delivered: () => number): Promise<void> {
  let lastReport = Date.now();
  while (delivered() < count) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (Date.now() - lastReport > 10_000) {
      progress(`${delivered()} delivered`);
      lastReport = Date.now();
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
