import type { RunningApp } from '../../app/compose';
import type { Database } from '../../core/db/database';
import { fixedClock } from '../../core/time/clock';
import { startEntraDouble, type EntraDouble } from '../doubles/entra';
import { startGraphDouble, type GraphDouble } from '../doubles/graph';
import { botAppId, botAppSecret, demoTenantId, startProductionApp } from '../security/production-app';

const tabClientId = '11111111-2222-3333-4444-555555555555';
const catherineEmail = 'catherine.rowe@aspire-trust.example';
const danielEmail = 'daniel.moore@aspire-trust.example';

interface PlanBody {
  community: { id: string; name: string };
  plan: null | { id: string; version: number; status: string; meetings: Array<{ id: string; published: boolean; joinUrl: string | null }> };
}
interface RunBody {
  run: { id: string; status: string; total: number; done: number; failed: number; summary: { created: number; failures: Array<{ meetingId: string; label: string; message: string }> } };
}

const request = {
  count: 3,
  preferredWeekdays: ['tue', 'wed', 'thu'],
  startTime: '16:00',
  durationMinutes: 60,
  modePattern: { kind: 'sequence', modes: ['online', 'hybrid', 'face_to_face'] },
  venues: { kind: 'fixed', venue: 'Kingsmead Academy, Library' },
};

/** Publishing in production mode: Graph double for calendars, Entra double for the app's tokens and the tab's SSO. */
describe('publishing a plan through Microsoft Graph (production mode, doubles)', () => {
  let entra: EntraDouble;
  /** The tab's SSO keys are fetched over plain http; the Graph credential insists on https. */
  let ssoEntra: EntraDouble;
  let graph: GraphDouble;
  let database: Database;
  let app: RunningApp;
  let catherineOid: string;
  let yearId: string;
  let communities: Array<{ id: string; name: string }>;

  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const token = await ssoEntra.mintSsoToken({ version: 2, tenantId: demoTenantId, clientId: tabClientId, oid: catherineOid, name: 'Catherine Rowe' });
    return fetch(`${app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };

  async function planAndPublish(communityName: string): Promise<{ plan: NonNullable<PlanBody['plan']>; run: RunBody['run'] }> {
    const community = communities.find((c) => c.name === communityName)!;
    const path = `/api/v1/communities/${community.id}/plans/${yearId}`;
    const { proposal } = (await (await call('POST', `${path}/proposal`, request)).json()) as { proposal: { meetings: Array<{ startsAt: string; endsAt: string; mode: string; venue: string | null }> } };
    const saved = await call('PUT', path, { version: null, request, meetings: proposal.meetings.map(({ startsAt, endsAt, mode, venue }) => ({ startsAt, endsAt, mode, venue })) });
    expect(saved.status).toBe(200);
    let { run } = (await (await call('POST', `${path}/publish`)).json()) as RunBody;
    for (let i = 0; i < 200 && run.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ({ run } = (await (await call('GET', `/api/v1/publish-runs/${run.id}`)).json()) as RunBody);
    }
    const plan = ((await (await call('GET', path)).json()) as PlanBody).plan!;
    return { plan, run };
  }

  beforeAll(async () => {
    entra = await startEntraDouble({
      https: true,
      apps: [{ clientId: botAppId, clientSecret: botAppSecret, tenantId: demoTenantId, roles: ['Calendars.ReadWrite', 'OnlineMeetings.Read.All'] }],
    });
    ssoEntra = await startEntraDouble();
    graph = await startGraphDouble({ auth: entra.bearerAuth('https://graph.microsoft.com') });
    // Memberships of the demo trust start on 1 Sep 2026; the clock sits inside the year.
    ({ app, database } = await startProductionApp(
      {
        GRAPH_BASE_URL: graph.baseUrl,
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
    yearId = years.items.find((y) => y.label === '2026/27')!.id;
    communities = ((await (await call('GET', '/api/v1/planner/communities')).json()) as { items: Array<{ id: string; name: string }> }).items;
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await graph?.close();
    await entra?.close();
    await ssoEntra?.close();
  });

  it("creates the events in the lead's mailbox with the members invited and Teams meetings for online and hybrid ones", async () => {
    const { plan, run } = await planAndPublish('Professional Development Community');
    expect(run).toMatchObject({ status: 'completed', total: 3, done: 3, failed: 0 });
    expect(run.summary.created).toBe(3);

    const events = graph.events(catherineEmail);
    expect(events).toHaveLength(3);
    const { rows: members } = await database.executeSql(
      `select count(distinct p.email)::int as n from memberships m join people p on p.id = m.person_id join communities c on c.id = m.community_id
        where c.slug = 'professional-development' and p.email <> $1`,
      [catherineEmail],
    );
    for (const event of events) {
      expect((event.attendees as unknown[]).length).toBe(Number(members[0]!.n));
      expect(String((event.body as { content: string }).content)).toContain('https://communities.example.org/tab/#/schedule');
    }
    expect(events.filter((event) => event.isOnlineMeeting === true)).toHaveLength(2);
    expect(new Set(events.map((event) => event.transactionId)).size).toBe(3);

    expect(plan.status).toBe('published');
    expect(plan.meetings.every((m) => m.published)).toBe(true);
    expect(plan.meetings.filter((m) => m.joinUrl !== null)).toHaveLength(2);
    const { rows } = await database.executeSql(`select chat_thread_id as thread, organizer_person_id is not null as organised from meetings where plan_id = $1 and mode <> 'face_to_face'`, [plan.id]);
    expect(rows.every((row) => String(row.thread).startsWith('19:meeting_') && row.organised === true)).toBe(true);
  });

  it("records Graph's 403 for each meeting with what an admin must grant, and marks nothing published", async () => {
    graph.setFaults({ rate: 1, kinds: [{ kind: 'status', status: 403, code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' }], match: { method: 'POST' } });
    try {
      const { plan, run } = await planAndPublish('Mathematics Community');
      expect(run).toMatchObject({ status: 'failed', total: 3, done: 0, failed: 3 });
      expect(run.summary.failures).toHaveLength(3);
      for (const failure of run.summary.failures) {
        expect(failure.message).toContain(`Microsoft Graph refused access to ${danielEmail}'s calendar (403 ErrorAccessDenied)`);
        expect(failure.message).toContain('Calendars.ReadWrite');
        expect(failure.label).toMatch(/^Mathematics Community meeting \d of 3 \(\w{3} \d+ \w{3} 202[67], 16:00–17:00\)$/);
      }
      expect(plan.status).toBe('draft');
      expect(plan.meetings.every((m) => !m.published && m.joinUrl === null)).toBe(true);
      expect(graph.events(danielEmail)).toHaveLength(0);
    } finally {
      graph.setFaults(null);
    }
  });
});
