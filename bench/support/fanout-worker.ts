import { z } from 'zod';
import { createBotConnection } from '../../bot/bot-endpoint';
import { feedbackCards } from '../../bot/cards/feedback-cards';
import { loadConfig } from '../../core/config/config';
import { openDatabase } from '../../core/db/database';
import { FeedbackLoop } from '../../core/feedback/feedback-loop';
import { PgBossQueue } from '../../core/jobs/pg-boss-queue';
import { createLogger } from '../../core/log/logger';
import { systemClock, type Clock } from '../../core/time/clock';

/**
 * One app instance's feedback sending, in a process of its own so the benchmark can SIGKILL it:
 * the pieces `app/compose.ts` wires for the loop (pg-boss on the app's database, the real
 * `BotCardSender` over botbuilder's CloudAdapter in local mode, `FeedbackLoop`). `start` ends the
 * meeting (which asks every member: local mode has no attendance reports); `restart` boots as a
 * restarted instance does and works the queue the dead one left. Once nothing is left to send it
 * runs the delivery sweep as the 5-minute schedule would 10 minutes later (claims of the dead
 * instance become `in_doubt`, pending rows whose job died are queued again), waits for those, and
 * reports `done`. Reports to the parent over IPC.
 */
const argsSchema = z.object({
  mode: z.enum(['start', 'restart']),
  database: z.discriminatedUnion('kind', [z.object({ kind: z.literal('pglite'), dataDir: z.string() }), z.object({ kind: z.literal('postgres'), url: z.string() })]),
  serviceUrl: z.string(),
  trustId: z.uuid(),
  meetingId: z.uuid(),
  concurrency: z.number().int().min(1),
  pollingSeconds: z.number().min(0.5),
});

export type FanoutWorkerArgs = z.infer<typeof argsSchema>;

export type FanoutWorkerMessage =
  /** `sinceStartMs` from the process's start: Node, loading the app's modules (which `bootMs` leaves out), then the boot. */
  | { event: 'ready'; bootMs: number; sinceStartMs: number }
  | { event: 'asked'; requests: number; ms: number }
  | { event: 'done'; swept: { woken: number; inDoubt: number } }
  | { event: 'error'; message: string };

function report(message: FanoutWorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, () => resolve());
  });
}

const sweepAge = 11 * 60_000;
const idleBeforeSweepMs = 3_000;

async function main(): Promise<void> {
  const booted = performance.now();
  const args = argsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const config = loadConfig(
    { LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3978', BOT_SERVICE_URL: args.serviceUrl, FEEDBACK_SEND_CONCURRENCY: String(args.concurrency) },
    { version: 'bench', cwd: process.cwd() },
  );
  const logger = createLogger({ level: 'silent' });
  const database = await openDatabase(args.database);
  const jobs = new PgBossQueue({ database, logger, pollingIntervalSeconds: args.pollingSeconds });
  const { cardSender } = createBotConnection(config, { db: database.db, logger });
  const deps = { db: database.db, jobs, sender: cardSender, cards: feedbackCards, attendance: null, installer: null, logger, settings: config.feedback };
  const loop = new FeedbackLoop({ ...deps, clock: systemClock });
  await loop.register();
  await jobs.start();
  await loop.delivery.resumeSending();
  await report({ event: 'ready', bootMs: performance.now() - booted, sinceStartMs: performance.now() });

  if (args.mode === 'start') {
    const began = performance.now();
    await loop.rounds.meetingEnded({ trustId: args.trustId, meetingId: args.meetingId, endedAt: new Date(), source: 'teams_end_event' });
    const { rows } = await database.executeSql(`select count(*)::int as n from feedback_requests where meeting_id = $1`, [args.meetingId]);
    await report({ event: 'asked', requests: Number(rows[0]!.n), ms: performance.now() - began });
  }

  const restartedAt = new Date();
  const later: Clock = { now: () => new Date(Date.now() + sweepAge) };
  const sweeper = new FeedbackLoop({ ...deps, jobs, clock: later }).delivery;
  let swept = { woken: 0, inDoubt: 0 };
  let lastProgress = { key: '', at: Date.now() };
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { rows } = await database.executeSql(
      `select count(*) filter (where delivery_status = 'pending')::int as pending,
              count(*) filter (where delivery_status = 'sending' and claimed_at >= $2)::int as sending_here,
              count(*) filter (where delivery_status = 'sending' and claimed_at < $2)::int as sending_before,
              count(*) filter (where delivery_status = 'sent')::int as sent
         from feedback_requests where meeting_id = $1`,
      [args.meetingId, restartedAt],
    );
    const { pending, sending_here: sendingHere, sending_before: sendingBefore, sent } = rows[0] as Record<string, number>;
    const key = `${pending}|${sent}|${sendingHere}`;
    if (key !== lastProgress.key) lastProgress = { key, at: Date.now() };
    const idle = Date.now() - lastProgress.at > idleBeforeSweepMs && Number(sendingHere) === 0;
    if (Number(pending) === 0 && Number(sendingHere) === 0 && Number(sendingBefore) === 0) break;
    // Nothing moves: what is left is a dead instance's work, which only the sweep repairs.
    if ((Number(pending) === 0 && Number(sendingHere) === 0) || idle) {
      const result = await sweeper.sweep();
      swept = { woken: swept.woken + result.woken, inDoubt: swept.inDoubt + result.inDoubt };
      lastProgress = { key: '', at: Date.now() };
    }
  }
  await report({ event: 'done', swept });
  await jobs.stop({ graceful: true, timeoutMs: 5_000 });
  await database.close();
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await report({ event: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
