import { waysOfWorkingVerbs } from '../../bot/cards/ways-of-working-card-verbs';
import { relaunchQueue, relaunchSendQueue } from '../../core/ways-of-working/ways-of-working-jobs';
import { cardAction, type ActivityContext } from '../support/activities';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { demoPeople, type DemoPerson } from '../support/demo-people';
import { testDatabaseKinds } from '../support/test-database';

jest.setTimeout(120_000);

describe.each(testDatabaseKinds)('the annual Ways of Working relaunch (%s)', (kind) => {
  let harness: AppHarness;
  let ctx: ActivityContext;
  let admin: string;
  let pdDirector: DemoPerson;
  let members: DemoPerson[];
  let outsider: DemoPerson | undefined;
  let relaunchId: string;

  const relaunchCards = () => harness.teams.activities().filter((a) => JSON.stringify(a.activity.attachments ?? []).includes('Communities the Aspire Way: 2026/27'));
  const run = async () => {
    await harness.app.jobs.send(relaunchQueue, {});
    await harness.app.jobs.drain(relaunchQueue, 60_000);
    await harness.app.jobs.drain(relaunchSendQueue, 60_000);
  };

  beforeAll(async () => {
    harness = await startAppHarness(kind, { now: '2026-09-01T07:00:00Z' });
    ctx = { serviceUrl: harness.teams.serviceUrl, tenantId: harness.config.bot.tenantId };
    const people = await demoPeople(harness.database);
    members = people.all.filter((p) => p.communities > 0);
    outsider = people.withoutCommunity;
    pdDirector = people.all.find((p) => p.name === 'Catherine Rowe')!;
    admin = String((await harness.database.executeSql(`select id from people where display_name = 'Helen Marsh'`)).rows[0]!.id);
    // Personal chats are created from the tenant's service URL, which the app learns from any stored conversation.
    await harness.postActivity({ ...cardAction(ctx, pdDirector, 'showHelp'), type: 'message', name: undefined, value: undefined, text: 'help' });
  });
  afterAll(() => harness.close());

  it('lets only trust administrators and the PD director set the date', async () => {
    const member = members.find((m) => m.name !== 'Catherine Rowe' && m.name !== 'Helen Marsh')!;
    const refused = await harness.send('PUT', '/api/v1/ways-of-working/relaunch', member.id, { yearLabel: '2026/27', launchOn: '2026-09-07' });
    expect(refused.status).toBe(403);
    const bad = await harness.send('PUT', '/api/v1/ways-of-working/relaunch', admin, { yearLabel: '2026', launchOn: '7 Sept' });
    expect(bad.status).toBe(400);
    const saved = await harness.send('PUT', '/api/v1/ways-of-working/relaunch', admin, { yearLabel: '2026/27', launchOn: '2026-09-07' });
    expect(saved.status).toBe(200);
    relaunchId = ((await saved.json()) as { id: string }).id;
  });

  it('sends nothing before the date, then every community member one personal card', async () => {
    await run();
    expect(relaunchCards()).toHaveLength(0);
    harness.clock.set('2026-09-07T08:00:00Z');
    await run();
    await run();
    expect(relaunchCards()).toHaveLength(members.length);
  });

  it('records "I\'ll work this way this year" and tells someone not on the list', async () => {
    const response = await harness.postActivity(cardAction(ctx, members[0]!, waysOfWorkingVerbs.acknowledgeRelaunch, { relaunchId }));
    expect(JSON.stringify(((await response.json()) as { value: unknown }).value)).toContain('Thank you: you said you will work this way on Mon 7 Sep 2026');
    if (outsider) {
      const refused = await harness.postActivity(cardAction(ctx, outsider, waysOfWorkingVerbs.acknowledgeRelaunch, { relaunchId }));
      expect(JSON.stringify(((await refused.json()) as { value: unknown }).value)).toContain('you are not on the list');
    }
  });

  it('reminds those who have not acknowledged at most twice, a week apart', async () => {
    const reminders = () => relaunchCards().filter((a) => JSON.stringify(a.activity.attachments).includes('A reminder'));
    harness.clock.set('2026-09-10T08:00:00Z');
    await run();
    expect(reminders()).toHaveLength(0);
    harness.clock.set('2026-09-14T09:00:00Z');
    await run();
    expect(reminders()).toHaveLength(members.length - 1);
    harness.clock.set('2026-09-21T09:00:00Z');
    await run();
    harness.clock.set('2026-09-28T09:00:00Z');
    await run();
    expect(reminders()).toHaveLength(2 * (members.length - 1));
  });

  it('shows the PD director who has and has not acknowledged, per community and academy', async () => {
    const response = await harness.api('/api/v1/ways-of-working/relaunch', pdDirector.id);
    expect(response.status).toBe(200);
    const status = (await response.json()) as { communities: Array<{ acknowledged: number; total: number; members: Array<{ personId: string; acknowledgedAt: string | null; remindersSent: number }> }>; academies: Array<{ acknowledged: number; total: number }> };
    expect(status.communities.length).toBeGreaterThan(1);
    const everyone = status.communities.flatMap((c) => c.members);
    expect(everyone.find((m) => m.personId === members[0]!.id)?.acknowledgedAt).not.toBeNull();
    expect(everyone.filter((m) => m.personId !== members[0]!.id).every((m) => m.acknowledgedAt === null && m.remindersSent === 2)).toBe(true);
    expect(status.academies.reduce((n, a) => n + a.acknowledged, 0)).toBe(1);
    expect(status.academies.reduce((n, a) => n + a.total, 0)).toBe(members.length);
  });
});
