import { composeApp, type RunningApp } from '../../app/compose';
import { createLogger } from '../../core/log/logger';
import { waitFor } from '../../core/jobs/test-support';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { testDatabaseKinds } from '../support/test-database';

const request = {
  count: 4,
  preferredWeekdays: ['tue', 'thu'],
  startTime: '16:00',
  durationMinutes: 60,
  modePattern: { kind: 'sequence', modes: ['online', 'face_to_face'] },
  venues: { kind: 'fixed', venue: 'Kingsmead Academy, Library' },
};

/** A process that died half-way through publishing, and the instance that boots after it. */
describe.each(testDatabaseKinds)('a publish run left running by a crashed process (%s)', (kind) => {
  let harness: AppHarness;
  let restarted: RunningApp | undefined;
  let catherine: string;
  let planId: string;

  beforeAll(async () => {
    harness = await startAppHarness(kind, { env: { JOB_POLLING_INTERVAL_SECONDS: '0.5' } });
    const sql = harness.database.executeSql;
    catherine = String((await sql(`select id from people where email = 'catherine.rowe@aspire-trust.example'`)).rows[0]!.id);
    const community = String((await sql(`select id from communities where slug = 'professional-development'`)).rows[0]!.id);
    const years = (await (await harness.api('/api/v1/academic-years', catherine)).json()) as { items: Array<{ id: string; label: string }> };
    const yearId = years.items.find((year) => year.label === '2026/27')!.id;
    const path = `/api/v1/communities/${community}/plans/${yearId}`;
    const { proposal } = (await (await harness.send('POST', `${path}/proposal`, catherine, request)).json()) as {
      proposal: { meetings: Array<{ startsAt: string; endsAt: string; mode: string; venue: string | null }> };
    };
    const saved = await harness.send('PUT', path, catherine, { version: null, request, meetings: proposal.meetings.map(({ startsAt, endsAt, mode, venue }) => ({ startsAt, endsAt, mode, venue })) });
    expect(saved.status).toBe(200);
    planId = ((await saved.json()) as { plan: { id: string } }).plan.id;
  });

  afterAll(async () => {
    await restarted?.close();
    await harness.close();
  });

  it('is taken over by the next instance once the dead worker’s lease lapses, publishing only what was left', async () => {
    const sql = harness.database.executeSql;
    await harness.app.close();
    // What the dead worker left: the first meeting published, a run at 1 of 4, and a lease still running for 2 seconds.
    const first = (await sql(`select id, transaction_id::text as tx from meetings where plan_id = $1 order by starts_at limit 1`, [planId])).rows[0]!;
    await sql(`update meetings set calendar_event_id = $2, ical_uid = $3, join_url = $4, chat_thread_id = $5, published_revision = revision, published_at = now() where id = $1`, [
      first.id,
      `local-${String(first.tx)}`,
      `local-ical-${String(first.tx)}`,
      `https://teams.local.invalid/meet/${String(first.tx)}`,
      `19:local-${String(first.tx)}@thread.v2`,
    ]);
    const trustId = String((await sql(`select trust_id from meeting_plans where id = $1`, [planId])).rows[0]!.trust_id);
    const run = (
      await sql(
        `insert into publish_runs (trust_id, plan_id, status, total, done, summary, started_by_person_id, lease_owner, lease_until)
         values ($1, $2, 'running', 4, 1, '{"created": 1, "updated": 0, "cancelled": 0, "unchanged": 0, "failures": [], "warnings": []}', $3, 'dead-worker', now() + interval '2 seconds')
         returning id`,
        [trustId, planId, catherine],
      )
    ).rows[0]!;
    const leaseLapses = Date.now() + 2_000;

    restarted = await composeApp(harness.config, createLogger({ level: 'silent' }), { database: harness.database, clock: harness.clock });
    await waitFor('the run to finish', async () => (await sql(`select status from publish_runs where id = $1`, [run.id])).rows[0]!.status !== 'running', 20_000);

    expect(Date.now()).toBeGreaterThanOrEqual(leaseLapses - 100);
    const finished = (await sql(`select status, done, failed, summary, lease_owner from publish_runs where id = $1`, [run.id])).rows[0]!;
    expect(finished).toMatchObject({ status: 'completed', done: 4, failed: 0, lease_owner: null });
    expect(finished.summary).toMatchObject({ created: 4, failures: [] });
    const meetings = (await sql(`select calendar_event_id as event, transaction_id::text as tx from meetings where plan_id = $1`, [planId])).rows;
    expect(meetings).toHaveLength(4);
    for (const meeting of meetings) expect(meeting.event).toBe(`local-${String(meeting.tx)}`);
    expect((await sql(`select status from meeting_plans where id = $1`, [planId])).rows[0]!.status).toBe('published');
  });
});
