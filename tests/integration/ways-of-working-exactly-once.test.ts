import { composeApp, type RunningApp } from '../../app/compose';
import { waysOfWorkingCards } from '../../bot/cards/ways-of-working-card';
import { loadConfig } from '../../core/config/config';
import { saveConversationReference } from '../../core/conversations/conversation-references';
import type { Database } from '../../core/db/database';
import { loadDemoTrustIfEmpty } from '../../core/directory/demo-trust';
import { createLogger } from '../../core/log/logger';
import type { MeetingEnded, MeetingEndListener } from '../../core/meetings/meeting-ended';
import type { AdaptiveCard, CardSender, DeliveryOutcome } from '../../core/messaging/card-sender';
import { fixedClock } from '../../core/time/clock';
import { loadDefaultFrameworkIfMissing } from '../../core/ways-of-working/content';
import { reportMeetingEnd } from '../../core/ways-of-working/meeting-lifecycle';
import { MeetingOpeningService } from '../../core/ways-of-working/meeting-opening';
import { meetingsDueOpening, reportScheduledEnds } from '../../core/ways-of-working/meeting-sweep';
import { startTeamsDouble, type TeamsDouble } from '../doubles/teams';
import { meetingStartEvent, teamsMeetingFor } from '../support/meeting-activities';
import { createEmptyPostgresDatabase, createTestDatabase } from '../support/test-database';

const logger = createLogger({ level: 'silent' });

jest.setTimeout(120_000);

/** A CardSender that records what it was asked to send and answers after a short, real delay. */
class RecordingSender implements CardSender {
  readonly posts: Array<{ conversationId: string; card: AdaptiveCard }> = [];
  async postToConversation(conversationId: string, card: AdaptiveCard): Promise<DeliveryOutcome> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.posts.push({ conversationId, card });
    return { ok: true, conversationId, activityId: `a${this.posts.length}` };
  }
  async updateCard(conversationId: string, activityId: string): Promise<DeliveryOutcome> {
    return { ok: true, conversationId, activityId };
  }
  async sendToPerson(_trustId: string, personId: string, card: AdaptiveCard): Promise<DeliveryOutcome> {
    this.posts.push({ conversationId: `personal:${personId}`, card });
    return { ok: true, conversationId: `personal:${personId}`, activityId: `p${this.posts.length}` };
  }
}

class RecordingListener implements MeetingEndListener {
  readonly ends: MeetingEnded[] = [];
  async meetingEnded(event: MeetingEnded): Promise<void> {
    this.ends.push(event);
  }
}

