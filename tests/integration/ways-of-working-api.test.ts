import { startAppHarness, type AppHarness } from '../support/app-harness';

jest.setTimeout(120_000);

describe('the Ways of Working API', () => {
  let harness: AppHarness;
  const ids: Record<string, string> = {};

  const idOf = async (sql: string) => String((await harness.database.executeSql(sql)).rows[0]!.id);

  beforeAll(async () => {
    harness = await startAppHarness('pglite', { now: '2026-10-01T09:00:00Z' });
    ids.admin = await idOf(`select id from people where display_name = 'Helen Marsh'`);
    ids.lead = await idOf(`select id from people where display_name = 'Catherine Rowe'`);
    ids.pd = await idOf(`select id from communities where slug = 'professional-development'`);
    ids.member = await idOf(
      `select p.id from memberships ms join people p on p.id = ms.person_id where ms.community_id = '${ids.pd}' and ms.role = 'member' order by p.display_name limit 1`,
    );
    ids.outsider = await idOf(
      `select p.id from people p where not exists (select 1 from memberships ms where ms.person_id = p.id and ms.community_id = '${ids.pd}') and p.id <> '${ids.admin}' order by p.display_name limit 1`,
    );
    ids.november = await idOf(`select id from meetings where title = 'Feedback from autumn community meetings'`);
    ids.january = await idOf(`select id from meetings where title = 'Planning the spring INSET programme'`);
  });
  afterAll(() => harness.close());

  const framework2027 = {
    title: 'Communities the Aspire Way (2027)',
    effectiveFrom: '2027-01-01',
    values: [{ title: 'Curiosity', meaning: 'We ask before we assume.' }],
    behaviours: ['Arrive with one question from your academy.'],
  };

  it('lets only trust administrators add a framework version, and names what is wrong with a bad one', async () => {
    expect((await harness.send('POST', '/api/v1/ways-of-working/framework/versions', ids.lead, framework2027)).status).toBe(403);
    const bad = await harness.send('POST', '/api/v1/ways-of-working/framework/versions', ids.admin, { ...framework2027, effectiveFrom: 'next year', behaviours: [] });
    expect(bad.status).toBe(400);
    const message = JSON.stringify(await bad.json());
    expect(message).toContain('effectiveFrom: give the date it takes effect from, as YYYY-MM-DD');
    expect(message).toContain('list at least one behaviour');
    const saved = await harness.send('POST', '/api/v1/ways-of-working/framework/versions', ids.admin, framework2027);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ version: 2, effectiveFrom: '2027-01-01' });
    const listed = (await (await harness.api('/api/v1/ways-of-working/framework', ids.admin)).json()) as { inForce: { version: number }; versions: unknown[]; canEdit: boolean };
    expect(listed).toMatchObject({ inForce: { version: 1 }, canEdit: true });
    expect(listed.versions).toHaveLength(2);
  });

  it('lets a lead, and not a member, add the community\'s own Ways of Working', async () => {
    const body = { title: 'PD community agreements', effectiveFrom: '2026-09-01', behaviours: ['Bring your academy\'s INSET calendar.'] };
    expect((await harness.send('POST', `/api/v1/ways-of-working/communities/${ids.pd}/versions`, ids.member, body)).status).toBe(403);
    expect((await harness.send('POST', `/api/v1/ways-of-working/communities/${ids.pd}/versions`, ids.lead, body)).status).toBe(200);
  });

  it('shows each meeting the versions in force on its own date', async () => {
    const november = (await (await harness.api(`/api/v1/ways-of-working/meeting?meetingId=${ids.november}`, ids.member)).json()) as { card: { frameworkVersion: number; values: Array<{ title: string }>; communityBehaviours: string[] } };
    expect(november.card.frameworkVersion).toBe(1);
    expect(november.card.values.map((v) => v.title)).toContain('Learners first');
    expect(november.card.communityBehaviours).toEqual(["Bring your academy's INSET calendar."]);
    const january = (await (await harness.api(`/api/v1/ways-of-working/meeting?meetingId=${ids.january}`, ids.member)).json()) as { card: { frameworkVersion: number; values: Array<{ title: string }> } };
    expect(january.card.frameworkVersion).toBe(2);
    expect(january.card.values.map((v) => v.title)).toEqual(['Curiosity']);
  });

  it('counts acknowledgements from members only, with a clear refusal for others', async () => {
    const refused = await harness.send('POST', `/api/v1/ways-of-working/meetings/${ids.november}/acknowledge`, ids.outsider);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).toContain('Only members of Professional Development Community are counted');
    expect(await (await harness.send('POST', `/api/v1/ways-of-working/meetings/${ids.november}/acknowledge`, ids.member)).json()).toEqual({ status: 'acknowledged' });
    expect(await (await harness.send('POST', `/api/v1/ways-of-working/meetings/${ids.november}/acknowledge`, ids.member)).json()).toEqual({ status: 'already' });
    const view = (await (await harness.api(`/api/v1/ways-of-working/meeting?meetingId=${ids.november}`, ids.lead)).json()) as { acknowledged: Array<{ personId: string }>; you: { isLead: boolean } };
    expect(view.acknowledged.map((a) => a.personId)).toEqual([ids.member]);
    expect(view.you.isLead).toBe(true);
  });

  it('says plainly when a Teams meeting chat is not linked to a community meeting', async () => {
    const response = await harness.api('/api/v1/ways-of-working/meeting?chatId=19%3Ameeting_unknown%40thread.v2', ids.lead);
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).toContain('This Teams meeting is not linked to a community meeting');
  });

  it("refuses a community's Ways of Working to anyone but its leads, trust administrators included", async () => {
    const body = { title: 'PD community agreements', effectiveFrom: '2027-01-04', behaviours: ['Share one thing you tried since the last meeting.'] };
    const path = `/api/v1/ways-of-working/communities/${ids.pd}/versions`;
    for (const personId of [ids.member, ids.outsider, ids.admin]) {
      const refused = await harness.send('POST', path, personId, body);
      expect(refused.status).toBe(403);
      expect(JSON.stringify(await refused.json())).toContain("Only this community's leads can change its Ways of Working.");
    }
    const listed = (await (await harness.api(`/api/v1/ways-of-working/communities/${ids.pd}`, ids.member)).json()) as { versions: unknown[]; canEdit: boolean };
    expect(listed.versions).toHaveLength(1);
    expect(listed.canEdit).toBe(false);
  });

  it('says where each problem in a bad body is, and keeps the stored versions as they were', async () => {
    const community = `/api/v1/ways-of-working/communities/${ids.pd}`;
    const communityBefore = await (await harness.api(community, ids.lead)).json();
    const bad = await harness.send('POST', `${community}/versions`, ids.lead, { title: '  ', effectiveFrom: '2027-01-04', behaviours: ['Listen first.', '   '] });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { code: string; message: string; issues: Array<{ path: string; message: string }> } };
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('title: give the Ways of Working a title');
    expect(error.issues).toEqual([
      { path: 'title', message: 'give the Ways of Working a title' },
      { path: 'behaviours.1', message: 'a behaviour cannot be blank' },
    ]);
    expect(await (await harness.api(community, ids.lead)).json()).toEqual(communityBefore);

    const frameworkBefore = await (await harness.api('/api/v1/ways-of-working/framework', ids.admin)).json();
    const badValue = await harness.send('POST', '/api/v1/ways-of-working/framework/versions', ids.admin, { ...framework2027, values: [{ title: '', meaning: 'We ask before we assume.' }] });
    expect(badValue.status).toBe(400);
    expect(((await badValue.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([{ path: 'values.0.title', message: 'give each value a title' }]);
    expect(await (await harness.api('/api/v1/ways-of-working/framework', ids.admin)).json()).toEqual(frameworkBefore);
  });

  it('lists every version with when and by whom it was saved', async () => {
    const listed = (await (await harness.api('/api/v1/ways-of-working/framework', ids.member)).json()) as {
      versions: Array<{ version: number; savedAt: string; savedBy: string | null }>;
      canEdit: boolean;
    };
    expect(listed.canEdit).toBe(false);
    expect(listed.versions.map(({ version, savedBy }) => ({ version, savedBy }))).toEqual([
      { version: 2, savedBy: 'Helen Marsh' },
      // The demo wording the app loaded itself.
      { version: 1, savedBy: null },
    ]);
    for (const { savedAt } of listed.versions) expect(Number.isNaN(Date.parse(savedAt))).toBe(false);
  });

  it('refuses the post-now button to someone who does not lead the community', async () => {
    const response = await harness.send('POST', `/api/v1/ways-of-working/meetings/${ids.november}/start`, ids.member);
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).toContain('Only the leads of Professional Development Community');
  });
});
