import { ConnectorClient, MicrosoftAppCredentials, TeamsConnectorClient } from 'botframework-connector';
import { manualClock } from './shared/clock';
import type { ManualClock } from './shared/clock';
import type { TeamsDouble } from './teams';
import { startTeamsDouble, teamsFaults } from './teams';

const personalChat = 'a:1Xp9zR_example-conversation';
const channelThread = '19:abc123@thread.tacv2;messageid=1700000000001';

async function post(double: TeamsDouble, path: string, body: unknown, method = 'POST'): Promise<Response> {
  return fetch(`${double.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function sendPath(conversationId: string): string {
  return `/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
}

async function sendMany(double: TeamsDouble, conversationId: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await post(double, sendPath(conversationId), { type: 'message', text: `n${i}` })).status);
  return statuses;
}

describe('Teams Bot Connector double', () => {
  let clock: ManualClock;
  let double: TeamsDouble;

  beforeEach(async () => {
    clock = manualClock();
    double = await startTeamsDouble({ clock });
  });

  afterEach(async () => {
    await double.close();
  });

  it('records a sent activity under the decoded conversation id and returns its id', async () => {
    const response = await post(double, sendPath(channelThread), { type: 'message', text: 'Hello' });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(double.activities(channelThread)).toEqual([expect.objectContaining({ id, conversationId: channelThread, activity: { type: 'message', text: 'Hello' } })]);
    expect(double.calls[0]).toMatchObject({ operation: 'sendToConversation', conversationId: channelThread, status: 201, at: clock.now() });
  });

  it('works with the botframework-connector client, which percent-encodes conversation ids', async () => {
    const client = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: double.url });
    const created = await client.conversations.createConversation({
      isGroup: false,
      bot: { id: '28:bot', name: 'Trust Communities' },
      members: [{ id: '29:user-1', name: 'Ada' }],
      tenantId: 'tenant-1',
      activity: { type: 'message', text: 'Welcome' },
    } as Parameters<typeof client.conversations.createConversation>[0]);
    expect(created.id).toMatch(/^a:/);
    const reply = await client.conversations.replyToActivity(created.id, created.activityId ?? '', { type: 'message', text: 'Thread reply' } as Parameters<typeof client.conversations.replyToActivity>[2]);
    expect(double.activities(created.id).map((sent) => sent.activity.text)).toEqual(['Welcome', 'Thread reply']);
    expect(double.activities(created.id)[1]).toMatchObject({ id: reply.id, replyToId: created.activityId });
    expect(double.conversation(created.id)).toMatchObject({ tenantId: 'tenant-1', conversationType: 'personal' });
  });

  it('gives the same conversation id when a 1:1 chat with the same user is created twice', async () => {
    const parameters = { bot: { id: '28:bot' }, members: [{ id: '29:user-1' }], tenantId: 't' };
    const first = (await (await post(double, '/v3/conversations', parameters)).json()) as { id: string };
    const second = (await (await post(double, '/v3/conversations', parameters)).json()) as { id: string };
    expect(second.id).toBe(first.id);
  });

  it('updates and deletes an activity and answers 404 ActivityNotFoundInConversation for an unknown one', async () => {
    const { id } = (await (await post(double, sendPath(personalChat), { type: 'message', text: 'v1' })).json()) as { id: string };
    const path = `${sendPath(personalChat)}/${id}`;
    expect((await post(double, path, { type: 'message', text: 'v2' }, 'PUT')).status).toBe(200);
    expect(double.activities(personalChat)[0]).toMatchObject({ updates: 1, activity: { text: 'v2' } });
    expect((await fetch(`${double.url}${path}`, { method: 'DELETE' })).status).toBe(200);
    expect(double.activities(personalChat)).toEqual([]);
    const missing = await fetch(`${double.url}${path}`, { method: 'DELETE' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'ActivityNotFoundInConversation', message: 'Conversation not found.' } });
  });

  it('pages seeded members with a continuation token and finds one member by id', async () => {
    const members = Array.from({ length: 120 }, (_, i) => ({ id: `29:user-${i}`, name: `User ${i}`, aadObjectId: `aad-${i}` }));
    double.seedMembers(personalChat, members);
    const firstPage = (await (await fetch(`${double.url}/v3/conversations/${encodeURIComponent(personalChat)}/pagedmembers?pageSize=50`)).json()) as { members: unknown[]; continuationToken?: string };
    expect(firstPage.members).toHaveLength(50);
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ pageSize: '50', ...(token ? { continuationToken: token } : {}) });
      const page = (await (await fetch(`${double.url}/v3/conversations/${encodeURIComponent(personalChat)}/pagedmembers?${query}`)).json()) as { members: Array<{ id: string }>; continuationToken?: string };
      ids.push(...page.members.map((member) => member.id));
      token = page.continuationToken;
    } while (token);
    expect(ids).toEqual(members.map((member) => member.id));
    const one = await fetch(`${double.url}/v3/conversations/${encodeURIComponent(personalChat)}/members/aad-7`);
    expect(await one.json()).toMatchObject({ id: '29:user-7' });
    expect((await fetch(`${double.url}/v3/conversations/${encodeURIComponent(personalChat)}/members/nobody`)).status).toBe(404);
  });

  it('serves seeded meeting info and records a meeting notification through the Teams connector client', async () => {
    const meetingId = 'MCMxOTptZWV0aW5nX2FiY0B0aHJlYWQudjIjMA==';
    double.seedMeeting(meetingId, { details: { id: meetingId, title: 'Community planning', joinUrl: 'https://teams.microsoft.com/l/meetup-join/x' } }, ['29:ada']);
    const client = new TeamsConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: double.url });
    const info = await client.teams.fetchMeetingInfo(meetingId);
    expect(info.details).toMatchObject({ title: 'Community planning' });
    const response = await post(double, `/v1/meetings/${encodeURIComponent(meetingId)}/notification`, {
      type: 'targetedMeetingNotification',
      value: { recipients: ['29:ada', '29:grace'], surfaces: [{ surface: 'meetingStage' }] },
    });
    expect(response.status).toBe(207);
    expect(await response.json()).toEqual({ recipientsFailureInfo: [expect.objectContaining({ recipientMri: '29:grace' })] });
    expect(double.notifications(meetingId)).toHaveLength(1);
  });

  it('answers the eighth send in one second to one conversation with 429, Throttled and Retry-After', async () => {
    expect(await sendMany(double, personalChat, 8)).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
    const refused = double.calls[7];
    expect(refused).toMatchObject({ status: 429, refusedBy: 'rate-limit', retryAfterSeconds: 1, responseBody: { error: { code: 'Throttled' } } });
  });

  it('allows only an eighth send, not a ninth, in the next second because of the 8 per 2 s window', async () => {
    await sendMany(double, personalChat, 7);
    clock.advance(1_000);
    expect(await sendMany(double, personalChat, 2)).toEqual([201, 429]);
    const response = await post(double, sendPath(personalChat), { type: 'message' });
    expect(response.headers.get('retry-after')).toBe('1');
    clock.advance(1_000);
    expect(await sendMany(double, personalChat, 1)).toEqual([201]);
  });

  it('refuses the 61st send within 30 s and says when to retry', async () => {
    for (let step = 0; step < 15; step += 1) {
      if (step > 0) clock.advance(2_000);
      expect(await sendMany(double, personalChat, 4)).toEqual([201, 201, 201, 201]);
    }
    // 60 accepted over 28 s; the oldest leave the 30 s window 2 s from now.
    const response = await post(double, sendPath(personalChat), { type: 'message' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    clock.advance(2_000);
    expect((await post(double, sendPath(personalChat), { type: 'message' })).status).toBe(201);
  });

  it('refuses the 1,801st send within an hour even when the shorter windows allow it', async () => {
    const start = clock.now();
    // 4 every 2 s is exactly 60 per 30 s, so only the hourly window can refuse.
    for (let step = 0; step < 450; step += 1) {
      expect(await sendMany(double, personalChat, 4)).toEqual([201, 201, 201, 201]);
      clock.advance(2_000);
    }
    const refused = await post(double, sendPath(personalChat), { type: 'message' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2700');
    clock.set(start + 3_600_000);
    expect((await post(double, sendPath(personalChat), { type: 'message' })).status).toBe(201);
  }, 60_000);

  it('limits each conversation on its own and counts create conversation in the new thread', async () => {
    await sendMany(double, personalChat, 7);
    expect(await sendMany(double, 'a:another-chat', 7)).toEqual(Array(7).fill(201));
    const parameters = { bot: { id: '28:bot' }, members: [{ id: '29:user-9' }] };
    const created: number[] = [];
    for (let i = 0; i < 8; i += 1) created.push((await post(double, '/v3/conversations', parameters)).status);
    expect(created).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
  });

  it('applies the per app per tenant global limit across conversations', async () => {
    await double.close();
    double = await startTeamsDouble({ clock, tenantRequestsPerSecond: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await post(double, sendPath(`a:chat-${i}`), { type: 'message' })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('answers the documented 403 codes for a blocked user, a missing roster entry and a disabled bot', async () => {
    double.forbidConversation('a:blocked', 'ConversationBlockedByUser');
    double.forbidConversation('a:removed', 'BotNotInConversationRoster');
    double.forbidUser('29:policy-blocked', 'BotDisabledByAdmin');
    const blocked = await post(double, sendPath('a:blocked'), { type: 'message' });
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toEqual({ error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } });
    expect(await (await post(double, sendPath('a:removed'), { type: 'message' })).json()).toMatchObject({ error: { code: 'BotNotInConversationRoster' } });
    const create = await post(double, '/v3/conversations', { bot: { id: '28:bot' }, members: [{ id: '29:policy-blocked' }] });
    expect(await create.json()).toMatchObject({ error: { code: 'BotDisabledByAdmin' } });
    expect(double.activities()).toEqual([]);
  });

  it('answers queued faults in order, then behaves normally', async () => {
    double.enqueueFaults(teamsFaults.throttled, 412, 502, teamsFaults.botNotInRoster, { kind: 'status', status: 503 }, 504);
    const statuses = await sendMany(double, personalChat, 7);
    expect(statuses).toEqual([429, 412, 502, 403, 503, 504, 201]);
    expect(double.calls[0]).toMatchObject({ refusedBy: 'fault', retryAfterSeconds: 1 });
    expect(double.calls[1]?.responseBody).toEqual({ error: { code: 'PreconditionFailed', message: 'Precondition failed, please try again.' } });
    expect(double.activities()).toHaveLength(1);
  });

  it('drops the connection for a drop fault and answers late for a delay fault', async () => {
    double.enqueueFaults({ fault: 'drop', match: { method: 'POST' } }, { kind: 'delay', ms: 150 });
    await expect(post(double, sendPath(personalChat), { type: 'message' })).rejects.toThrow();
    const started = Date.now();
    const slow = await post(double, sendPath(personalChat), { type: 'message' });
    expect(slow.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('injects the same random faults for the same seed', async () => {
    const run = async (): Promise<number[]> => {
      const local = await startTeamsDouble({ clock: manualClock(), seed: 42, rateLimits: false });
      local.setFaults({ rate: 0.3, kinds: [500, 429, teamsFaults.userBlockedBot] });
      const statuses = await sendMany(local, personalChat, 40);
      await local.close();
      return statuses;
    };
    const first = await run();
    expect(first.filter((status) => status !== 201).length).toBeGreaterThan(4);
    expect(await run()).toEqual(first);
  });

  it('answers 401 without a token the verifier accepts and records the Authorization header', async () => {
    await double.close();
    double = await startTeamsDouble({ clock, auth: { verify: async (token) => token === 'good' } });
    expect((await post(double, sendPath(personalChat), { type: 'message' })).status).toBe(401);
    const ok = await fetch(`${double.url}${sendPath(personalChat)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer good' },
      body: JSON.stringify({ type: 'message' }),
    });
    expect(ok.status).toBe(201);
    expect(double.calls.map((call) => [call.status, call.authorization])).toEqual([
      [401, undefined],
      [201, 'Bearer good'],
    ]);
  });

  it('resolves waitForActivities when enough activities arrive and rejects on timeout', async () => {
    const waiting = double.waitForActivities(2, 2_000, personalChat);
    await sendMany(double, personalChat, 2);
    await expect(waiting).resolves.toHaveLength(2);
    await expect(double.waitForActivities(3, 50, personalChat)).rejects.toThrow('Expected 3 activities');
  });

  it('refuses a message over the size limit with 413 MessageSizeTooBig', async () => {
    const response = await post(double, sendPath(personalChat), { type: 'message', text: 'x'.repeat(30 * 1024) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'MessageSizeTooBig' } });
  });
});
