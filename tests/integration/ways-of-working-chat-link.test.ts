import { waysOfWorkingVerbs } from '../../bot/cards/ways-of-working-card-verbs';
import type { ActivityContext, ActivityPerson } from '../support/activities';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { meetingChatCardAction, teamsMeetingFor, type TeamsMeeting } from '../support/meeting-activities';

/** The bot added to a meeting chat by hand: `conversationUpdate` with the bot in `membersAdded`, in a group chat that carries `channelData.meeting`. */
function botAddedToMeetingChat(ctx: ActivityContext, by: ActivityPerson, meeting: TeamsMeeting) {
  const bot = { id: '28:trust-communities-bot', name: 'Trust Communities' };
  return {
    type: 'conversationUpdate',
    id: `f:${meeting.chatId}-added`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: ctx.serviceUrl,
    from: { id: `29:${by.aadObjectId}`, name: by.name, aadObjectId: by.aadObjectId },
    conversation: { id: meeting.chatId, conversationType: 'groupChat', isGroup: true, tenantId: ctx.tenantId },
    recipient: bot,
    membersAdded: [bot],
    channelData: { tenant: { id: ctx.tenantId }, meeting: { id: meeting.teamsMeetingId } },
  };
}

jest.setTimeout(120_000);

describe('linking a meeting chat the app was added to by hand', () => {
  let harness: AppHarness;
  let ctx: ActivityContext;
  let lead: ActivityPerson;
  let member: ActivityPerson;

  const person = async (name: string): Promise<ActivityPerson> => {
    const row = (await harness.database.executeSql('select entra_object_id from people where display_name = $1', [name])).rows[0]!;
    return { aadObjectId: String(row.entra_object_id), name };
  };
  const texts = (chatId: string) => harness.teams.activities(chatId).map((a) => `${String(a.activity.text ?? '')} ${JSON.stringify(a.activity.attachments ?? [])}`);

  beforeAll(async () => {
    harness = await startAppHarness('pglite', { now: '2026-11-09T10:00:00Z' });
    ctx = { serviceUrl: harness.teams.serviceUrl, tenantId: harness.config.bot.tenantId };
    lead = await person('Catherine Rowe');
    const row = (await harness.database.executeSql(
      `select p.display_name from memberships ms join people p on p.id = ms.person_id join communities c on c.id = ms.community_id
        where c.slug = 'professional-development' and ms.role = 'member' and p.entra_object_id is not null order by p.display_name limit 1`,
    )).rows[0]!;
    member = await person(String(row.display_name));
  });
  afterAll(() => harness.close());

  it('links the chat by the Teams meeting\'s join URL when it matches a published meeting', async () => {
    const teams = teamsMeetingFor('by-join-url', 'Feedback from autumn community meetings');
    await harness.database.executeSql(`update meetings set join_url = $1 where title = 'Feedback from autumn community meetings'`, [teams.joinUrl]);
    harness.teams.seedMeeting(teams.teamsMeetingId, { details: { id: teams.teamsMeetingId, joinUrl: teams.joinUrl, title: teams.title, type: 'Scheduled' }, conversation: { id: teams.chatId, isGroup: true, conversationType: 'groupChat' } });
    expect((await harness.postActivity(botAddedToMeetingChat(ctx, lead, teams))).status).toBe(200);
    await harness.teams.waitForActivities(2, 5000, teams.chatId);
    expect(texts(teams.chatId).some((t) => t.includes('This chat is linked to **Feedback from autumn community meetings**'))).toBe(true);
    const row = (await harness.database.executeSql(`select chat_thread_id from meetings where title = 'Feedback from autumn community meetings'`)).rows[0]!;
    expect(row.chat_thread_id).toBe(teams.chatId);
  });

  it('asks the lead to pick the meeting when the join URL matches none, and links what they pick; a member cannot', async () => {
    const teams = teamsMeetingFor('ad-hoc', 'Ad hoc catch-up');
    harness.teams.seedMeeting(teams.teamsMeetingId, { details: { id: teams.teamsMeetingId, joinUrl: teams.joinUrl, title: teams.title, type: 'Scheduled' } });
    await harness.postActivity(botAddedToMeetingChat(ctx, lead, teams));
    await harness.teams.waitForActivities(2, 5000, teams.chatId);
    const picker = texts(teams.chatId).find((t) => t.includes('Which community meeting is this?'));
    expect(picker).toContain('Feedback from autumn community meetings');
    const meetingId = String((await harness.database.executeSql(`select id from meetings where title = 'Feedback from autumn community meetings'`)).rows[0]!.id);

    const refused = await harness.postActivity(meetingChatCardAction(ctx, member, teams, waysOfWorkingVerbs.linkMeetingChat, { meetingId }));
    expect(JSON.stringify(((await refused.json()) as { value: unknown }).value)).toContain('Only the leads of Professional Development Community');
    const empty = await harness.postActivity(meetingChatCardAction(ctx, lead, teams, waysOfWorkingVerbs.linkMeetingChat, {}));
    expect(JSON.stringify(((await empty.json()) as { value: unknown }).value)).toContain('Pick one of the meetings in the list.');

    const linked = await harness.postActivity(meetingChatCardAction(ctx, lead, teams, waysOfWorkingVerbs.linkMeetingChat, { meetingId }));
    expect(JSON.stringify(((await linked.json()) as { value: unknown }).value)).toContain('This chat is now linked');
    const row = (await harness.database.executeSql('select chat_thread_id from meetings where id = $1', [meetingId])).rows[0]!;
    expect(row.chat_thread_id).toBe(teams.chatId);
  });
});
