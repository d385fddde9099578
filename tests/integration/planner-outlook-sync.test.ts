import type { RunningApp } from '../../app/compose';
import type { Database } from '../../core/db/database';
import { outlookSyncOrganiserQueue, outlookSyncQueue } from '../../core/planner/outlook-sync-jobs';
import type { EntraDouble } from '../doubles/entra';
import type { GraphDouble } from '../doubles/graph';
import { botAppId, demoTenantId } from '../security/production-app';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { startGraphProductionApp, type GraphProductionApp, type TabCall } from '../support/graph-production-app';
import { planPathOf, saveProposalAndPublish, threeMeetingPlanRequest as request, type PublishRunBody } from '../support/plan-publishing';

const catherineEmail = 'catherine.rowe@aspire-trust.example';

interface PlanBody {
  plan: null | { id: string; version: number; meetings: Array<{ id: string; startsAt: string; endsAt: string; status: string; published: boolean; changedSincePublish: boolean }> };
}

/** Runs the 15-minute fan-out once, as the cron would, and waits for every organiser's sync (each test allows a minute for two of these). */
async function syncNow(app: RunningApp): Promise<void> {
  await app.jobs.send(outlookSyncQueue, {});
  await app.jobs.drain(outlookSyncQueue, 20_000);
  await app.jobs.drain(outlookSyncOrganiserQueue, 20_000);
}

async function auditCounts(database: Database): Promise<Record<string, number>> {
  const { rows } = await database.executeSql(`select action, count(*)::int as n from audit_log where action like 'meeting.%_in_outlook' group by action`);
  return Object.fromEntries(rows.map((row) => [String(row.action), Number(row.n)]));
}

