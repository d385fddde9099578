import { startAppHarness, type AppHarness } from '../support/app-harness';
import { testDatabaseKinds } from '../support/test-database';

jest.setTimeout(60_000);

interface CommunityPageBody {
  community: { id: string; name: string; kind: string; description: string; priorities: string[]; memberCount: number };
  leads: Array<{ id: string; displayName: string; academyName: string | null }>;
  you: { role: 'lead' | 'member' | null };
  upcomingMeetings: Array<{ id: string; title: string; sequence: number | null; startsAt: string; endsAt: string; mode: string; venue: string | null; joinUrl: string | null }>;
  academicYearLabel: string | null;
}

interface ErrorBody {
  error: { code: string; message: string; correlationId: string };
}

describe.each(testDatabaseKinds)('the community channel tab API (%s)', (kind) => {
  let harness: AppHarness;
  const ids: Record<string, string> = {};
  const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_pd-november%40thread.v2/0';

  const idOf = async (sql: string) => String((await harness.database.executeSql(sql)).rows[0]!.id);
  const page = async (communityId: string, personId: string | undefined) => harness.api(`/api/v1/communities/${communityId}`, personId);

  beforeAll(async () => {
    // Mid-October: the September launch meeting has happened, the November one is next.
    harness = await startAppHarness(kind, { now: '2026-10-14T12:00:00Z' });
    ids.pd = await idOf(`select id from communities where slug = 'professional-development'`);
    ids.lead = await idOf(`select id from people where display_name = 'Catherine Rowe'`);
    ids.member = await idOf(
      `select p.id from memberships ms join people p on p.id = ms.person_id where ms.community_id = '${ids.pd}' and ms.role = 'member' order by p.display_name limit 1`,
    );
    ids.outsider = await idOf(
      `select p.id from people p where not exists (select 1 from memberships ms where ms.person_id = p.id and ms.community_id = '${ids.pd}') order by p.display_name limit 1`,
    );
    await harness.database.executeSql(`update meetings set join_url = '${JOIN_URL}' where title = 'Feedback from autumn community meetings'`);
    await harness.database.executeSql(`update meetings set status = 'cancelled' where title = 'Community lead coaching clinic'`);
  });
  afterAll(() => harness.close());

  it("shows any person in the trust the community's details, leads and upcoming meetings, soonest first", async () => {
    const response = await page(ids.pd!, ids.outsider);
    expect(response.status).toBe(200);
    const body = (await response.json()) as CommunityPageBody;

    expect(body.community).toMatchObject({ id: ids.pd, name: 'Professional Development Community', kind: 'community' });
    expect(body.community.description).toContain('professional development leads of every academy');
    expect(body.community.priorities).toContain('Plan and quality-assure the trust’s INSET and twilight professional learning programme');
    expect(body.community.memberCount).toBeGreaterThan(1);
    expect(body.leads.map((lead) => lead.displayName)).toEqual(['Catherine Rowe']);
    expect(body.you.role).toBeNull();
    expect(body.academicYearLabel).toBe('2026/27');

    expect(body.upcomingMeetings.map((m) => m.title)).toEqual([
      'Feedback from autumn community meetings',
      'Planning the spring INSET programme',
      'Evaluating impact on learners',
      'Review of the year and 2027/28 planning',
    ]);
    const [november, january] = body.upcomingMeetings;
    expect(november).toMatchObject({ mode: 'online', venue: null, joinUrl: JOIN_URL, startsAt: '2026-11-10T15:45:00.000Z', endsAt: '2026-11-10T17:15:00.000Z' });
    expect(january).toMatchObject({ mode: 'hybrid', venue: 'Riverside Academy, Conference Room', joinUrl: null });
  });

  it("tells the viewer their own role in the community", async () => {
    const asLead = (await (await page(ids.pd!, ids.lead)).json()) as CommunityPageBody;
    const asMember = (await (await page(ids.pd!, ids.member)).json()) as CommunityPageBody;
    expect(asLead.you.role).toBe('lead');
    expect(asMember.you.role).toBe('member');
  });

  it('answers an unknown community id with a 404 that says what to do', async () => {
    const response = await page('5f0c6a51-2b7e-4c1a-9d7e-3a1f0c2b4d6e', ids.member);
    expect(response.status).toBe(404);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('community_not_found');
    expect(body.error.message).toBe(
      'There is no community with this id in your trust. It may have been removed; ask the lead who added this tab to set it up again.',
    );
    expect(body.error.correlationId.length).toBeGreaterThan(7);
  });

  it("treats another trust's community as unknown", async () => {
    const otherTrust = await idOf(`insert into trusts (tenant_id, name) values ('other-tenant', 'Other Trust') returning id`);
    const otherCommunity = await idOf(
      `insert into communities (trust_id, slug, name) values ('${otherTrust}', 'other-maths', 'Other Maths Community') returning id`,
    );
    const response = await page(otherCommunity, ids.lead);
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).not.toContain('Other Maths');
  });

  it('answers a malformed id with a 400 naming the parameter', async () => {
    const response = await page('not-a-community', ids.member);
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.message).toContain('communityId must be a community id');
  });

  it('asks who you are when no person is chosen', async () => {
    expect((await page(ids.pd!, undefined)).status).toBe(401);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await harness.api('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/v1/communities/{communityId}');
  });
});
