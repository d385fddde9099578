import { startAppHarness, type AppHarness } from '../support/app-harness';
import { testDatabaseKinds } from '../support/test-database';

interface PlannedMeeting {
  id: string;
  sequence: number;
  of: number;
  title: string;
  startsAt: string;
  endsAt: string;
  mode: string;
  venue: string | null;
  status: string;
  joinUrl: string | null;
  published: boolean;
  changedSincePublish: boolean;
}
interface PlanBody {
  community: { id: string; name: string };
  year: { id: string; label: string };
  plan: null | { id: string; status: string; version: number; request: Record<string, unknown>; publishedAt: string | null; meetings: PlannedMeeting[] };
}
interface RunBody {
  run: { id: string; status: string; total: number; done: number; failed: number; summary: { created: number; updated: number; cancelled: number; unchanged: number; failures: unknown[] } };
}

const request = {
  count: 6,
  preferredWeekdays: ['tue', 'wed'],
  startTime: '15:45',
  durationMinutes: 90,
  modePattern: { kind: 'ratio', ratio: { hybrid: 1, online: 1 } },
  venues: { kind: 'fixed', venue: 'Kingsmead Academy, Library' },
};

describe.each(testDatabaseKinds)('the year planner in local mode (%s)', (kind) => {
  let harness: AppHarness;
  let catherine: string;
  let member: string;
  let communityId: string;
  let yearId: string;
  const planPath = () => `/api/v1/communities/${communityId}/plans/${yearId}`;
  const getPlan = async (as = catherine) => (await (await harness.api(planPath(), as)).json()) as PlanBody;
  const save = (body: unknown, as = catherine) => harness.send('PUT', planPath(), as, body);
  const meetingInputs = (meetings: PlannedMeeting[]) => meetings.filter((m) => m.status === 'scheduled').map(({ id, startsAt, endsAt, mode, venue }) => ({ id, startsAt, endsAt, mode, venue }));

  async function publishAndWait(): Promise<RunBody['run']> {
    const started = await harness.send('POST', `${planPath()}/publish`, catherine);
    expect(started.status).toBe(200);
    let { run } = (await started.json()) as RunBody;
    for (let i = 0; i < 100 && run.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ({ run } = (await (await harness.api(`/api/v1/publish-runs/${run.id}`, catherine)).json()) as RunBody);
    }
    return run;
  }

  beforeAll(async () => {
    harness = await startAppHarness(kind);
    catherine = await harness.personId('catherine.rowe@aspire-trust.example');
    member = await harness.personId('james.holt@aspire-trust.example');
    const years = (await (await harness.api('/api/v1/academic-years', catherine)).json()) as { items: Array<{ id: string; label: string }> };
    yearId = years.items.find((year) => year.label === '2026/27')!.id;
  });
  afterAll(() => harness.close());

  it('lists the communities Catherine may plan: the one she leads, and the rest as PD director', async () => {
    const body = (await (await harness.api('/api/v1/planner/communities', catherine)).json()) as { items: Array<{ id: string; name: string; role: string }> };
    expect(body.items).toHaveLength(5);
    const pd = body.items.find((c) => c.name === 'Professional Development Community')!;
    expect(pd.role).toBe('lead');
    expect(body.items.filter((c) => c.role === 'pd_director')).toHaveLength(4);
    communityId = pd.id;
    const asMember = (await (await harness.api('/api/v1/planner/communities', member)).json()) as { items: unknown[] };
    expect(asMember.items).toEqual([]);
  });

  it('proposes, saves, moves a date, publishes, and every meeting ends up in Teams with a local join URL', async () => {
    expect((await getPlan()).plan).toBeNull();

    const proposed = await harness.send('POST', `${planPath()}/proposal`, catherine, request);
    expect(proposed.status).toBe(200);
    const { proposal } = (await proposed.json()) as { proposal: { meetings: Array<{ startsAt: string; endsAt: string; mode: string; venue: string | null }>; summary: string } };
    expect(proposal.meetings).toHaveLength(6);
    expect(proposal.summary).toContain('2026/27');

    const saved = await save({ version: null, request, meetings: proposal.meetings.map(({ startsAt, endsAt, mode, venue }) => ({ startsAt, endsAt, mode, venue })) });
    expect(saved.status).toBe(200);
    const draft = ((await saved.json()) as PlanBody).plan!;
    expect(draft).toMatchObject({ status: 'draft', version: 1 });
    expect(draft.meetings.map((m) => m.title)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Professional Development Community meeting ${n} of 6`));
    expect(draft.meetings.every((m) => !m.published && m.joinUrl === null)).toBe(true);

    const second = draft.meetings[1]!;
    const movedStart = new Date(Date.parse(second.startsAt) + 24 * 3600_000).toISOString();
    const patched = await harness.send('PATCH', `/api/v1/meetings/${second.id}`, catherine, { version: 1, startsAt: movedStart });
    expect(patched.status).toBe(200);
    const afterPatch = ((await patched.json()) as PlanBody).plan!;
    expect(afterPatch.version).toBe(2);
    const moved = afterPatch.meetings.find((m) => m.id === second.id)!;
    expect(moved.startsAt).toBe(movedStart);
    expect(Date.parse(moved.endsAt) - Date.parse(moved.startsAt)).toBe(90 * 60_000);

    const run = await publishAndWait();
    expect(run).toMatchObject({ status: 'completed', total: 6, done: 6, failed: 0 });
    expect(run.summary).toMatchObject({ created: 6, updated: 0, cancelled: 0, failures: [] });

    const published = (await getPlan()).plan!;
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();
    expect(published.meetings.every((m) => m.published && !m.changedSincePublish)).toBe(true);
    expect(published.meetings.every((m) => m.joinUrl?.startsWith('https://teams.local.invalid/meet/'))).toBe(true);
    const { rows } = await harness.database.executeSql(
      `select transaction_id::text as tx, calendar_event_id as event, chat_thread_id as thread, join_url as url from meetings where plan_id = $1`,
      [published.id],
    );
    for (const row of rows) {
      expect(row.event).toBe(`local-${String(row.tx)}`);
      expect(row.url).toBe(`https://teams.local.invalid/meet/${String(row.tx)}`);
      expect(row.thread).toBe(`19:local-${String(row.tx)}@thread.v2`);
    }
  });

  it('re-publishes a moved meeting and a removed one as 1 update and 1 cancellation, creating nothing', async () => {
    const plan = (await getPlan()).plan!;
    const inputs = meetingInputs(plan.meetings);
    const removed = inputs.splice(3, 1)[0]!;
    const movedStart = new Date(Date.parse(inputs[0]!.startsAt) + 7 * 24 * 3600_000).toISOString();
    const movedEnd = new Date(Date.parse(inputs[0]!.endsAt) + 7 * 24 * 3600_000).toISOString();
    inputs[0] = { ...inputs[0]!, startsAt: movedStart, endsAt: movedEnd };
    const saved = await save({ version: plan.version, request, meetings: inputs });
    expect(saved.status).toBe(200);
    const edited = ((await saved.json()) as PlanBody).plan!;
    expect(edited.meetings.find((m) => m.id === removed.id)).toMatchObject({ status: 'cancelled', published: true, changedSincePublish: true });
    expect(edited.meetings.filter((m) => m.changedSincePublish)).toHaveLength(2);
    expect(edited.meetings.filter((m) => m.status === 'scheduled').map((m) => m.sequence)).toEqual([1, 2, 3, 4, 5]);

    const run = await publishAndWait();
    expect(run).toMatchObject({ status: 'completed', total: 2, done: 2, failed: 0 });
    expect(run.summary).toMatchObject({ created: 0, updated: 1, cancelled: 1, unchanged: 4 });

    const { rows } = await harness.database.executeSql(
      `select count(*)::int as meetings, count(distinct calendar_event_id)::int as events from meetings where plan_id = $1`,
      [plan.id],
    );
    expect(rows[0]).toEqual({ meetings: 6, events: 6 });
    const after = (await getPlan()).plan!;
    expect(after.meetings.every((m) => m.published && !m.changedSincePublish)).toBe(true);
  });

  it('refuses a save made from an older version with 409, naming when the plan changed', async () => {
    const plan = (await getPlan()).plan!;
    const fresh = await save({ version: plan.version, request, meetings: meetingInputs(plan.meetings) });
    expect(fresh.status).toBe(200);
    const stale = await save({ version: plan.version, request, meetings: meetingInputs(plan.meetings) });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('plan_changed');
    expect(body.error.message).toMatch(/^Someone else changed this plan at \d\d:\d\d; reload to see their changes$/);
    const again = await save({ version: null, request, meetings: [] });
    expect(again.status).toBe(409);
  });

  it('refuses a community member who is not a lead with 403 and a readable reason', async () => {
    for (const response of [
      await harness.api(planPath(), member),
      await harness.send('POST', `${planPath()}/proposal`, member, request),
      await save({ version: null, request, meetings: [] }, member),
      await harness.send('POST', `${planPath()}/publish`, member),
    ]) {
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain('Only the leads of Professional Development Community and the PD director');
    }
  });

  it('explains a meeting that needs a venue and one that ends before it starts, without saving', async () => {
    const plan = (await getPlan()).plan!;
    const response = await save({
      version: plan.version,
      request,
      meetings: [{ startsAt: '2026-11-03T16:00:00Z', endsAt: '2026-11-03T15:00:00Z', mode: 'face_to_face', venue: null }],
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('Meeting 1 must end after it starts.');
    expect(body.error.message).toContain('Meeting 1 is face to face and needs a venue.');
    expect((await getPlan()).plan!.version).toBe(plan.version);
  });

  it('records every planner write in the audit log', async () => {
    const { rows } = await harness.database.executeSql(`select action, count(*)::int as n from audit_log group by action order by action`);
    const counts = Object.fromEntries(rows.map((r) => [String(r.action), Number(r.n)]));
    expect(counts).toMatchObject({ 'plan.saved': 3, 'meeting.changed': 1, 'plan.publish_started': 2, 'plan.publish_finished': 2 });
  });
});
