import type { Database } from '../../core/db/database';
import type { GraphDouble } from '../doubles/graph';
import { startGraphProductionApp, type GraphProductionApp, type TabCall } from '../support/graph-production-app';
import { planPathOf, saveProposalAndPublish, type PublishRunBody } from '../support/plan-publishing';

const catherineEmail = 'catherine.rowe@aspire-trust.example';
const danielEmail = 'daniel.moore@aspire-trust.example';

interface PlanBody {
  plan: null | { id: string; version: number; status: string; meetings: Array<{ id: string; published: boolean; joinUrl: string | null }> };
}

/** Publishing in production mode: Graph double for calendars, Entra double for the app's tokens and the tab's SSO. */
describe('publishing a plan through Microsoft Graph (production mode, doubles)', () => {
  let production: GraphProductionApp;
  let graph: GraphDouble;
  let database: Database;
  let call: TabCall;

  async function planAndPublish(communityName: string): Promise<{ plan: NonNullable<PlanBody['plan']>; run: PublishRunBody['run'] }> {
    const path = await planPathOf(call, communityName);
    const run = await saveProposalAndPublish(call, path);
    const plan = ((await (await call('GET', path)).json()) as PlanBody).plan!;
    return { plan, run };
  }

  beforeAll(async () => {
    production = await startGraphProductionApp();
    ({ graph, database } = production);
    call = await production.tabAs(catherineEmail);
  }, 30_000);

  afterAll(() => production?.close());

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
