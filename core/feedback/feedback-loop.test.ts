import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { conversationReferences, feedbackAnswers, feedbackRequests, feedbackRounds, feedbackSendLeases, meetings } from '../db/schema';
import { loadDemoTrustIfEmpty } from '../directory/demo-trust';
import { createLogger } from '../log/logger';
import { createTestJobQueue, waitFor } from '../jobs/test-support';
import type { PgBossQueue } from '../jobs/pg-boss-queue';
import { fixedClock } from '../time/clock';
import { createTestDatabase } from '../../tests/support/test-database';
import { demoMeeting, demoTrustId, personByEmail, ScriptedCardSender } from '../../tests/support/feedback-fixtures';
import { feedbackCards } from '../../bot/cards/feedback-cards';
import type { AttendanceGateway } from '../graph/attendance-gateway';
import type { AppInstaller } from '../graph/app-installer';
import { submitFeedback, editFeedbackCard } from './feedback-answers';
import { FeedbackLoop } from './feedback-loop';
import { queueDueReminders } from './feedback-reminders';
import { defaultFeedbackSettings } from './feedback-settings';

const logger = createLogger({ level: 'silent' });

describe('the feedback loop', () => {
  let database: Database;
  let jobs: PgBossQueue;
  let sender: ScriptedCardSender;
  let loop: FeedbackLoop;
  let trustId: string;
  let installs: string[];
  let attendance: AttendanceGateway | null;
  const clock = fixedClock('2026-09-15T17:30:00Z');

  beforeEach(async () => {
    database = await createTestDatabase('pglite');
    await loadDemoTrustIfEmpty(database.db, logger);
    trustId = await demoTrustId(database.db);
    jobs = createTestJobQueue(database);
    sender = new ScriptedCardSender();
    installs = [];
    attendance = null;
    const installer: AppInstaller = { installForUser: async (aad) => (installs.push(aad), { ok: true, alreadyInstalled: false }) };
    const attendanceProxy: AttendanceGateway = { attendeesOf: (organizer, url) => (attendance ? attendance.attendeesOf(organizer, url) : Promise.resolve({ ok: false, message: 'none' })) };
    loop = new FeedbackLoop({ db: database.db, jobs, sender, cards: feedbackCards, attendance: attendanceProxy, installer, clock, logger, settings: { ...defaultFeedbackSettings, registerWaitHours: 1 } });
    await loop.register();
    await jobs.start();
  });
  afterEach(async () => {
    await jobs?.stop({ graceful: false, timeoutMs: 1000 });
    await database?.close();
  });

  const requestsOf = (meetingId: string) => database.db.select().from(feedbackRequests).where(eq(feedbackRequests.meetingId, meetingId));

  it('asks every member of an online meeting when there is no attendance report, and a second end event sends nothing twice', async () => {
    const meeting = await demoMeeting(database.db, 'operations', 'online');
    await loop.rounds.meetingEnded({ trustId, meetingId: meeting.id, endedAt: clock.now(), source: 'teams_end_event' });
    await jobs.drain(undefined, 20_000);
    const requests = await requestsOf(meeting.id);
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.every((r) => r.deliveryStatus === 'sent' && r.activityId !== null)).toBe(true);
    expect(sender.sent).toHaveLength(requests.length);
    const [round] = await database.db.select().from(feedbackRounds).where(eq(feedbackRounds.meetingId, meeting.id));
    expect(round).toMatchObject({ status: 'asked', attendanceSource: 'everyone' });

    await loop.rounds.meetingEnded({ trustId, meetingId: meeting.id, endedAt: clock.now(), source: 'scheduled_end' });
    await jobs.drain(undefined, 20_000);
    expect(sender.sent).toHaveLength(requests.length);
  });

  it('asks only the members the attendance report lists', async () => {
    const meeting = await demoMeeting(database.db, 'operations', 'hybrid');
    const all = await requestsOfMembers(meeting.id);
    await database.db.update(meetings).set({ joinUrl: 'https://teams.example/join/1', organizerPersonId: all[0] }).where(eq(meetings.id, meeting.id));
    const [first, second] = await Promise.all(all.slice(0, 2).map((id) => database.executeSql('select entra_object_id, email from people where id = $1', [id])));
    attendance = {
      attendeesOf: async () => ({
        ok: true,
        attendees: [
          { entraObjectId: String(first?.rows[0]?.entra_object_id), email: null },
          { entraObjectId: null, email: String(second?.rows[0]?.email).toUpperCase() },
          { entraObjectId: 'someone-else', email: 'visitor@example.org' },
        ],
      }),
    };
    await loop.rounds.meetingEnded({ trustId, meetingId: meeting.id, endedAt: clock.now(), source: 'teams_end_event' });
    await jobs.drain(undefined, 20_000);
    expect((await requestsOf(meeting.id)).map((r) => r.personId).sort()).toEqual(all.slice(0, 2).sort());
  });

  async function requestsOfMembers(meetingId: string): Promise<string[]> {
    const { rows } = await database.executeSql(
      `select m.person_id from memberships m join meetings mt on mt.community_id = m.community_id where mt.id = $1 order by m.person_id`,
      [meetingId],
    );
    return rows.map((r) => String(r.person_id));
  }

  it('honours Retry-After, treats 403 as final, installs the app for someone without a chat, and never sends a card twice', async () => {
    const meeting = await demoMeeting(database.db, 'operations', 'online');
    const members = await requestsOfMembers(meeting.id);
    const [throttled, blocked, uninstalled] = members as [string, string, string];
    sender.script(throttled, { ok: false, reason: 'throttled', message: '429', retryAfterMs: 1000 });
    sender.script(blocked, { ok: false, reason: 'blocked', message: '403 ConversationBlockedByUser' });
    sender.script(uninstalled, { ok: false, reason: 'uninstalled', message: 'no chat' });
    await loop.rounds.meetingEnded({ trustId, meetingId: meeting.id, endedAt: clock.now(), source: 'teams_end_event' });
    await jobs.drain(undefined, 25_000);
    const byPerson = new Map((await requestsOf(meeting.id)).map((r) => [r.personId, r]));
    expect(byPerson.get(throttled)).toMatchObject({ deliveryStatus: 'sent', attempts: 2 });
    expect(byPerson.get(blocked)).toMatchObject({ deliveryStatus: 'failed', failureReason: 'blocked', attempts: 1 });
    expect(byPerson.get(uninstalled)).toMatchObject({ deliveryStatus: 'sent' });
    expect(installs).toHaveLength(1);
    const counts = new Map<string, number>();
    for (const s of sender.sent) counts.set(s.personId, (counts.get(s.personId) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.has(blocked)).toBe(false);

    // A re-run of a finished sender (at-least-once jobs) finds every row claimed and sends nothing.
    const sentBefore = sender.sent.length;
    await Promise.all([loop.delivery.asks.sendDue(trustId), loop.delivery.asks.sendDue(trustId)]);
    expect(sender.sent.length).toBe(sentBefore);
  });

  it('lets one sender at a time work through a trust\'s cards: a second instance waits and finds them sent', async () => {
    await jobs.stop({ graceful: false, timeoutMs: 1000 });
    const meeting = await demoMeeting(database.db, 'operations', 'online');
    // With the queue stopped the requests are written and waking a sender fails: this test drives two senders itself.
    await expect(loop.rounds.meetingEnded({ trustId, meetingId: meeting.id, endedAt: clock.now(), source: 'teams_end_event' })).rejects.toThrow('Start the job queue');
    const pending = await requestsOf(meeting.id);
    expect(pending.length).toBeGreaterThan(3);
    expect(pending.every((r) => r.deliveryStatus === 'pending')).toBe(true);

    const other = new FeedbackLoop({ db: database.db, jobs, sender, cards: feedbackCards, attendance: null, installer: null, clock, logger, settings: defaultFeedbackSettings });
    const [mine, theirs] = await Promise.all([loop.delivery.asks.sendDue(trustId), other.delivery.asks.sendDue(trustId)]);
    // Without the lease both would claim batches and share the cards; with it, whoever waited finds them sent.
    expect([mine.sent, theirs.sent].sort((a, b) => a - b)).toEqual([0, pending.length]);
    expect(new Set(sender.sent.map((s) => s.personId)).size).toBe(pending.length);
    expect(sender.sent).toHaveLength(pending.length);
    expect((await requestsOf(meeting.id)).every((r) => r.deliveryStatus === 'sent' && r.attempts === 1)).toBe(true);
  });

  it("posts into a person's newest stored personal chat without looking them up again, and starts a first chat when that chat has gone", async () => {
    const meeting = await demoMeeting(database.db, 'operations', 'online');
    const [chatting, gone] = (await requestsOfMembers(meeting.id)) as [string, string];
    const chat = (personId: string, conversationId: string, updatedAt: string) => ({
      trustId, tenantId: 'local-tenant', conversationId, kind: 'personal' as const, personId, reference: { conversation: { id: conversationId } }, updatedAt: new Date(updatedAt),
    });
    await database.db.insert(conversationReferences).values([
      chat(chatting, 'a:old-chat', '2026-01-05T09:00:00Z'),
      chat(chatting, 'a:chat', '2026-09-01T09:00:00Z'),
      chat(gone, 'a:gone-chat', '2026-09-01T09:00:00Z'),
    ]);
    // The chat was deleted (an uninstall) after the sender read it.
    sender.script('a:gone-chat', { ok: false, reason: 'uninstalled', message: 'No conversation reference is stored for a:gone-chat' });
    await loop.rounds.meetingEnded({ trustId, meetingId: meeting.id, endedAt: clock.now(), source: 'teams_end_event' });
    await jobs.drain(undefined, 20_000);
    expect(sender.posted.map((p) => p.conversationId)).toEqual(['a:chat']);
    expect(sender.sent.map((s) => s.personId)).toContain(gone);
    expect(sender.sent.map((s) => s.personId)).not.toContain(chatting);
    expect(installs).toHaveLength(1);
    const byPerson = new Map((await requestsOf(meeting.id)).map((r) => [r.personId, r]));
    expect(byPerson.get(chatting)).toMatchObject({ deliveryStatus: 'sent', conversationId: 'a:chat', attempts: 1 });
    expect(byPerson.get(gone)).toMatchObject({ deliveryStatus: 'sent', attempts: 1 });
  });

  it('gives back the cards it had claimed but not sent when it loses its lease, so none is left claimed and unsent', async () => {
    await jobs.stop({ graceful: false, timeoutMs: 1000 });
    const meeting = await demoMeeting(database.db, 'operations', 'online');
    await expect(loop.rounds.meetingEnded({ trustId, meetingId: meeting.id, endedAt: clock.now(), source: 'teams_end_event' })).rejects.toThrow('Start the job queue');
    // At one card a second the next card is claimed just before its slot frees; another instance takes the lease meanwhile.
    const thief = new (class extends ScriptedCardSender {
      override async sendToPerson(...args: Parameters<ScriptedCardSender['sendToPerson']>) {
        await database.db.update(feedbackSendLeases).set({ holder: 'another instance', expiresAt: new Date(Date.now() + 60_000) });
        return super.sendToPerson(...args);
      }
    })();
    const slow = new FeedbackLoop({ db: database.db, jobs, sender: thief, cards: feedbackCards, attendance: null, installer: null, clock, logger, settings: { ...defaultFeedbackSettings, sendRatePerSecond: 1 } });
    // Stopping, it wakes a sender for the cards left, which needs the job queue this test stopped.
    await expect(slow.delivery.asks.sendDue(trustId)).rejects.toThrow('Start the job queue');
    const rows = await requestsOf(meeting.id);
    expect(rows.filter((r) => r.deliveryStatus === 'sent')).toHaveLength(thief.sent.length);
    expect(rows.filter((r) => r.deliveryStatus === 'sending')).toEqual([]);
    expect(rows.filter((r) => r.deliveryStatus === 'pending').every((r) => r.attempts === 0 && r.claimedAt === null)).toBe(true);
    expect(rows.length).toBeGreaterThan(thief.sent.length);
  });

  it('asks nobody about a cancelled meeting', async () => {
    const meeting = await demoMeeting(database.db, 'operations', 'online');
    await database.db.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, meeting.id));
    await loop.rounds.meetingEnded({ trustId, meetingId: meeting.id, endedAt: clock.now(), source: 'scheduled_end' });
    expect(await requestsOf(meeting.id)).toHaveLength(0);
  });

  it('sends a face-to-face register to the lead, refuses it from others, and asks only those ticked', async () => {
    const meeting = await demoMeeting(database.db, 'professional-development', 'face_to_face');
    const catherine = await personByEmail(database.db, 'catherine.rowe@aspire-trust.example');
    const james = await personByEmail(database.db, 'james.holt@aspire-trust.example');
    const hannah = await personByEmail(database.db, 'hannah.lloyd@aspire-trust.example');
    await loop.rounds.meetingEnded({ trustId, meetingId: meeting.id, endedAt: clock.now(), source: 'scheduled_end' });
    await jobs.drain('feedback-register-card', 20_000);
    expect(sender.sent.map((s) => s.personId)).toEqual([catherine.id]);
    expect(JSON.stringify(sender.sent[0]?.card)).toContain('Who came?');

    expect(await loop.rounds.confirmRegister(trustId, meeting.id, james.id, [james.id])).toEqual({ refused: expect.stringContaining('Only the leads') });
    const confirmed = await loop.rounds.confirmRegister(trustId, meeting.id, catherine.id, [james.id, hannah.id]);
    expect(confirmed).toMatchObject({ confirmed: 'Confirmed by Catherine Rowe.' });
    await jobs.drain('feedback-send', 20_000);
    expect((await requestsOf(meeting.id)).map((r) => r.personId).sort()).toEqual([james.id, hannah.id].sort());
    const again = await loop.rounds.confirmRegister(trustId, meeting.id, catherine.id, [catherine.id]);
    expect(again).toMatchObject({ notice: expect.stringContaining('already confirmed') });
    expect(await requestsOf(meeting.id)).toHaveLength(2);
  });

  it('answers from the card: errors beside the field keep what was typed; forged, replayed and locked submissions change nothing', async () => {
    const meeting = await demoMeeting(database.db, 'operations', 'online');
    await loop.rounds.meetingEnded({ trustId, meetingId: meeting.id, endedAt: clock.now(), source: 'teams_end_event' });
    await jobs.drain('feedback-send', 20_000);
    const [request, other] = await requestsOf(meeting.id);
    const press = { trustId, requestId: request!.id, submitterPersonId: request!.personId, now: clock.now() };

    const tooLong = 'x'.repeat(2001);
    const invalid = await submitFeedback(database.db, { ...press, version: 0, input: { keyMessages: 'Fractions first', forSlt: tooLong } });
    expect(invalid).toMatchObject({ view: { mode: 'form', answer: { keyMessages: 'Fractions first', forSlt: tooLong }, errors: { forSlt: expect.stringContaining('2,001 characters') } } });
    expect(JSON.stringify(feedbackCards.feedbackCard((invalid as { view: never }).view))).toContain('2,001 characters');
    expect(await database.db.select().from(feedbackAnswers)).toHaveLength(0);

    const empty = await submitFeedback(database.db, { ...press, version: 0, input: { nothingToReport: 'false' } });
    expect(empty).toMatchObject({ view: { errors: { keyMessages: expect.stringContaining('Nothing to report') } } });

    const saved = await submitFeedback(database.db, { ...press, version: 0, input: { keyMessages: 'Fractions first', forSlt: 'Release time for the maths lead', nothingToReport: 'false' } });
    expect(saved).toMatchObject({ view: { mode: 'answered', version: 1, answer: { forSlt: 'Release time for the maths lead' } } });

    const forged = await submitFeedback(database.db, { ...press, submitterPersonId: other!.personId, version: 1, input: { keyMessages: 'forged' } });
    expect(forged).toMatchObject({ message: { title: 'This card is not yours' } });
    const replayed = await submitFeedback(database.db, { ...press, version: 0, input: { keyMessages: 'replayed' } });
    expect(replayed).toMatchObject({ view: { notice: expect.stringContaining('out of date'), answer: { keyMessages: 'Fractions first' } } });

    const edited = await submitFeedback(database.db, { ...press, version: 1, input: { keyMessages: 'Fractions, then ratio' } });
    expect(edited).toMatchObject({ view: { version: 2, answer: { keyMessages: 'Fractions, then ratio' } } });

    await database.db.update(feedbackAnswers).set({ lockedAt: clock.now() }).where(eq(feedbackAnswers.requestId, request!.id));
    const locked = await submitFeedback(database.db, { ...press, version: 2, input: { keyMessages: 'too late' } });
    expect(locked).toMatchObject({ view: { mode: 'locked', answer: { keyMessages: 'Fractions, then ratio' } } });
    expect(await editFeedbackCard(database.db, press)).toMatchObject({ view: { mode: 'locked' } });
    const lockedCard = JSON.stringify(feedbackCards.feedbackCard((locked as { view: never }).view));
    expect(lockedCard).not.toContain('feedbackEdit');

    await database.db.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, meeting.id));
    const cancelled = await submitFeedback(database.db, { trustId, requestId: other!.id, submitterPersonId: other!.personId, version: 0, input: { keyMessages: 'late' }, now: clock.now() });
    expect(cancelled).toMatchObject({ view: { mode: 'closed', notice: expect.stringContaining('cancelled') } });
    const [stored] = await database.db.select().from(feedbackAnswers).where(eq(feedbackAnswers.requestId, request!.id));
    expect(stored).toMatchObject({ keyMessages: 'Fractions, then ratio', version: 2 });
  });

  it('reminds non-responders after the configured school days, skipping half-term, at most twice', async () => {
    const meeting = await demoMeeting(database.db, 'operations', 'online');
    await loop.rounds.meetingEnded({ trustId, meetingId: meeting.id, endedAt: clock.now(), source: 'teams_end_event' });
    await jobs.drain('feedback-send', 20_000);
    const [answered] = await requestsOf(meeting.id);
    await submitFeedback(database.db, { trustId, requestId: answered!.id, submitterPersonId: answered!.personId, version: 0, input: { keyMessages: 'Done' }, now: clock.now() });
    const total = (await requestsOf(meeting.id)).length;
    const deps = { db: database.db, jobs, clock, settings: defaultFeedbackSettings };

    clock.set('2026-09-17T08:00:00Z'); // Wed -> Thu: two school days since Tuesday's card
    expect(await queueDueReminders(deps)).toBe(0);
    clock.set('2026-09-18T08:00:00Z'); // Friday: three school days
    expect(await queueDueReminders(deps)).toBe(total - 1);
    await jobs.drain('feedback-card', 20_000);
    expect(sender.sent.filter((s) => JSON.stringify(s.card).includes('Reminder 1 of 2'))).toHaveLength(total - 1);

    clock.set('2026-09-23T08:00:00Z');
    expect(await queueDueReminders(deps)).toBe(total - 1);
    await jobs.drain('feedback-card', 20_000);
    clock.set('2026-10-20T08:00:00Z');
    expect(await queueDueReminders(deps)).toBe(0);
    expect((await requestsOf(meeting.id)).filter((r) => r.remindersSent === 2)).toHaveLength(total - 1);
  });

  it('waits for the register, then asks everyone when nobody confirms it', async () => {
    const meeting = await demoMeeting(database.db, 'professional-development', 'face_to_face');
    await loop.rounds.meetingEnded({ trustId, meetingId: meeting.id, endedAt: clock.now(), source: 'scheduled_end' });
    expect(await requestsOf(meeting.id)).toHaveLength(0);
    // The wait is an hour; run the timeout's job directly as pg-boss would after it.
    const { rows } = await database.executeSql("select id from pgboss.job where name = 'feedback-register-timeout'");
    expect(rows).toHaveLength(1);
    await database.executeSql("update pgboss.job set start_after = now() where name = 'feedback-register-timeout'");
    await waitFor('everyone to be asked', async () => (await requestsOf(meeting.id)).length >= 6, 10_000);
    const [round] = await database.db.select().from(feedbackRounds).where(eq(feedbackRounds.meetingId, meeting.id));
    expect(round).toMatchObject({ attendanceSource: 'everyone', attendanceNote: expect.stringContaining('No register was confirmed') });
  });
});