describe('syncing back what the lead changed in Outlook (production mode, Graph double)', () => {
  let production: GraphProductionApp;
  let entra: EntraDouble;
  let graph: GraphDouble;
  let database: Database;
  let app: RunningApp;
  let call: TabCall;
  let planPath: string;

  /** What the lead does in Outlook, straight against the Graph double. */
  const outlook = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const token = await entra.mintAppToken({ tenantId: demoTenantId, clientId: botAppId, audience: 'https://graph.microsoft.com', roles: ['Calendars.ReadWrite'] });
    return fetch(`${graph.baseUrl}/users/${encodeURIComponent(catherineEmail)}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  const getPlan = async () => ((await (await call('GET', planPath)).json()) as PlanBody).plan!;

  beforeAll(async () => {
    production = await startGraphProductionApp({ JOB_POLLING_INTERVAL_SECONDS: '0.5' });
    ({ entra, graph, database, app } = production);
    call = await production.tabAs(catherineEmail);
    planPath = await planPathOf(call, 'Professional Development Community');
    expect(await saveProposalAndPublish(call, planPath)).toMatchObject({ status: 'completed', total: 3 });
  }, 60_000);

  afterAll(() => production?.close());

  it('changes nothing on the first sync, which only lists the calendar and keeps the delta token', async () => {
    const before = await getPlan();
    await syncNow(app);
    expect(await getPlan()).toEqual(before);
    const { rows } = await database.executeSql(`select s.delta_link from calendar_sync_state s join people p on p.id = s.organizer_person_id where p.email = $1`, [catherineEmail]);
    expect(String(rows[0]!.delta_link)).toContain('/calendarView/delta');
    expect(await auditCounts(database)).toEqual({});
  }, 60_000);

  it('moves the meeting the lead moved in Outlook and cancels the one she cancelled, ignoring her own events', async () => {
    const plan = await getPlan();
    const [first, second] = plan.meetings;
    const { rows } = await database.executeSql(`select id, calendar_event_id as event from meetings where plan_id = $1`, [plan.id]);
    const eventOf = (meetingId: string) => String(rows.find((row) => row.id === meetingId)!.event);

    // Moved a day later, 17:00-18:00 London time (BST in October: 16:00-17:00 UTC).
    const movedStart = new Date(Date.parse(first!.startsAt) + 24 * 3600_000 + 3600_000);
    const movedEnd = new Date(movedStart.getTime() + 3600_000);
    const london = (at: Date) => ({ dateTime: at.toLocaleString('sv-SE', { timeZone: 'Europe/London' }).replace(' ', 'T'), timeZone: 'Europe/London' });
    expect((await outlook('PATCH', `/events/${eventOf(first!.id)}`, { start: london(movedStart), end: london(movedEnd) })).status).toBe(200);
    expect((await outlook('POST', `/events/${eventOf(second!.id)}/cancel`, { comment: 'Clashes with parents evening' })).status).toBe(202);
    expect((await outlook('POST', '/events', { subject: 'Dentist', start: london(movedStart), end: london(movedEnd) })).status).toBe(201);

    await syncNow(app);

    const after = await getPlan();
    expect(after.version).toBe(plan.version + 2);
    const moved = after.meetings.find((m) => m.id === first!.id)!;
    expect(moved).toMatchObject({ startsAt: movedStart.toISOString(), endsAt: movedEnd.toISOString(), status: 'scheduled', published: true, changedSincePublish: false });
    expect(after.meetings.find((m) => m.id === second!.id)).toMatchObject({ status: 'cancelled', changedSincePublish: false });
    expect(after.meetings.filter((m) => m.status === 'scheduled')).toHaveLength(2);
    expect(await auditCounts(database)).toEqual({ 'meeting.moved_in_outlook': 1, 'meeting.cancelled_in_outlook': 1 });
    const { rows: audit } = await database.executeSql(`select detail from audit_log where action = 'meeting.moved_in_outlook'`);
    expect(audit[0]!.detail).toMatchObject({ from: { startsAt: first!.startsAt }, to: { startsAt: movedStart.toISOString() } });
  }, 60_000);

  it('changes nothing when it runs again, and a publish afterwards has nothing to send', async () => {
    const before = await getPlan();
    await syncNow(app);
    expect(await getPlan()).toEqual(before);
    expect(await auditCounts(database)).toEqual({ 'meeting.moved_in_outlook': 1, 'meeting.cancelled_in_outlook': 1 });

    const eventsBefore = graph.events(catherineEmail).length;
    const { run } = (await (await call('POST', `${planPath}/publish`)).json()) as PublishRunBody;
    expect(run).toMatchObject({ status: 'completed', total: 0 });
    expect(graph.events(catherineEmail)).toHaveLength(eventsBefore);
  }, 60_000);

  it('moves, not cancels, a meeting the lead moved to a date outside the academic year', async () => {
    const plan = await getPlan();
    const third = plan.meetings.find((m) => m.status === 'scheduled' && m.id !== plan.meetings[0]!.id)!;
    const { rows } = await database.executeSql(`select calendar_event_id as event from meetings where id = $1`, [third.id]);
    // Graph's calendar view delta reports this as "@removed", exactly like a deletion.
    const start = { dateTime: '2027-09-21T16:00:00', timeZone: 'Europe/London' };
    const end = { dateTime: '2027-09-21T17:00:00', timeZone: 'Europe/London' };
    expect((await outlook('PATCH', `/events/${String(rows[0]!.event)}`, { start, end })).status).toBe(200);

    await syncNow(app);

    const moved = (await getPlan()).meetings.find((m) => m.id === third.id)!;
    expect(moved).toMatchObject({ status: 'scheduled', startsAt: '2027-09-21T15:00:00.000Z', endsAt: '2027-09-21T16:00:00.000Z' });
    expect(await auditCounts(database)).toEqual({ 'meeting.moved_in_outlook': 2, 'meeting.cancelled_in_outlook': 1 });
  }, 60_000);
});

describe('the Outlook sync in local mode', () => {
  let harness: AppHarness;

  beforeAll(async () => {
    harness = await startAppHarness('pglite');
  }, 60_000);
  afterAll(() => harness.close());

  it('runs for each organiser and changes nothing, because the local calendar has no Outlook behind it', async () => {
    const sql = harness.database.executeSql;
    const catherine = await harness.personId(catherineEmail);
    const community = String((await sql(`select id from communities where slug = 'professional-development'`)).rows[0]!.id);
    const years = (await (await harness.api('/api/v1/academic-years', catherine)).json()) as { items: Array<{ id: string; label: string }> };
    const path = `/api/v1/communities/${community}/plans/${years.items.find((y) => y.label === '2026/27')!.id}`;
    const { proposal } = (await (await harness.send('POST', `${path}/proposal`, catherine, request)).json()) as {
      proposal: { meetings: Array<{ startsAt: string; endsAt: string; mode: string; venue: string | null }> };
    };
    await harness.send('PUT', path, catherine, { version: null, request, meetings: proposal.meetings.map(({ startsAt, endsAt, mode, venue }) => ({ startsAt, endsAt, mode, venue })) });
    await harness.send('POST', `${path}/publish`, catherine);
    await harness.app.jobs.drain('publish-plan', 20_000);
    const before = (await sql(`select id, starts_at, status, revision from meetings order by id`)).rows;

    await syncNow(harness.app);

    const { rows: state } = await sql(`select organizer_person_id, delta_link from calendar_sync_state`);
    expect(state).toEqual([{ organizer_person_id: catherine, delta_link: 'local-delta' }]);
    expect((await sql(`select id, starts_at, status, revision from meetings order by id`)).rows).toEqual(before);
    expect(await auditCounts(harness.database)).toEqual({});
  }, 60_000);
});