describe('exactly one Ways of Working card per meeting (services on PGlite)', () => {
  let database: Database;
  let trustId: string;
  let meetingId: string;
  const chatId = '19:meeting_exactly-once@thread.v2';

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await loadDemoTrustIfEmpty(database.db, logger);
    trustId = String((await database.executeSql('select id from trusts limit 1')).rows[0]!.id);
    await loadDefaultFrameworkIfMissing(database.db, trustId);
    meetingId = String((await database.executeSql(`select id from meetings where title = 'Feedback from autumn community meetings'`)).rows[0]!.id);
    await database.executeSql('update meetings set chat_thread_id = $1 where id = $2', [chatId, meetingId]);
    await saveConversationReference(database.db, { tenantId: 'local-tenant', conversationId: chatId, kind: 'meeting', trustId, personId: null, aadObjectId: null, reference: { conversation: { id: chatId } } });
  });
  afterAll(() => database.close());
  beforeEach(() => database.executeSql('delete from meeting_openings'));

  const service = (sender: CardSender, instanceId: string, now: string) =>
    new MeetingOpeningService({ db: database.db, cardSender: sender, cards: waysOfWorkingCards, clock: fixedClock(now), logger, tabUrl: 'http://tab/', instanceId });

  it('sends one card when the start event, the fallback and a lead ask at the same moment from two instances', async () => {
    const sender = new RecordingSender();
    const a = service(sender, 'a', '2026-11-10T15:50:00Z');
    const b = service(sender, 'b', '2026-11-10T15:50:00Z');
    const results = await Promise.all([a.open(meetingId, 'start_event'), b.open(meetingId, 'fallback'), a.open(meetingId, 'manual'), b.open(meetingId, 'start_event')]);
    expect(sender.posts).toHaveLength(1);
    expect(results.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(results.every((r) => ['sent', 'in_progress', 'already_sent'].includes(r.status))).toBe(true);
  });

  it('takes over a claim whose sender died once its lease lapses, and not before', async () => {
    await database.executeSql(
      `insert into meeting_openings (meeting_id, trust_id, state, trigger, claimed_by, claimed_at, lease_until)
       values ($1, $2, 'claimed', 'start_event', 'dead-instance', '2026-11-10T15:46:00Z', '2026-11-10T15:48:00Z')`,
      [meetingId, trustId],
    );
    const sender = new RecordingSender();
    expect(await service(sender, 'early', '2026-11-10T15:47:00Z').open(meetingId, 'fallback')).toEqual({ status: 'in_progress' });
    expect(sender.posts).toHaveLength(0);
    const late = await service(sender, 'late', '2026-11-10T15:49:00Z').open(meetingId, 'fallback');
    expect(late).toMatchObject({ status: 'sent', destination: 'meeting_chat' });
    expect(sender.posts).toHaveLength(1);
    const row = (await database.executeSql('select state, claimed_by, attempts from meeting_openings where meeting_id = $1', [meetingId])).rows[0];
    expect(row).toMatchObject({ state: 'sent', claimed_by: 'late', attempts: 2 });
  });

  it('has the fallback sweep pick up a dead sender\'s claim and a failed try with attempts left, but not a sent card', async () => {
    const settings = { fallbackDelayMinutes: 5, endGraceMinutes: 15 };
    const due = () => meetingsDueOpening(database.db, new Date('2026-11-10T15:55:00Z'), settings);
    const set = (state: string, leaseUntil: string, attempts: number) =>
      database.executeSql(
        `insert into meeting_openings (meeting_id, trust_id, state, trigger, claimed_by, claimed_at, lease_until, attempts)
         values ($1, $2, $3, 'start_event', 'x', '2026-11-10T15:46:00Z', $4, $5)
         on conflict (meeting_id) do update set state = excluded.state, lease_until = excluded.lease_until, attempts = excluded.attempts`,
        [meetingId, trustId, state, leaseUntil, attempts],
      );
    expect(await due()).toContain(meetingId);
    await set('claimed', '2026-11-10T16:00:00Z', 1);
    expect(await due()).not.toContain(meetingId);
    await set('claimed', '2026-11-10T15:50:00Z', 1);
    expect(await due()).toContain(meetingId);
    await set('failed', '2026-11-10T15:50:00Z', 2);
    expect(await due()).toContain(meetingId);
    await set('failed', '2026-11-10T15:50:00Z', 5);
    expect(await due()).not.toContain(meetingId);
    await set('sent', '2026-11-10T15:50:00Z', 1);
    expect(await due()).not.toContain(meetingId);
  });

  it('shows the framework version in force on the meeting date, not a later one', async () => {
    await database.executeSql(
      `insert into ways_of_working_versions (trust_id, scope, version, title, effective_from, content)
       values ($1, 'trust', 99, 'Next year''s framework', '2027-09-01', '{"values":[{"title":"Future value","meaning":"x"}],"behaviours":["Later behaviour"]}')`,
      [trustId],
    );
    const sender = new RecordingSender();
    await service(sender, 'a', '2026-11-10T15:50:00Z').open(meetingId, 'manual');
    const text = JSON.stringify(sender.posts[0]!.card);
    expect(text).toContain('Communities the Aspire Way');
    expect(text).not.toContain('Future value');
  });

  it('reports a meeting end to every listener once, and again only after a listener failed', async () => {
    const listener = new RecordingListener();
    const event: MeetingEnded = { trustId, meetingId, endedAt: new Date('2026-11-10T17:10:00Z'), source: 'teams_end_event' };
    const failing: MeetingEndListener = { meetingEnded: async () => Promise.reject(new Error('feedback store down')) };
    await expect(reportMeetingEnd(database.db, [listener, failing], logger, event, new Date())).rejects.toThrow('feedback store down');
    expect(await reportMeetingEnd(database.db, [listener], logger, event, new Date())).toBe(true);
    expect(await reportMeetingEnd(database.db, [listener], logger, event, new Date())).toBe(false);
    expect(listener.ends).toHaveLength(2);
  });

  it('reports a face-to-face meeting as over at its scheduled end plus grace, once', async () => {
    const listener = new RecordingListener();
    const settings = { fallbackDelayMinutes: 5, endGraceMinutes: 15 };
    // "Autumn launch" ends at 17:15 London (16:15 UTC) on 15 Sep 2026.
    expect(await reportScheduledEnds(database.db, [listener], logger, new Date('2026-09-15T16:29:00Z'), settings)).toBe(0);
    expect(await reportScheduledEnds(database.db, [listener], logger, new Date('2026-09-15T16:30:00Z'), settings)).toBe(1);
    expect(await reportScheduledEnds(database.db, [listener], logger, new Date('2026-09-15T16:31:00Z'), settings)).toBe(0);
    expect(listener.ends).toEqual([expect.objectContaining({ source: 'scheduled_end', endedAt: new Date('2026-09-15T16:30:00Z') })]);
  });
});

const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onPostgres('two app instances on one PostgreSQL database', () => {
  let teams: TeamsDouble;
  let target: { url: string; drop(): Promise<void> };
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    teams = await startTeamsDouble({ rateLimits: false });
    target = await createEmptyPostgresDatabase();
    const clock = fixedClock('2026-11-10T15:46:00Z');
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'true', DATABASE_URL: target.url, JOB_POLLING_INTERVAL_SECONDS: '0.5' }, { version: 'test', cwd: process.cwd() });
      // One after the other: the first migrates and seeds, the second finds it done.
      apps.push(await composeApp(config, logger, { clock }));
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await teams.close();
    await target.drop();
  });

  it('posts one card when both instances get the start event at once', async () => {
    const meeting = teamsMeetingFor('two-instances', 'Feedback from autumn community meetings');
    await apps[0]!.database.executeSql(`update meetings set chat_thread_id = $1, join_url = $2 where title = 'Feedback from autumn community meetings'`, [meeting.chatId, meeting.joinUrl]);
    const lead = (await apps[0]!.database.executeSql(`select entra_object_id from people where display_name = 'Catherine Rowe'`)).rows[0]!;
    const event = meetingStartEvent({ serviceUrl: teams.serviceUrl, tenantId: 'local-tenant' }, { aadObjectId: String(lead.entra_object_id), name: 'Catherine Rowe' }, meeting, '2026-11-10T15:45:10Z');
    const send = (app: RunningApp) => fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    const responses = await Promise.all([send(apps[0]!), send(apps[1]!), send(apps[0]!), send(apps[1]!)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await Promise.all(apps.map((app) => app.jobs.send('ways-of-working-sweep', {})));
    await Promise.all(apps.map((app) => app.jobs.drain('ways-of-working-sweep', 60_000)));
    await Promise.all(apps.map((app) => app.jobs.drain('ways-of-working-open-meeting', 60_000)));
    const cards = teams.activities(meeting.chatId).filter((a) => JSON.stringify(a.activity.attachments ?? []).includes('Our Ways of Working'));
    expect(cards).toHaveLength(1);
  });
});
