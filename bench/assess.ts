import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../core/db/database';
import { trusts } from '../core/db/schema';
import { installDefaultFramework } from '../core/framework/default-framework';
import { aggregateReport, type AggregateQuery, type AggregateReport } from '../core/self-assessment/aggregates';
import { recountCycle } from '../core/self-assessment/group-counts';
import { entryId, TOTAL } from '../core/self-assessment/suppression';
import { determinedEntries } from '../tests/support/suppression-audit';
import { summariseLatencies } from './support/percentiles';
import { printFigures, progress, round } from './support/report';
import { scratchDatabase } from './support/scratch-database';

/**
 * Self-assessment aggregates on PostgreSQL: 5,000 operations staff x 10 descriptors x 6 cycles
 * (300,000 answers), queried under every filter a person can pick. Each report is audited: no
 * published group may be below the minimum, and, with everything every filter published for a
 * cycle put together, no hidden group may be worked out (linear-algebra audit). Reports read
 * the counts kept at submit time (rebuilt here after bulk seeding). The baseline, measured in
 * the same run, is one plain count over the trust's answers: what reading every answer costs.
 */
const staff = 5000;
const cycles = 6;
const descriptors = 10;
const minGroupSize = 5;
const goalP95Ms = 200;
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);

const serviceAreas = ['finance', 'it', 'hr', 'catering', 'estates', 'cleaning', 'admin'];

/**
 * 20 academies of uneven size plus a central team; staff spread so that some service area x
 * academy groups are tiny, as in a real trust, and every cycle's table needs suppression.
 */
async function seed(database: Database): Promise<{ trustId: string; cycleIds: string[]; academyIds: string[] }> {
  const { db } = database;
  const [trust] = await db.insert(trusts).values({ tenantId: 'bench-assess', name: 'Bench Assessment Trust' }).returning();
  const trustId = trust!.id;
  const { frameworkId } = await installDefaultFramework(db, trustId);
  await db.execute(sql`insert into academies (trust_id, code, name) select ${trustId}, 'A' || g, 'Academy ' || g from generate_series(1, 20) g`);
  // One in 16 in the central team; most at 15 large academies; the last 100 at five small ones, about three per service area each.
  await db.execute(sql`
    insert into people (trust_id, display_name, email, service_area, academy_id)
    select ${trustId}, 'Staff ' || g, 'staff' || g || '@bench.example',
           (array[${sql.raw(serviceAreas.map((a) => `'${a}'`).join(','))}])[1 + (g % 7)],
           (select id from academies a where a.trust_id = ${trustId} and a.code =
              case when g % 16 = 0 then null when g <= ${staff - 100} then 'A' || (1 + g % 15) else 'A' || (16 + g % 5) end)
      from generate_series(1, ${staff}) g`);
  await db.execute(sql`insert into person_roles (trust_id, person_id, role) select ${trustId}, id, 'operations_staff' from people where trust_id = ${trustId}`);
  const cycleIds: string[] = [];
  for (let c = 0; c < cycles; c++) {
    const opens = new Date(Date.UTC(2024, c * 4, 1)).toISOString().slice(0, 10);
    const closes = new Date(Date.UTC(2024, c * 4, 28)).toISOString().slice(0, 10);
    const rows = await db.execute(sql`
      insert into assessment_cycles (trust_id, name, framework_id, population, opens_on, closes_on)
      values (${trustId}, ${`Cycle ${c + 1}`}, ${frameworkId}, '{"kind":"central_team"}'::jsonb, ${opens}, ${closes}) returning id`);
    const cycleId = String((rows as unknown as { rows: { id: string }[] }).rows[0]!.id);
    cycleIds.push(cycleId);
    await db.execute(sql`
      insert into assessment_participants (trust_id, cycle_id, person_id, service_area, academy_id, status, submitted_at)
      select ${trustId}, ${cycleId}, id, service_area, academy_id, 'submitted', now() from people where trust_id = ${trustId}`);
    await db.execute(sql`
      insert into assessment_answers (participant_id, cycle_id, descriptor_id, position, level)
      select p.id, p.cycle_id, d.id, d.position, 1 + ((abs(hashtext(p.id::text || d.position)) + ${c}) % 4)
        from assessment_participants p cross join framework_descriptors d
       where p.cycle_id = ${cycleId} and d.framework_id = ${frameworkId}`);
    await recountCycle(db, cycleId);
    progress(`seeded cycle ${c + 1} of ${cycles}`);
  }
  await db.execute(sql`analyze`);
  const academies = await db.execute(sql`select id from academies where trust_id = ${trustId} order by code`);
  return { trustId, cycleIds, academyIds: (academies as unknown as { rows: { id: string }[] }).rows.map((r) => String(r.id)) };
}

