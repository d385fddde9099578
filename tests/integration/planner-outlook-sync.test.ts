import type { RunningApp } from '../../app/compose';
import type { Database } from '../../core/db/database';
import { outlookSyncOrganiserQueue, outlookSyncQueue } from '../../core/planner/outlook-sync-jobs';
import { fixedClock } from '../../core/time/clock';
import { startEntraDouble, type EntraDouble } from '../doubles/entra';
import { startGraphDouble, type GraphDouble } from '../doubles/graph';
import { botAppId, botAppSecret, demoTenantId, startProductionApp } from '../security/production-app';
import { startAppHarness, type AppHarness } from '../support/app-harness';

const tabClientId = '11111111-2222-3333-4444-555555555555';
const catherineEmail = 'catherine.rowe@aspire-trust.example';

interface PlanBody {
  plan: null | { id: string; version: number; meetings: Array<{ id: string; startsAt: string; endsAt: string; status: string; published: boolean; changedSincePublish: boolean }> };
}
interface RunBody {
  run: { id: string; status: string; total: number; summary: { created: number } };
}

const request = {
  count: 3,
  preferredWeekdays: ['tue', 'wed', 'thu'],
  startTime: '16:00',
  durationMinutes: 60,
  modePattern: { kind: 'sequence', modes: ['online', 'hybrid', 'face_to_face'] },
  venues: { kind: 'fixed', venue: 'Kingsmead Academy, Library' },
};

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
  let entra: EntraDouble;
  let ssoEntra: EntraDouble;
  let graph: GraphDouble;
  let database: Database;
  let app: RunningApp;
  let catherineOid: string;
  let planPath: string;

  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const token = await ssoEntra.mintSsoToken({ version: 2, tenantId: demoTenantId, clientId: tabClientId, oid: catherineOid, name: 'Catherine Rowe' });
    return fetch(`${app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
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
    entra = await startEntraDouble({
      https: true,
      apps: [{ clientId: botAppId, clientSecret: botAppSecret, tenantId: demoTenantId, roles: ['Calendars.ReadWrite', 'OnlineMeetings.Read.All'] }],
    });
    ssoEntra = await startEntraDouble();
    graph = await startGraphDouble({ auth: entra.bearerAuth('https://graph.microsoft.com') });
    ({ app, database } = await startProductionApp(
      {
        JOB_POLLING_INTERVAL_SECONDS: '0.5', GRAPH_BASE_URL: graph.baseUrl,
        ENTRA_AUTHORITY_HOST: entra.url,
        SSO_CLIENT_ID: tabClientId,
        SSO_APP_ID_URI: `api://localhost/${tabClientId}`,
        SSO_OPENID_METADATA_URL: ssoEntra.openIdMetadataUrl(demoTenantId),
      },
      { entraCaCertificate: entra.caCertificate, clock: fixedClock('2026-09-07T08:00:00Z') },
    ));
    const { rows } = await database.executeSql('select entra_object_id as oid from people where email = $1', [catherineEmail]);
    catherineOid = String(rows[0]!.oid);
    const years = (await (await call('GET', '/api/v1/academic-years')).json()) as { items: Array<{ id: string; label: string }> };
    const yearId = years.items.find((y) => y.label === '2026/27')!.id;
    const communities = ((await (await call('GET', '/api/v1/planner/communities')).json()) as { items: Array<{ id: string; name: string }> }).items;
    planPath = `/api/v1/communities/${communities.find((c) => c.name === 'Professional Development Community')!.id}/plans/${yearId}`;

    const { proposal } = (await (await call('POST', `${planPath}/proposal`, request)).json()) as { proposal: { meetings: Array<{ startsAt: string; endsAt: string; mode: string; venue: string | null }> } };
    expect((await call('PUT', planPath, { version: null, request, meetings: proposal.meetings.map(({ startsAt, endsAt, mode, venue }) => ({ startsAt, endsAt, mode, venue })) })).status).toBe(200);
    let { run } = (await (await call('POST', `${planPath}/publish`)).json()) as RunBody;
    for (let i = 0; i < 200 && run.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ({ run } = (await (await call('GET', `/api/v1/publish-runs/${run.id}`)).json()) as RunBody);
    }
    expect(run).toMatchObject({ status: 'completed', total: 3 });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await graph?.close();
    await entra?.close();
    await ssoEntra?.close();
  });

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
    const { run } = (await (await call('POST', `${planPath}/publish`)).json()) as RunBody;
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
    const catherine = String((await sql(`select id from people where email = $1`, [catherineEmail])).rows[0]!.id);
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
