import { saveConversationReference } from '../../core/conversations/conversation-references';
import { waysOfWorkingVerbs } from '../../bot/cards/ways-of-working-card-verbs';
import { meetingEndedQueue, meetingSweepQueue, openMeetingQueue } from '../../core/ways-of-working/ways-of-working-jobs';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import type { ActivityContext, ActivityPerson } from '../support/activities';
import { meetingChatCardAction, meetingEndEvent, meetingStartEvent, teamsMeetingFor, type TeamsMeeting } from '../support/meeting-activities';
import { testDatabaseKinds } from '../support/test-database';

const channelId = '19:professional-development@thread.tacv2';

type Row = Record<string, unknown>;

jest.setTimeout(120_000);

describe.each(testDatabaseKinds)('Ways of Working at the start of meetings (%s)', (kind) => {
  let harness: AppHarness;
  let ctx: ActivityContext;
  let lead: ActivityPerson;
  let member: ActivityPerson;
  let outsider: ActivityPerson;
  let online: { id: string; teams: TeamsMeeting };
  let hybrid: { id: string; teams: TeamsMeeting };

  const sql = async (text: string, params: unknown[] = []): Promise<Row[]> => (await harness.database.executeSql(text, params)).rows as Row[];
  const cardsIn = (conversationId: string) =>
    harness.teams.activities(conversationId).filter((a) => JSON.stringify(a.activity.attachments ?? []).includes('Our Ways of Working'));
  const personByName = async (name: string): Promise<ActivityPerson> => {
    const [row] = await sql('select entra_object_id, display_name from people where display_name = $1', [name]);
    return { aadObjectId: String(row!.entra_object_id), name: String(row!.display_name) };
  };
  const meetingByTitle = async (title: string, seed: string) => {
    const [row] = await sql('select id from meetings where title = $1', [title]);
    const teams = teamsMeetingFor(seed, title);
    await sql('update meetings set chat_thread_id = $1, join_url = $2 where id = $3', [teams.chatId, teams.joinUrl, row!.id]);
    return { id: String(row!.id), teams };
  };
  const sweep = async () => {
    await harness.app.jobs.send(meetingSweepQueue, {});
    // Only this feature's queues: other features' schedules share the queue and may be busy on a loaded machine.
    await harness.app.jobs.drain(meetingSweepQueue, 60_000);
    await harness.app.jobs.drain(openMeetingQueue, 60_000);
  };
  const post = async (activity: object) => {
    const response = await harness.postActivity(activity);
    expect(response.status).toBe(200);
    return response;
  };

  beforeAll(async () => {
    harness = await startAppHarness(kind, { now: '2026-11-10T15:00:00Z' });
    ctx = { serviceUrl: harness.teams.serviceUrl, tenantId: harness.config.bot.tenantId };
    lead = await personByName('Catherine Rowe');
    const [m] = await sql(
      `select p.display_name from memberships ms join people p on p.id = ms.person_id join communities c on c.id = ms.community_id
        where c.slug = 'professional-development' and ms.role = 'member' order by p.display_name limit 1`,
    );
    member = await personByName(String(m!.display_name));
    const [o] = await sql(
      `select p.display_name from people p where p.entra_object_id is not null and not exists (
         select 1 from memberships ms join communities c on c.id = ms.community_id where ms.person_id = p.id and c.slug = 'professional-development')
       order by p.display_name limit 1`,
    );
    outsider = await personByName(String(o!.display_name));
    online = await meetingByTitle('Feedback from autumn community meetings', 'online');
    hybrid = await meetingByTitle('Planning the spring INSET programme', 'hybrid');
    await sql(`update communities set channel_id = $1 where slug = 'professional-development'`, [channelId]);
    const [trust] = await sql('select id from trusts limit 1');
    await saveConversationReference(harness.database.db, {
      tenantId: ctx.tenantId,
      conversationId: channelId,
      kind: 'channel',
      trustId: String(trust!.id),
      personId: null,
      aadObjectId: null,
      reference: { bot: { id: '28:trust-communities-bot', name: 'Trust Communities' }, conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: ctx.tenantId }, channelId: 'msteams', serviceUrl: ctx.serviceUrl },
    });
  });
  afterAll(() => harness.close());

  it('posts the Ways of Working card once when the start event is delivered twice', async () => {
    harness.clock.set('2026-11-10T15:46:00Z');
    const start = meetingStartEvent(ctx, lead, online.teams, '2026-11-10T15:45:30.1234567Z');
    await post(start);
    await post(start);
    await post(meetingStartEvent(ctx, lead, online.teams, '2026-11-10T15:45:31Z'));
    const cards = cardsIn(online.teams.chatId);
    expect(cards).toHaveLength(1);
    const text = JSON.stringify(cards[0]!.activity.attachments);
    expect(text).toContain('Professional Development Community');
    expect(text).toContain('Feedback from autumn community meetings (2 of 6)');
    expect(text).toContain('Online');
    expect(text).toContain('Learners first');
    expect(text).toContain('Challenge ideas, never people.');
    expect(text).toContain("I'll work this way");
    const [opening] = await sql('select state, trigger, conversation_id from meeting_openings where meeting_id = $1', [online.id]);
    expect(opening).toMatchObject({ state: 'sent', trigger: 'start_event', conversation_id: online.teams.chatId });
    const [lifecycle] = await sql('select actual_started_at from meeting_lifecycle where meeting_id = $1', [online.id]);
    expect(new Date(lifecycle!.actual_started_at as string).toISOString()).toBe('2026-11-10T15:45:30.123Z');
  });

  it('does not post again when the fallback fires after the start event', async () => {
    harness.clock.set('2026-11-10T15:52:00Z');
    await sweep();
    expect(cardsIn(online.teams.chatId)).toHaveLength(1);
    expect(cardsIn(channelId)).toHaveLength(0);
  });

  it('counts "I\'ll work this way" once per member and refreshes the card with the count', async () => {
    const press = () => post(meetingChatCardAction(ctx, member, online.teams, waysOfWorkingVerbs.acknowledge, { meetingId: online.id }));
    const first = (await (await press()).json()) as { value: unknown };
    expect(JSON.stringify(first.value)).toMatch(/1 of \d+ members have said they'll work this way/);
    expect(JSON.stringify(first.value)).toContain("you said you'll work this way");
    await press();
    const [count] = await sql('select count(*)::int as n from meeting_acknowledgements where meeting_id = $1', [online.id]);
    expect(count!.n).toBe(1);
    const refresh = await post(meetingChatCardAction(ctx, lead, online.teams, waysOfWorkingVerbs.refresh, { meetingId: online.id }));
    expect(JSON.stringify(((await refresh.json()) as { value: unknown }).value)).toMatch(/1 of \d+ members/);
  });

  it('tells someone outside the community that their press was not counted', async () => {
    const response = await post(meetingChatCardAction(ctx, outsider, online.teams, waysOfWorkingVerbs.acknowledge, { meetingId: online.id }));
    const card = JSON.stringify(((await response.json()) as { value: unknown }).value);
    expect(card).toContain('Only members of Professional Development Community are counted');
    const [count] = await sql('select count(*)::int as n from meeting_acknowledgements where meeting_id = $1', [online.id]);
    expect(count!.n).toBe(1);
  });

  it('records the end once when the end event comes twice', async () => {
    harness.clock.set('2026-11-10T17:20:00Z');
    const end = meetingEndEvent(ctx, lead, online.teams, '2026-11-10T17:14:00Z');
    await post(end);
    await harness.app.jobs.drain(meetingEndedQueue, 60_000);
    const [first] = await sql('select actual_ended_at, end_reported_at from meeting_lifecycle where meeting_id = $1', [online.id]);
    expect(new Date(first!.actual_ended_at as string).toISOString()).toBe('2026-11-10T17:14:00.000Z');
    expect(first!.end_reported_at).not.toBeNull();
    harness.clock.set('2026-11-10T17:25:00Z');
    await post(end);
    await harness.app.jobs.drain(meetingEndedQueue, 60_000);
    const [second] = await sql('select end_reported_at from meeting_lifecycle where meeting_id = $1', [online.id]);
    expect(String(second!.end_reported_at)).toBe(String(first!.end_reported_at));
  });

  it('posts in the community channel by the fallback when no start event arrives, not before the delay, and only once', async () => {
    harness.clock.set('2027-01-26T15:49:00Z');
    await sweep();
    expect(cardsIn(channelId)).toHaveLength(0);
    harness.clock.set('2027-01-26T15:50:00Z');
    await sweep();
    await sweep();
    const cards = cardsIn(channelId);
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0]!.activity.attachments)).toContain('Planning the spring INSET programme (3 of 6)');
    const [opening] = await sql('select state, trigger from meeting_openings where meeting_id = $1', [hybrid.id]);
    expect(opening).toMatchObject({ state: 'sent', trigger: 'fallback' });
    // The late start event finds the card already posted.
    await post(meetingStartEvent(ctx, lead, hybrid.teams, '2027-01-26T15:51:00Z'));
    expect(cardsIn(hybrid.teams.chatId)).toHaveLength(0);
    expect(cardsIn(channelId)).toHaveLength(1);
  });

  it('ignores, with no card and no apology, a start event for an unknown meeting, a cancelled one or an unreadable one', async () => {
    const before = harness.teams.activities().length;
    const stranger = teamsMeetingFor('not ours', 'Someone else\'s meeting');
    await post(meetingStartEvent(ctx, lead, stranger, '2027-03-09T15:45:00Z'));

    const [cancelled] = await sql(`select id from meetings where title = 'Community lead coaching clinic'`);
    const teams = teamsMeetingFor('cancelled', 'Community lead coaching clinic');
    await sql(`update meetings set status = 'cancelled', chat_thread_id = $1 where id = $2`, [teams.chatId, cancelled!.id]);
    harness.clock.set('2027-03-09T15:46:00Z');
    await post(meetingStartEvent(ctx, lead, teams, '2027-03-09T15:45:00Z'));

    const unreadable = { ...meetingStartEvent(ctx, lead, online.teams, '2027-03-09T15:45:00Z'), value: { Id: 'x' } };
    await post(unreadable);
    expect(harness.teams.activities().length).toBe(before);
    const openings = await sql('select 1 from meeting_openings where meeting_id = $1', [cancelled!.id]);
    expect(openings).toHaveLength(0);
  });

  it('lets a lead post on demand with "start meeting" in the meeting chat, once, and tells a member they cannot', async () => {
    const [row] = await sql(`select id from meetings where title = 'Evaluating impact on learners'`);
    const teams = teamsMeetingFor('f2f', 'Evaluating impact on learners');
    await sql(`update meetings set chat_thread_id = $1, mode = 'online' where id = $2`, [teams.chatId, row!.id]);
    harness.clock.set('2027-04-27T14:40:00Z');
    const say = (person: ActivityPerson, text: string) => ({
      ...meetingChatCardAction(ctx, person, teams, 'x', {}),
      type: 'message',
      name: undefined,
      value: undefined,
      text,
    });
    await post(say(member, 'start meeting'));
    await harness.teams.waitForActivities(1, 5000, teams.chatId);
    expect(JSON.stringify(harness.teams.activities(teams.chatId).at(-1)!.activity.text)).toContain('Only the leads of Professional Development Community');
    await post(say(lead, 'start meeting'));
    await post(say(lead, 'start meeting'));
    expect(cardsIn(teams.chatId)).toHaveLength(1);
    const texts = harness.teams.activities(teams.chatId).map((a) => String(a.activity.text ?? ''));
    expect(texts.some((t) => t.includes('Posted the Ways of Working card'))).toBe(true);
    expect(texts.some((t) => t.includes('has already been posted'))).toBe(true);
  });

  it('falls back to the channel and remembers it when the app was removed from the meeting chat (403)', async () => {
    const [row] = await sql(`select id from meetings where title = 'Review of the year and 2027/28 planning'`);
    const teams = teamsMeetingFor('removed', 'Review of the year and 2027/28 planning');
    await sql(`update meetings set chat_thread_id = $1 where id = $2`, [teams.chatId, row!.id]);
    harness.teams.forbidConversation(teams.chatId, 'BotNotInConversationRoster');
    harness.clock.set('2027-06-29T14:46:00Z');
    const before = cardsIn(channelId).length;
    await post(meetingStartEvent(ctx, lead, teams, '2027-06-29T14:45:00Z'));
    expect(cardsIn(channelId)).toHaveLength(before + 1);
    const [lifecycle] = await sql('select chat_app_removed_at from meeting_lifecycle where meeting_id = $1', [row!.id]);
    expect(lifecycle!.chat_app_removed_at).not.toBeNull();
  });
});