/** Every filter a person can pick, for one set of cycles. */
function filters(cycleIds: string[], academyIds: string[]): Omit<AggregateQuery, 'trustId' | 'minGroupSize'>[] {
  const out: Omit<AggregateQuery, 'trustId' | 'minGroupSize'>[] = [];
  const areas = [undefined, ...serviceAreas];
  const academies = [undefined, 'central', ...academyIds];
  for (const groupBy of ['service_area', 'academy'] as const) {
    for (const serviceArea of areas) for (const academy of academies) out.push({ cycleIds, groupBy, serviceArea, academy });
  }
  return out;
}

/** The extended-table entries a report published, keyed like the suppression module's. */
function publishedEntries(query: Omit<AggregateQuery, 'trustId' | 'minGroupSize'>, report: AggregateReport, cycleId: string, into: Map<string, number | null>): number {
  let violations = 0;
  for (const group of report.groups) {
    const result = group.results.find((r) => r.cycleId === cycleId);
    if (!result) continue;
    const key = group.isTotal ? TOTAL : group.key;
    const id = query.groupBy === 'service_area' ? entryId(key, query.academy ?? TOTAL) : entryId(query.serviceArea ?? TOTAL, key);
    if (result.respondents !== null && result.respondents > 0 && result.respondents < minGroupSize) violations++;
    const before = into.get(id);
    if (before !== undefined && before !== result.respondents) violations++;
    into.set(id, result.respondents);
  }
  return violations;
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase('bench_assess', process.env.BENCH_DATABASE_URL);
  progress(`assess: ${staff} staff x ${descriptors} descriptors x ${cycles} cycles on PostgreSQL (${process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : '127.0.0.1:5432'}), minimum group ${minGroupSize}`);
  const database = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 4 });
  try {
    const began = performance.now();
    const { trustId, cycleIds, academyIds } = await seed(database);
    const counted = await database.executeSql('select count(*)::int as n from assessment_answers');
    const responses = Number(counted.rows[0]!.n);
    progress(`seeded ${responses} answers in ${round((performance.now() - began) / 1000, 1)} s`);

    // Baseline: one plain count over the trust's answers, the floor any aggregate pays to read them.
    const baseline: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await database.executeSql('select count(*) from assessment_answers a join assessment_participants p on p.id = a.participant_id where p.trust_id = $1', [trustId]);
      baseline.push(performance.now() - t);
    }

    const cycleSets = [cycleIds.slice(-1), cycleIds.slice(-3), cycleIds];
    const queries = cycleSets.flatMap((set) => filters(set, academyIds));
    const run = (q: (typeof queries)[number]) => aggregateReport(database.db, { ...q, trustId, minGroupSize });
    for (const q of queries.slice(0, 10)) await run(q);

    // Audit: every filter over the last cycle, everything published put together.
    let violations = 0;
    const published = new Map<string, number | null>();
    const last = cycleIds.at(-1)!;
    let report: AggregateReport | undefined;
    for (const q of filters([last], academyIds)) {
      report = await run(q);
      violations += publishedEntries(q, report, last, published);
    }
    const rows = report!.serviceAreas;
    const columns = report!.academies.map((a) => a.key);
    const derivable = determinedEntries(rows, columns, published);
    const hidden = [...published.values()].filter((v) => v === null).length;
    violations += derivable.length;
    progress(`audit over ${filters([last], academyIds).length} filters: ${hidden} hidden entries, ${derivable.length} derivable, ${violations} violations in all`);

    const latencies: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const q = queries[(i * 7919) % queries.length]!;
      const t = performance.now();
      await run(q);
      latencies.push(performance.now() - t);
      if ((i + 1) % 100 === 0) progress(`${i + 1} of ${iterations} reports`);
    }
    const summary = summariseLatencies(latencies);
    const base = summariseLatencies(baseline);
    const p95 = [...latencies].sort((a, b) => a - b)[Math.ceil(0.95 * latencies.length) - 1]!;
    progress(`reports: p50 ${round(summary.p50)} ms, p95 ${round(p95)} ms, p99 ${round(summary.p99)} ms; baseline count p50 ${round(base.p50)} ms; goal p95 < ${goalP95Ms} ms: ${p95 < goalP95Ms ? 'met' : 'MISSED'}`);
    printFigures({
      bench: 'assess',
      responses,
      p95_ms: round(p95),
      p50_ms: round(summary.p50),
      p99_ms: round(summary.p99),
      baseline_count_p50_ms: round(base.p50),
      reports: iterations,
      suppression_violations: violations,
      goal_p95_ms: goalP95Ms,
      goal_met: p95 < goalP95Ms && violations === 0,
    });
  } finally {
    await database.close();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
