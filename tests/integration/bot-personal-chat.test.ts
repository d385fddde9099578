import { cardVerbs } from '../../bot/cards/card-verbs';
import { botAddedToPersonalChat, cardAction, personalConversationId, personalInstall, personalMessage, type ActivityContext } from '../support/activities';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { demoPeople, type DemoPerson } from '../support/demo-people';
import { testDatabaseKinds } from '../support/test-database';

type Card = { body: Array<{ text?: string; items?: unknown[] }>; [key: string]: unknown };

const cardIn = (activity: Record<string, unknown>): Card => {
  const attachments = activity.attachments as Array<{ contentType: string; content: Card }> | undefined;
  const attachment = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!attachment) throw new Error(`no adaptive card in ${JSON.stringify(activity)}`);
  return attachment.content;
};

/** Posts an activity and returns the bot's next activity in that conversation. */
async function replyTo(harness: AppHarness, activity: { conversation: { id: string } }) {
  const conversationId = activity.conversation.id;
  const before = harness.teams.activities(conversationId).length;
  const response = await harness.postActivity(activity);
  expect(response.status).toBe(200);
  const sent = await harness.teams.waitForActivities(before + 1, 5000, conversationId);
  return sent[before]!;
}

describe.each(testDatabaseKinds)('the bot in a personal chat (%s)', (kind) => {
  let harness: AppHarness;
  let ctx: ActivityContext;
  let lead: DemoPerson;

  beforeAll(async () => {
    harness = await startAppHarness(kind);
    ctx = { serviceUrl: harness.teams.serviceUrl, tenantId: harness.config.bot.tenantId };
    ({ lead } = await demoPeople(harness.database));
  });
  afterAll(() => harness.close());

  it('answers help with the command list at the service URL, as a reply to the message', async () => {
    const message = personalMessage(ctx, lead, 'help');
    const reply = await replyTo(harness, message);
    expect(reply.replyToId).toBe(message.id);
    const text = JSON.stringify(cardIn(reply.activity));
    expect(text).toContain('What I can do');
    expect(text).toContain('my communities');
  });

  it('lists the person\'s communities with their role and next meeting', async () => {
    const reply = await replyTo(harness, personalMessage(ctx, lead, 'My Communities!'));
    const text = JSON.stringify(cardIn(reply.activity));
    expect(text).toContain('Your communities');
    expect(text).toContain('Community lead');
    expect(text).toMatch(/(Mon|Tue|Wed|Thu|Fri) \d{1,2} \w{3} 202[67], \d\d:\d\d–\d\d:\d\d/);
  });

  it('gives a helpful answer to text it does not understand', async () => {
    const reply = await replyTo(harness, personalMessage(ctx, lead, 'book me a minibus'));
    expect(reply.activity.text).toContain('Sorry, I don\'t know "book me a minibus"');
    expect(reply.activity.text).toContain('help');
  });

  it('tells someone outside the trust\'s directory how to get added', async () => {
    const stranger = { aadObjectId: '99999999-9999-9999-9999-999999999999', name: 'Visiting Consultant' };
    const reply = await replyTo(harness, personalMessage(ctx, stranger, 'my communities'));
    expect(reply.activity.text).toContain('not in');
    expect(reply.activity.text).toContain('directory');
  });

  it('tells a tenant that is not set up that it is not set up', async () => {
    const outsider = { aadObjectId: '88888888-8888-8888-8888-888888888888', name: 'Someone Elsewhere' };
    const reply = await replyTo(harness, personalMessage({ ...ctx, tenantId: 'some-other-tenant' }, outsider, 'help'));
    expect(reply.activity.text).toContain('not set up for your organisation');
  });

  it('welcomes once on install and stores the conversation reference for proactive messages', async () => {
    const { all } = await demoPeople(harness.database);
    const newcomer = all[all.length - 1]!;
    await harness.postActivity(botAddedToPersonalChat(ctx, newcomer));
    await harness.postActivity(personalInstall(ctx, newcomer));
    await harness.postActivity(personalInstall(ctx, newcomer));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = harness.teams.activities(personalConversationId(newcomer));
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(cardIn(sent[0]!.activity))).toContain('Welcome to Trust Communities');
    const { rows } = await harness.database.executeSql(
      'select kind, person_id, reference from conversation_references where conversation_id = $1',
      [personalConversationId(newcomer)],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'personal', person_id: newcomer.id });
    expect(rows[0]!.reference).toMatchObject({ serviceUrl: ctx.serviceUrl, conversation: { id: personalConversationId(newcomer) } });
  });

  it('answers the welcome card\'s "My communities" button with a refreshed card', async () => {
    const response = await harness.postActivity(cardAction(ctx, lead, cardVerbs.showMyCommunities));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; type: string; value: Card };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(body.value)).toContain('Your communities');
  });

  it('answers a button it no longer knows with a card that says so', async () => {
    const response = await harness.postActivity(cardAction(ctx, lead, 'retiredVerb'));
    const body = (await response.json()) as { value: Card };
    expect(JSON.stringify(body.value)).toContain('This button no longer works');
  });

  it('rejects a malformed activity with 400 and a reason', async () => {
    const response = await harness.postActivity({ type: 'message', text: 'help' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('serviceUrl');
    expect(body.error.message).toContain('conversation');
  });

  it('rejects a body that is not JSON with 400', async () => {
    const response = await fetch(`${harness.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(response.status).toBe(400);
  });
});
