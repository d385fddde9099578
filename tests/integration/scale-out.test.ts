import { z } from 'zod';
import { composeApp, type RunningApp } from '../../app/compose';
import { loadConfig } from '../../core/config/config';
import { waitFor } from '../../core/jobs/test-support';
import { createLogger } from '../../core/log/logger';
import { invitationQueues } from '../../core/self-assessment/invitations';
import { meetingSweepQueue } from '../../core/ways-of-working/ways-of-working-jobs';
import { fixedClock } from '../../core/time/clock';
import { startTeamsDouble, type TeamsDouble } from '../doubles/teams';
import { personalConversationId, personalMessage } from '../support/activities';
import { demoPeople, type DemoPerson } from '../support/demo-people';
import { createEmptyPostgresDatabase } from '../support/test-database';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Three instances of the whole app on one PostgreSQL database, as App Service runs them: work
 * queued through one instance, and a schedule every instance declares, each runs once across
 * them, and a feature that sends cards from jobs sends each card once.
 */
const describeOnPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

describeOnPostgres('three instances sharing one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  let teams: TeamsDouble;
  const instances: RunningApp[] = [];
  const names = ['a', 'b', 'c'] as const;

  const start = () => {
    const config = loadConfig(
      { DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'true', JOB_POLLING_INTERVAL_SECONDS: '0.5', BOT_SERVICE_URL: teams.serviceUrl },
      { version: 'test', cwd: process.cwd() },
    );
    // Monday 2 November 2026, 09:00 London: a school day inside the autumn term.
    return composeApp(config, createLogger({ level: 'silent' }), { clock: fixedClock('2026-11-02T09:00:00Z') });
  };

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase();
    teams = await startTeamsDouble({ rateLimits: false });
    // The first instance migrates and seeds; the other two boot together against the same database.
    instances.push(await start());
    instances.push(...(await Promise.all([start(), start()])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await teams?.close();
    await database?.drop();
  });

  const api = (instance: RunningApp, method: string, path: string, personId: string, body?: unknown) =>
    fetch(`${instance.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-dev-person': personId },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('runs each of 60 jobs sent through one instance exactly once, sharing the work between instances', async () => {
    const runs: { instance: string; n: number }[] = [];
    await Promise.all(
      instances.map((instance, i) =>
        instance.jobs.register('scale-out-probe', z.object({ n: z.number().int() }), async ({ n }) => {
          runs.push({ instance: names[i] ?? '?', n });
          await new Promise((resolve) => setTimeout(resolve, 20));
        }),
      ),
    );
    const first = instances[0]!;
    for (let n = 0; n < 60; n++) await first.jobs.send('scale-out-probe', { n });
    await waitFor('all 60 probe jobs', () => new Set(runs.map((r) => r.n)).size === 60, 30_000);
    // Give a duplicate the time it would need to show up: several polling intervals.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(runs).toHaveLength(60);
    expect(new Set(runs.map((r) => r.instance)).size).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('fires a schedule that all three instances declare once a minute, not three times', async () => {
    const ticks: { instance: string; at: number }[] = [];
    for (const [i, instance] of instances.entries()) {
      await instance.jobs.register('scale-out-tick', z.object({}), async () => {
        ticks.push({ instance: names[i] ?? '?', at: Date.now() });
      });
      await instance.jobs.schedule('scale-out-tick', '* * * * *', {}, { tz: 'Europe/London' });
    }
    // pg-boss checks schedules every 30 s and a minute must turn: up to about 100 s.
    await waitFor('the first tick', () => ticks.length > 0, 110_000);
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const minutes = ticks.map((tick) => Math.floor(tick.at / 60_000));
    expect(new Set(minutes).size).toBe(ticks.length);
  }, 150_000);

  it('sends each self-assessment invitation card once when a cycle opened through one instance is worked by all three', async () => {
    const people = await demoPeople(instances[0]!.database);
    const admin = people.all.find((p) => p.name === 'Helen Marsh');
    if (!admin) throw new Error('the demo trust has no Helen Marsh');
    const invitees: DemoPerson[] = people.all.filter((p) => p.id !== admin.id).slice(0, 9);
    // Each has talked to the bot through one of the instances, so each personal chat is known.
    for (const [i, person] of invitees.entries()) {
      const instance = instances[i % instances.length]!;
      const reply = await fetch(`${instance.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(personalMessage({ serviceUrl: teams.serviceUrl, tenantId: 'local-tenant' }, person, 'help')),
      });
      expect(reply.status).toBeLessThan(300);
    }
    const invitationsTo = (person: DemoPerson) =>
      teams.activities(personalConversationId(person)).filter((sent) => JSON.stringify(sent.activity).includes('Scale-out check'));

    const overview = (await (await api(instances[1]!, 'GET', '/api/v1/self-assessment/overview', admin.id)).json()) as Json;
    const frameworkId = (overview.frameworks as Json[]).find((f) => f.isDefault)?.id as string;
    const opened = await api(instances[1]!, 'POST', '/api/v1/self-assessment/cycles', admin.id, {
      name: 'Scale-out check',
      frameworkId,
      population: { kind: 'people', personIds: invitees.map((p) => p.id) },
      opensOn: '2026-11-02',
      closesOn: '2026-11-20',
    });
    expect(opened.status).toBe(200);

    await waitFor('an invitation for everyone', () => invitees.every((person) => invitationsTo(person).length > 0), 30_000);
    // The daily sweep fires again, from the other two instances at once: nobody is invited twice.
    await Promise.all([instances[0]!, instances[2]!].map((instance) => instance.jobs.send(invitationQueues.sweep, {})));
    await Promise.all(instances.map((instance) => instance.jobs.drain(undefined, 20_000)));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(invitees.map((person) => invitationsTo(person).length)).toEqual(invitees.map(() => 1));
  }, 90_000);

  it('sends each feedback card once when a meeting ends and all three instances sweep, and the trust\'s sending lease is given back', async () => {
    const db = instances[0]!.database;
    // An online meeting that finished two hours before the instances' clock (no end event came), so the scheduled-end sweep reports it.
    const [meeting] = (
      await db.executeSql(
        `update meetings set starts_at = '2026-11-02T06:00:00Z', ends_at = '2026-11-02T07:00:00Z', mode = 'online', status = 'scheduled', title = 'Scale-out feedback check'
          where id = (select m.id from meetings m join communities c on c.id = m.community_id where c.slug = 'mathematics' order by m.starts_at limit 1)
          returning id, community_id`,
      )
    ).rows;
    const members = Number(
      (await db.executeSql(`select count(distinct person_id)::int as n from memberships where community_id = $1 and from_date <= '2026-11-02' and (to_date is null or to_date >= '2026-11-02')`, [meeting!.community_id])).rows[0]!.n,
    );
    expect(members).toBeGreaterThan(3);
    const feedbackCards = () => teams.activities().filter((sent) => JSON.stringify(sent.activity).includes('Scale-out feedback check'));

    await Promise.all(instances.map((instance) => instance.jobs.send(meetingSweepQueue, {})));
    await waitFor('a feedback card for every member', () => feedbackCards().length >= members, 30_000);
    await Promise.all(instances.map((instance) => instance.jobs.drain(undefined, 20_000)));
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const perConversation = new Map<string, number>();
    for (const sent of feedbackCards()) perConversation.set(sent.conversationId, (perConversation.get(sent.conversationId) ?? 0) + 1);
    expect(perConversation.size).toBe(members);
    expect([...perConversation.values()].every((n) => n === 1)).toBe(true);
    const { rows } = await db.executeSql(`select delivery_status, count(*)::int as n from feedback_requests where meeting_id = $1 group by 1`, [meeting!.id]);
    expect(rows).toEqual([{ delivery_status: 'sent', n: members }]);
    expect((await db.executeSql('select count(*)::int as n from feedback_send_leases')).rows[0]!.n).toBe(0);
  }, 90_000);
});
