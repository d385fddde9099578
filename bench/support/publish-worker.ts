import { z } from 'zod';
import { openDatabase } from '../../core/db/database';
import { GraphCalendarGateway } from '../../core/graph/graph-calendar-gateway';
import { PgBossQueue } from '../../core/jobs/pg-boss-queue';
import { createLogger } from '../../core/log/logger';
import { registerPlanPublishing } from '../../core/planner/publish-jobs';
import { PlanPublisher } from '../../core/planner/publish-service';
import { systemClock } from '../../core/time/clock';

/**
 * One app instance's publishing, in a process of its own so the benchmark can kill it with
 * SIGKILL: the same pieces `app/compose.ts` wires (pg-boss queue on the app's database, the Graph
 * gateway, `PlanPublisher`, the `publish-plan` queue, runs resumed at boot). `start` presses
 * Publish for every plan of the trust; `restart` boots as a restarted instance would (runs left
 * running are resumed at boot), then Publish is pressed again for every plan, as an admin would for
 * the plans the dead instance never got to (a plan with a run under way gets that run back).
 * Reports to the parent over IPC.
 */
const argsSchema = z.object({
  mode: z.enum(['start', 'restart']),
  database: z.discriminatedUnion('kind', [z.object({ kind: z.literal('pglite'), dataDir: z.string() }), z.object({ kind: z.literal('postgres'), url: z.string() })]),
  graphBaseUrl: z.string(),
  trustId: z.uuid(),
  yearId: z.uuid(),
  plans: z.array(z.object({ communityId: z.uuid(), leadPersonId: z.uuid() })),
  concurrency: z.number().int().min(1),
  leaseSeconds: z.number().positive(),
  pollingSeconds: z.number().min(0.5),
  startConcurrency: z.number().int().min(1),
});

export type PublishWorkerArgs = z.infer<typeof argsSchema>;

export type PublishWorkerMessage =
  | { event: 'ready'; resumed: number }
  | { event: 'started'; ms: number }
  | { event: 'done'; wallMs: number; began: number; created: number; failed: number }
  | { event: 'error'; message: string };

function report(message: PublishWorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, () => resolve());
  });
}

async function main(): Promise<void> {
  const args = argsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const logger = createLogger({ level: 'silent' });
  const database = await openDatabase(args.database);
  const jobs = new PgBossQueue({ database, logger, pollingIntervalSeconds: args.pollingSeconds });
  const gateway = new GraphCalendarGateway({
    // The in-process Graph double runs without token checks.
    credential: { getToken: async () => ({ token: 'bench', expiresOnTimestamp: Date.now() + 3600_000 }) },
    baseUrl: args.graphBaseUrl,
  });
  const publisher = new PlanPublisher({ db: database.db, gateway, clock: systemClock, logger, tabUrl: 'https://communities.example.org/tab/#/schedule', jobs, leaseSeconds: args.leaseSeconds });
  await registerPlanPublishing(jobs, publisher, { concurrency: args.concurrency });
  await jobs.start();
  const resumed = await publisher.resumeUnfinished();
  await report({ event: 'ready', resumed });

  const began = performance.now();
  const beganAt = Date.now();
  // A trust-wide "publish the year": Publish pressed for every community, a few at a time.
  const queue = [...args.plans];
  const presser = async () => {
    for (let plan = queue.shift(); plan; plan = queue.shift()) await publisher.start({ trustId: args.trustId, personId: plan.leadPersonId }, plan.communityId, args.yearId);
  };
  await Promise.all(Array.from({ length: args.startConcurrency }, presser));
  await report({ event: 'started', ms: performance.now() - began });
  for (;;) {
    const { rows } = await database.executeSql(`select count(*)::int as n from publish_runs where trust_id = $1 and status = 'running'`, [args.trustId]);
    if (Number(rows[0]!.n) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const wallMs = performance.now() - began;
  const { rows } = await database.executeSql(
    `select count(*) filter (where calendar_event_id is not null)::int as created, (select coalesce(sum(failed), 0)::int from publish_runs where trust_id = $1) as failed
       from meetings where trust_id = $1`,
    [args.trustId],
  );
  await report({ event: 'done', wallMs, began: beganAt, created: Number(rows[0]!.created), failed: Number(rows[0]!.failed) });
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
