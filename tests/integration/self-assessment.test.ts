import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { people } from '../../core/db/schema';
import { recountCycle } from '../../core/self-assessment/group-counts';
import { loadForm, saveAnswers } from '../../core/self-assessment/responses';
import { seedSubmittedCycles } from '../support/self-assessment-fixtures';
import { dataPath } from '../../core/directory/data-path';
import { selfAssessmentVerbs } from '../../bot/cards/self-assessment-card-verbs';
import { cardAction, personalConversationId, personalMessage, type ActivityContext, type ActivityPerson } from '../support/activities';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { testDatabaseKinds } from '../support/test-database';

interface Person extends ActivityPerson {
  personId: string;
  trustId: string;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function person(harness: AppHarness, email: string): Promise<Person> {
  const [row] = await harness.database.db.select().from(people).where(eq(people.email, email));
  if (!row) throw new Error(`no ${email} in the demo trust`);
  return { personId: row.id, trustId: row.trustId, aadObjectId: row.entraObjectId!, name: row.displayName };
}

async function json(response: Response, status: number): Promise<Json> {
  const body = (await response.json()) as Json;
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

const cardText = (card: unknown) => JSON.stringify(card);

describe.each(testDatabaseKinds)('service-descriptor self-assessment (%s)', (kind) => {
  let harness: AppHarness;
  let ctx: ActivityContext;
  let admin: Person;
  let tom: Person;
  let grace: Person;
  let priya: Person;
  let mark: Person;
  let defaultFrameworkId: string;
  let cycleId: string;
  let form: Json;

  beforeAll(async () => {
    // Monday 2 November 2026, 09:00 London.
    harness = await startAppHarness(kind, { now: '2026-11-02T09:00:00Z' });
    ctx = { serviceUrl: harness.teams.serviceUrl, tenantId: harness.config.bot.tenantId };
    admin = await person(harness, 'helen.marsh@aspire-trust.example');
    tom = await person(harness, 'tom.fletcher@aspire-trust.example');
    grace = await person(harness, 'grace.adeyemi@aspire-trust.example');
    priya = await person(harness, 'priya.shah@aspire-trust.example');
    mark = await person(harness, 'mark.ellison@aspire-trust.example');
    // Tom has talked to the bot, so his personal chat is stored and invitations reach it.
    await harness.postActivity(personalMessage(ctx, tom, 'help'));
  });
  afterAll(() => harness.close());

  describe('frameworks', () => {
    it('lists the default framework to a trust admin and refuses framework changes from anyone else', async () => {
      const overview = await json(await harness.api('/api/v1/self-assessment/overview', admin.personId), 200);
      expect(overview.canAdminister).toBe(true);
      const framework = overview.frameworks.find((f: Json) => f.key === 'exceptional-service-descriptors');
      expect(framework).toMatchObject({ version: 1, isDefault: true, descriptorCount: 10 });
      defaultFrameworkId = framework.id;

      const stored = await json(await harness.api(`/api/v1/self-assessment/frameworks/${defaultFrameworkId}`, tom.personId), 200);
      expect(stored.scale.map((s: Json) => s.label)).toEqual(['Not yet', 'Developing', 'Secure', 'Exceptional']);

      const file = JSON.parse(fs.readFileSync(dataPath('frameworks', 'culture-of-achievement.json'), 'utf8'));
      const refused = await harness.send('POST', '/api/v1/self-assessment/frameworks', tom.personId, { framework: file });
      expect(refused.status).toBe(403);
    });

    it('loads the second example framework with its own five-level scale, and loading it again changes nothing', async () => {
      const file = JSON.parse(fs.readFileSync(dataPath('frameworks', 'culture-of-achievement.json'), 'utf8'));
      const created = await json(await harness.send('POST', '/api/v1/self-assessment/frameworks', admin.personId, { framework: file }), 200);
      expect(created.outcome).toBe('created');
      expect(created.framework.descriptors).toHaveLength(6);
      expect(created.framework.scale).toHaveLength(5);
      const again = await json(await harness.send('POST', '/api/v1/self-assessment/frameworks', admin.personId, { framework: file }), 200);
      expect(again.outcome).toBe('unchanged');
    });

    it('names each missing field and repeated title, and saves nothing', async () => {
      const file = JSON.parse(fs.readFileSync(dataPath('frameworks', 'exceptional-service-descriptors.json'), 'utf8'));
      delete file.descriptors[3].statement;
      file.descriptors[9].title = file.descriptors[0].title;
      file.version = 2;
      const body = await json(await harness.send('POST', '/api/v1/self-assessment/frameworks', admin.personId, { framework: file }), 400);
      expect(body.error.message).toContain('Descriptor 4 ("Professional and Approachable") statement: is missing');
      expect(body.error.message).toContain('Descriptor 10 ("Communicate with Clarity and Purpose") title: repeats the title "Communicate with Clarity and Purpose"');
      const overview = await json(await harness.api('/api/v1/self-assessment/overview', admin.personId), 200);
      expect(overview.frameworks.filter((f: Json) => f.key === 'exceptional-service-descriptors')).toHaveLength(1);
    });

    it('refuses a changed copy of a stored version, and a new version that silently drops descriptors', async () => {
      const file = JSON.parse(fs.readFileSync(dataPath('frameworks', 'exceptional-service-descriptors.json'), 'utf8'));
      const changed = { ...file, name: 'Renamed' };
      const conflict = await json(await harness.send('POST', '/api/v1/self-assessment/frameworks', admin.personId, { framework: changed }), 409);
      expect(conflict.error.message).toContain('Save it as version 2 instead');

      const shorter = { ...file, version: 2, descriptors: file.descriptors.slice(0, 8) };
      const missing = await json(await harness.send('POST', '/api/v1/self-assessment/frameworks', admin.personId, { framework: shorter }), 400);
      expect(missing.error.message).toContain('"Investing in People and Growth", "Strive for Excellence and Consistency"');
    });
  });

  describe('a cycle, answered in the tab', () => {
    it('lets only a trust admin open a cycle, for the operations staff of the chosen service areas', async () => {
      const request = {
        name: 'Autumn term 2026',
        frameworkId: defaultFrameworkId,
        population: { kind: 'service_area', serviceAreas: ['finance', 'it', 'hr', 'catering', 'estates'] },
        opensOn: '2026-11-02',
        closesOn: '2026-11-27',
      };
      expect((await harness.send('POST', '/api/v1/self-assessment/cycles', tom.personId, request)).status).toBe(403);
      const cycle = await json(await harness.send('POST', '/api/v1/self-assessment/cycles', admin.personId, request), 200);
      expect(cycle).toMatchObject({ window: 'open', participants: 12, submitted: 0 });
      cycleId = cycle.id;

      // Opening sends the invitations through the job queue; Tom has a stored chat with the bot.
      await harness.app.jobs.drain(undefined, 20_000);
      const invitations = harness.teams.activities(personalConversationId(tom)).map((a) => cardText(a.activity)).filter((t) => t.includes('Self-assessment: Autumn term 2026'));
      expect(invitations).toHaveLength(1);
      expect(invitations[0]).toContain('0 of 10 answered');
    });

    it('shows the person their own form with ten descriptors and the four-level scale', async () => {
      form = await json(await harness.api(`/api/v1/self-assessment/cycles/${cycleId}/responses/${tom.personId}`, tom.personId), 200);
      expect(form.status).toBe('not_started');
      expect(form.framework.descriptors).toHaveLength(10);
      expect(form.readOnly).toBe(false);
    });

    it('refuses a level outside the scale, naming the descriptor and the levels, and keeps what was saved', async () => {
      const [first, second] = form.framework.descriptors;
      await json(
        await harness.send('PUT', `/api/v1/self-assessment/cycles/${cycleId}/responses/${tom.personId}`, tom.personId, {
          answers: [{ descriptorId: first.id, level: 3, evidence: 'Rewrote the budget guidance for heads.', developmentStep: '' }],
        }),
        200,
      );
      const refused = await json(
        await harness.send('PUT', `/api/v1/self-assessment/cycles/${cycleId}/responses/${tom.personId}`, tom.personId, { answers: [{ descriptorId: second.id, level: 7 }] }),
        400,
      );
      expect(refused.error.message).toBe(
        'Level 7 for "Customer Focused and Solution Driven" is not on the scale: choose 1 (Not yet), 2 (Developing), 3 (Secure), 4 (Exceptional).',
      );
      const kept = await json(await harness.api(`/api/v1/self-assessment/cycles/${cycleId}/responses/${tom.personId}`, tom.personId), 200);
      expect(kept.status).toBe('draft');
      expect(kept.answers).toEqual([expect.objectContaining({ descriptorId: first.id, level: 3, evidence: 'Rewrote the budget guidance for heads.' })]);
    });

    it('refuses anyone answering for someone else, even their line manager', async () => {
      const [first] = form.framework.descriptors;
      const refused = await json(
        await harness.send('PUT', `/api/v1/self-assessment/cycles/${cycleId}/responses/${tom.personId}`, priya.personId, { answers: [{ descriptorId: first.id, level: 1 }] }),
        403,
      );
      expect(refused.error.message).toBe('You can only answer your own self-assessment. Ask your colleague to complete theirs themselves.');
      const draft = await json(await harness.api(`/api/v1/self-assessment/cycles/${cycleId}/responses/${grace.personId}`, priya.personId), 403);
      expect(draft.error.message).toContain('drafts stay private');
    });

    it('will not submit with descriptors unanswered, naming them, then submits once all have a level', async () => {
      const incomplete = await json(await harness.send('PUT', `/api/v1/self-assessment/cycles/${cycleId}/responses/${tom.personId}`, tom.personId, { answers: [], submit: true }), 400);
      expect(incomplete.error.message).toContain('Still to do: "Customer Focused and Solution Driven"');
      expect(incomplete.error.message).toContain('Your answers so far are saved.');
      const answers = form.framework.descriptors.map((d: Json, i: number) => ({ descriptorId: d.id, level: i < 3 ? 4 : i === 9 ? 1 : 3, evidence: '', developmentStep: i === 9 ? 'Shadow the Kingsmead bursar for a term.' : '' }));
      const submitted = await json(await harness.send('PUT', `/api/v1/self-assessment/cycles/${cycleId}/responses/${tom.personId}`, tom.personId, { answers, submit: true }), 200);
      expect(submitted.status).toBe('submitted');
      expect(submitted.readOnly).toBe(true);
      const again = await json(await harness.send('PUT', `/api/v1/self-assessment/cycles/${cycleId}/responses/${tom.personId}`, tom.personId, { answers: [] }), 409);
      expect(again.error.message).toContain('already');
    });
  });

  describe('line managers', () => {
    it('lets Tom\'s line manager read his submitted self-assessment and add an agreed note both can see', async () => {
      const team = await json(await harness.api(`/api/v1/self-assessment/cycles/${cycleId}/team`, priya.personId), 200);
      expect(team.items.map((m: Json) => [m.displayName, m.status])).toEqual([
        ['Grace Adeyemi', 'not_started'],
        ['Tom Fletcher', 'submitted'],
      ]);
      const read = await json(await harness.api(`/api/v1/self-assessment/cycles/${cycleId}/responses/${tom.personId}`, priya.personId), 200);
      expect(read.readOnly).toBe(true);
      await json(
        await harness.send('PUT', `/api/v1/self-assessment/cycles/${cycleId}/responses/${tom.personId}/agreed-note`, priya.personId, { note: 'Tom will shadow the bursar and lead one finance briefing.' }),
        200,
      );
      const mine = await json(await harness.api('/api/v1/self-assessment/me/results', tom.personId), 200);
      expect(mine.cycles[0].agreedNote).toBe('Tom will shadow the bursar and lead one finance briefing.');
    });

    it('refuses a note from a manager who is not the person\'s line manager', async () => {
      const refused = await json(
        await harness.send('PUT', `/api/v1/self-assessment/cycles/${cycleId}/responses/${tom.personId}/agreed-note`, mark.personId, { note: 'Not my report.' }),
        403,
      );
      expect(refused.error.message).toContain('Only their line manager');
    });
  });

  describe('aggregates', () => {
    let pastCycleId: string;
    beforeAll(async () => {
      [pastCycleId] = await seedSubmittedCycles(harness.database.db, [{ name: 'Summer 2026', opensOn: '2026-06-08', closesOn: '2026-07-03' }]) as [string];
    });

    it('keeps the counts at submit time equal to a full recount', async () => {
      const read = async () => (await harness.database.executeSql('select area_key, academy_key, position, level, n from assessment_group_counts where cycle_id = $1 order by 1, 2, 3, 4', [cycleId])).rows;
      const kept = await read();
      expect(kept.filter((r) => r.position === 0)).toEqual([expect.objectContaining({ area_key: 'finance', academy_key: 'central', n: 1 })]);
      await recountCycle(harness.database.db, cycleId);
      expect(await read()).toEqual(kept);
    });

    it('shows a trust admin academies with the small ones hidden, as JSON and as CSV', async () => {
      const query = `cycleIds=${pastCycleId}&groupBy=academy`;
      const report = await json(await harness.api(`/api/v1/self-assessment/aggregates?${query}`, admin.personId), 200);
      const sizes = Object.fromEntries(report.groups.map((g: Json) => [g.label, g.results[0].respondents]));
      expect(sizes).toMatchObject({ 'Central team': 9, 'Whole trust': 12, 'Kingsmead Academy': null, 'Riverside Academy': null, 'Whitcombe Hill Academy': null, 'Brookfield Primary Academy': 0 });
      const central = report.groups.find((g: Json) => g.label === 'Central team').results[0].distributions[0];
      expect(central.counts.reduce((a: number, b: number) => a + b, 0)).toBe(9);

      const csv = await harness.api(`/api/v1/self-assessment/aggregates.csv?${query}`, admin.personId);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const text = await csv.text();
      expect(text.split('\r\n')[0]).toBe('cycle,academy,descriptor,respondents,1 Not yet,2 Developing,3 Secure,4 Exceptional,mean level');
      expect(text).toContain('Summer 2026,Kingsmead Academy,Communicate with Clarity and Purpose,hidden (groups under 5)');
    });

    it('shows a line manager only their reports\' service areas, and nothing to colleagues without the role', async () => {
      const report = await json(await harness.api(`/api/v1/self-assessment/aggregates?cycleIds=${pastCycleId}&groupBy=service_area`, priya.personId), 200);
      expect(report.groups.map((g: Json) => [g.label, g.results[0].respondents])).toEqual([
        ['Finance', null],
        ['Whole trust', 12],
      ]);
      const byAcademy = await json(await harness.api(`/api/v1/self-assessment/aggregates?cycleIds=${pastCycleId}&groupBy=academy`, priya.personId), 200);
      expect(byAcademy.groups.find((g: Json) => g.isTotal)).toMatchObject({ label: 'All of Finance' });
      const other = await json(await harness.api(`/api/v1/self-assessment/aggregates?cycleIds=${pastCycleId}&serviceArea=it`, priya.personId), 403);
      expect(other.error.message).toContain('service areas of the people you manage');
      await json(await harness.api(`/api/v1/self-assessment/aggregates?cycleIds=${pastCycleId}`, tom.personId), 403);
    });

    it('charts a person\'s levels over both cycles in My view', async () => {
      const mine = await json(await harness.api('/api/v1/self-assessment/me/results', tom.personId), 200);
      expect(mine.cycles.map((c: Json) => c.name)).toEqual(['Summer 2026', 'Autumn term 2026']);
      expect(mine.descriptors[0].points).toHaveLength(2);
      expect(mine.strengths.map((x: Json) => x.title)).toEqual(['Communicate with Clarity and Purpose', 'Customer Focused and Solution Driven', 'Act with Integrity and Accountability']);
      expect(mine.developmentAreas[0]).toEqual({ title: 'Strive for Excellence and Consistency', level: 1, developmentStep: 'Shadow the Kingsmead bursar for a term.' });
    });
  });

  describe('in chat', () => {
    it('walks through the descriptors one card at a time with progress, and resumes where the person stopped', async () => {
      const start = await json(await harness.postActivity(cardAction(ctx, grace, selfAssessmentVerbs.resume, { cycleId })), 200);
      expect(cardText(start.value)).toContain('1 of 10');
      expect(cardText(start.value)).toContain('Communicate with Clarity and Purpose');

      const next = await json(await harness.postActivity(cardAction(ctx, grace, selfAssessmentVerbs.answer, { cycleId, position: '1', move: 'next', level: '3', evidence: 'Weekly finance bulletin.', developmentStep: '' })), 200);
      expect(cardText(next.value)).toContain('2 of 10');

      const bad = await json(await harness.postActivity(cardAction(ctx, grace, selfAssessmentVerbs.answer, { cycleId, position: '2', move: 'next', level: '9' })), 200);
      expect(cardText(bad.value)).toContain('Level 9 for \\"Customer Focused and Solution Driven\\" is not on the scale');
      expect(cardText(bad.value)).toContain('2 of 10');

      const stopped = await json(await harness.postActivity(cardAction(ctx, grace, selfAssessmentVerbs.answer, { cycleId, position: '2', move: 'stop', level: '2' })), 200);
      expect(cardText(stopped.value)).toContain('Your answers are saved');

      // The tab reads the same record.
      const inTab = await loadForm(harness.database.db, grace.trustId, cycleId, grace.personId, harness.clock.now());
      expect(inTab.answers.map((a) => [a.position, a.level])).toEqual([[1, 3], [2, 2]]);

      const before = harness.teams.activities(personalConversationId(grace)).length;
      await harness.postActivity(personalMessage(ctx, grace, 'self-assessment'));
      const sent = await harness.teams.waitForActivities(before + 1, 5000, personalConversationId(grace));
      expect(cardText(sent[before]!.activity)).toContain('3 of 10');
    });
  });
});

describe('self-assessment reminders', () => {
  let harness: AppHarness;
  let ctx: ActivityContext;

  beforeAll(async () => {
    harness = await startAppHarness('pglite', { now: '2026-11-02T09:00:00Z' });
    ctx = { serviceUrl: harness.teams.serviceUrl, tenantId: harness.config.bot.tenantId };
  });
  afterAll(() => harness.close());

  it('sends the invitation once, a reminder from the midpoint and one two days before closing, then no more', async () => {
    const admin = await person(harness, 'helen.marsh@aspire-trust.example');
    const owen = await person(harness, 'owen.price@aspire-trust.example');
    await harness.postActivity(personalMessage(ctx, owen, 'help'));
    const overview = await json(await harness.api('/api/v1/self-assessment/overview', admin.personId), 200);
    const frameworkId = overview.frameworks[0].id;
    const cycle = await json(
      await harness.send('POST', '/api/v1/self-assessment/cycles', admin.personId, {
        name: 'Estates check-in',
        frameworkId,
        population: { kind: 'people', personIds: [owen.personId] },
        opensOn: '2026-11-02',
        closesOn: '2026-11-20',
      }),
      200,
    );
    const messenger = harness.app.jobs;
    const sentCards = () => harness.teams.activities(personalConversationId(owen)).map((a) => cardText(a.activity)).filter((t) => t.includes('Estates check-in'));
    const sweep = async (at: string) => {
      harness.clock.set(at);
      await messenger.send('self-assessment-sweep', {}, { singletonKey: at });
      await messenger.drain(undefined, 20_000);
    };
    await messenger.drain(undefined, 20_000);
    expect(sentCards()).toHaveLength(1);
    expect(sentCards()[0]).toContain('Self-assessment: Estates check-in');

    await sweep('2026-11-03T09:00:00Z');
    expect(sentCards()).toHaveLength(1);
    await sweep('2026-11-11T09:00:00Z');
    expect(sentCards()).toHaveLength(2);
    expect(sentCards()[1]).toContain('Reminder: Estates check-in');
    await sweep('2026-11-12T09:00:00Z');
    expect(sentCards()).toHaveLength(2);
    await sweep('2026-11-18T09:00:00Z');
    expect(sentCards()).toHaveLength(3);
    await sweep('2026-11-19T09:00:00Z');
    await sweep('2026-11-20T09:00:00Z');
    expect(sentCards()).toHaveLength(3);

    // After closing, answers are refused with the date, and what was saved stays.
    harness.clock.set('2026-11-21T09:00:00Z');
    const form = await loadForm(harness.database.db, owen.trustId, cycle.id, owen.personId, harness.clock.now());
    const closed = await json(
      await harness.send('PUT', `/api/v1/self-assessment/cycles/${cycle.id}/responses/${owen.personId}`, owen.personId, { answers: [{ descriptorId: form.framework.descriptors[0]!.id, level: 2 }] }),
      409,
    );
    expect(closed.error.message).toBe('"Estates check-in" closed on Fri 20 Nov 2026, so answers can no longer be changed. Everything you saved before then is kept.');
    await expect(
      saveAnswers(harness.database.db, harness.clock.now(), { trustId: owen.trustId, callerPersonId: owen.personId, personId: owen.personId, cycleId: cycle.id, answers: [], submit: true }),
    ).rejects.toThrow('closed on Fri 20 Nov 2026');
  });
});
