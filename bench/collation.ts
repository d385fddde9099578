import { openDatabase, type Database } from '../core/db/database';
import { loadDemoTrustIfEmpty } from '../core/directory/demo-trust';
import { academyFeedback, type CollationFilters } from '../core/feedback/feedback-collation';
import { feedbackScope } from '../core/feedback/feedback-access';
import { createLogger } from '../core/log/logger';
import { percentile, summariseLatencies } from './support/percentiles';
import { printFigures, progress, round } from './support/report';
import { scratchDatabase } from './support/scratch-database';

/**
 * The PD lead's Feedback view on PostgreSQL over 200,000 feedback requests (1,000 meetings x 200
 * colleagues, about 70% answered), 6 academies: one academy's first page and its response rates
 * per community, under the filters the page offers. The baseline, measured in the same run, is
 * one plain count of the academy's requests: what touching its rows costs at all.
 */
const meetingsCount = 1000;
const peopleCount = 1000;
const goalP95Ms = 100;
const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);

async function seed(database: Database): Promise<{ trustId: string; academyId: string; leadId: string; communityIds: string[]; termIds: string[]; rows: number }> {
  const { db } = database;
  await loadDemoTrustIfEmpty(db, createLogger({ level: 'silent' }));
  const [trust] = (await database.executeSql('select id from trusts limit 1')).rows;
  const trustId = String(trust!.id);
  await database.executeSql(
    `insert into people (trust_id, display_name, email, academy_id)
     select $1, 'Colleague ' || g, 'colleague' || g || '@bench.example', (select id from academies where trust_id = $1 order by code offset (g % 6) limit 1)
       from generate_series(1, ${peopleCount}) g`,
    [trustId],
  );
  await database.executeSql(
    `insert into meetings (trust_id, community_id, title, starts_at, ends_at, mode)
     select $1, (select id from communities where trust_id = $1 order by slug offset (g % 5) limit 1), 'Meeting ' || g,
            timestamptz '2026-09-07 15:45+01' + (g % 300) * interval '1 day', timestamptz '2026-09-07 17:15+01' + (g % 300) * interval '1 day', 'online'
       from generate_series(1, ${meetingsCount}) g`,
    [trustId],
  );
  progress('people and meetings created; inserting 200,000 requests');
  await database.executeSql(
    `with p as (select id, academy_id, row_number() over (order by id) as n from people where email like '%@bench.example'),
          m as (select id, community_id, starts_at, row_number() over (order by id) as k from meetings where title like 'Meeting %')
     insert into feedback_requests (trust_id, meeting_id, community_id, person_id, academy_id, meeting_starts_at, delivery_status, sent_at)
     select $1, m.id, m.community_id, p.id, p.academy_id, m.starts_at, 'sent', now() from m join p on p.n % 5 = m.k % 5`,
    [trustId],
  );
  await database.executeSql(
    `insert into feedback_answers (request_id, trust_id, key_messages, for_slt, submitted_at, status)
     select id, trust_id, 'Key messages about coaching and curriculum', 'Time for coaching', now(),
            (array['new','discussed_with_slt','action_agreed','implemented','impact_noted'])[1 + abs(hashtext(id::text)) % 5]::feedback_item_status
       from feedback_requests where abs(hashtext(id::text)) % 10 < 7`,
  );
  await database.executeSql('update feedback_requests r set answered_at = a.submitted_at from feedback_answers a where a.request_id = r.id');
  await database.executeSql('analyze');
  const [academy] = (await database.executeSql('select academy_id, count(*)::int as n from feedback_requests group by academy_id order by n desc limit 1')).rows;
  const academyId = String(academy!.academy_id);
  const [lead] = (await database.executeSql("select id from people where email like '%@bench.example' limit 1")).rows;
  await database.executeSql(`insert into person_roles (trust_id, person_id, role, academy_id) values ($1, $2, 'pd_lead', $3)`, [trustId, lead!.id, academyId]);
  const communityIds = (await database.executeSql('select id from communities where trust_id = $1', [trustId])).rows.map((r) => String(r.id));
  const termIds = (await database.executeSql("select id from calendar_periods where trust_id = $1 and kind = 'term'", [trustId])).rows.map((r) => String(r.id));
  const [count] = (await database.executeSql('select count(*)::int as n from feedback_requests')).rows;
  return { trustId, academyId, leadId: String(lead!.id), communityIds, termIds, rows: Number(count!.n) };
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase('bench_collation', process.env.BENCH_DATABASE_URL);
  const database = await openDatabase({ kind: 'postgres', url: scratch.url });
  try {
    progress('seeding');
    const seeded = await seed(database);
    progress(`${seeded.rows} feedback requests; measuring ${iterations} views of one academy's feedback`);
    const scope = await feedbackScope(database.db, seeded.trustId, seeded.leadId, new Date());
    const filterSets: CollationFilters[] = [
      {},
      { communityId: seeded.communityIds[1] },
      { termId: seeded.termIds[0] },
      { status: 'action_agreed' },
      { status: 'unanswered' },
      { termId: seeded.termIds[1], communityId: seeded.communityIds[2] },
    ];
    const baseline: number[] = [];
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const started = performance.now();
      await database.executeSql('select count(*) from feedback_requests where trust_id = $1 and academy_id = $2', [seeded.trustId, seeded.academyId]);
      baseline.push(performance.now() - started);
      const filters = filterSets[i % filterSets.length]!;
      const begun = performance.now();
      const view = await academyFeedback(database.db, scope, seeded.academyId, { ...filters, limit: 50 });
      samples.push(performance.now() - begun);
      if (i === 0) progress(`first view: ${view.items.length} items, ${view.responseRates.length} communities`);
    }
    const figures = summariseLatencies(samples);
    const base = summariseLatencies(baseline);
    const p95 = percentile(Float64Array.from(samples).sort(), 95);
    const baselineP95 = percentile(Float64Array.from(baseline).sort(), 95);
    progress(`view p50 ${round(figures.p50)} ms, p95 ${round(p95)} ms; baseline count p95 ${round(baselineP95)} ms (goal p95 < ${goalP95Ms} ms)`);
    printFigures({ bench: 'collation', rows: seeded.rows, p95_ms: round(p95), p50_ms: round(figures.p50), baseline_count_p95_ms: round(baselineP95), baseline_count_p50_ms: round(base.p50), goal_p95_ms: goalP95Ms, met: p95 < goalP95Ms });
  } finally {
    await database.close();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
