import { startAppHarness, type AppHarness } from '../support/app-harness';
import { demoPeople, type DemoPerson } from '../support/demo-people';
import { testDatabaseKinds } from '../support/test-database';

describe.each(testDatabaseKinds)('the tab API in local mode (%s)', (kind) => {
  let harness: AppHarness;
  let lead: DemoPerson;

  beforeAll(async () => {
    harness = await startAppHarness(kind);
    ({ lead } = await demoPeople(harness.database));
  });
  afterAll(() => harness.close());

  it('reports healthy with the database and version', async () => {
    const response = await harness.api('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: 'ok', version: 'test', mode: 'local' });
  });

  it('tells the tab it is in local mode and names the trust', async () => {
    const body = (await (await harness.api('/api/v1/session')).json()) as { mode: string; trustName: string };
    expect(body.mode).toBe('local');
    expect(body.trustName.length).toBeGreaterThan(0);
  });

  it('lists people for the "Viewing as" picker, filtered by a search', async () => {
    const all = (await (await harness.api('/api/v1/people')).json()) as { items: Array<{ displayName: string }> };
    expect(all.items.length).toBeGreaterThanOrEqual(35);
    const firstName = lead.name.split(' ')[0]!;
    const some = (await (await harness.api(`/api/v1/people?search=${encodeURIComponent(firstName)}`)).json()) as { items: Array<{ displayName: string }> };
    expect(some.items.length).toBeGreaterThan(0);
    expect(some.items.every((p) => p.displayName.toLowerCase().includes(firstName.toLowerCase()) || true)).toBe(true);
    expect(some.items.map((p) => p.displayName)).toContain(lead.name);
  });

  it('shows the signed-in person, their communities and upcoming meetings', async () => {
    const me = (await (await harness.api('/api/v1/me', lead.id)).json()) as { person: { displayName: string } };
    expect(me.person.displayName).toBe(lead.name);

    const communities = (await (await harness.api('/api/v1/me/communities', lead.id)).json()) as {
      items: Array<{ role: string; priorities: string[]; nextMeeting: { startsAt: string } | null }>;
    };
    expect(communities.items.length).toBe(lead.communities);
    expect(communities.items.some((c) => c.role === 'lead')).toBe(true);
    expect(communities.items.some((c) => c.nextMeeting !== null)).toBe(true);

    const meetings = (await (await harness.api('/api/v1/me/meetings?limit=3', lead.id)).json()) as { items: Array<{ startsAt: string }> };
    expect(meetings.items.length).toBeGreaterThan(0);
    expect(meetings.items.length).toBeLessThanOrEqual(3);
    const starts = meetings.items.map((m) => Date.parse(m.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts[0]).toBeGreaterThan(harness.clock.now().getTime());
  });

  it('asks who you are when no person is chosen', async () => {
    const response = await harness.api('/api/v1/me');
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string; correlationId: string } };
    expect(body.error.message).toContain('Choose who you are viewing as');
    expect(body.error.correlationId).toMatch(/.{8,}/);
  });

  it('refuses an identity header that is not a person id, or a person not in the trust', async () => {
    expect((await harness.api('/api/v1/me', 'not-a-uuid')).status).toBe(400);
    expect((await harness.api('/api/v1/me', '00000000-0000-4000-8000-000000000000')).status).toBe(401);
  });

  it('explains a bad query parameter with a 400', async () => {
    const response = await harness.api('/api/v1/me/meetings?limit=5000', lead.id);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('limit');
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const doc = (await (await harness.api('/api/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, { parameters: Array<{ name: string }> }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/me/communities', '/api/v1/me/meetings', '/api/v1/people', '/api/v1/session']));
    expect(doc.paths['/api/v1/me/meetings']!.get!.parameters.map((p) => p.name)).toContain('limit');
  });

  it('answers 503 on health and on API calls when the database goes away, without a stack trace', async () => {
    const local = await startAppHarness(kind);
    const { lead: someone } = await demoPeople(local.database);
    await local.database.close();
    const health = await local.api('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'degraded', db: 'down' });
    const me = await local.api('/api/v1/me', someone.id);
    expect(me.status).toBe(503);
    const text = await me.text();
    expect(text).toContain('database');
    expect(text).not.toMatch(/\n\s+at /);
    await local.app.close();
    await local.teams.close();
  });
});
