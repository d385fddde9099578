import { createBotConnection } from '../../bot/bot-endpoint';
import { loadConfig } from '../../core/config/config';
import { findConversationReference, saveConversationReference } from '../../core/conversations/conversation-references';
import type { Database } from '../../core/db/database';
import { loadDemoTrustIfEmpty } from '../../core/directory/demo-trust';
import { createLogger } from '../../core/log/logger';
import type { CardSender } from '../../core/messaging/card-sender';
import { startTeamsDouble, teamsFaults, type TeamsDouble } from '../doubles/teams';
import { demoPeople, type DemoPerson } from '../support/demo-people';
import { createTestDatabase } from '../support/test-database';

const card = (text: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] });
const channelId = '19:pd-community@thread.tacv2';

describe('the proactive card sender over the Teams connector double', () => {
  let database: Database;
  let teams: TeamsDouble;
  let sender: CardSender;
  let trustId: string;
  let people: DemoPerson[];

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const logger = createLogger({ level: 'silent' });
    await loadDemoTrustIfEmpty(database.db, logger);
    teams = await startTeamsDouble({ rateLimits: false });
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', BOT_SERVICE_URL: teams.serviceUrl }, { version: 'test', cwd: process.cwd() });
    sender = createBotConnection(config, { db: database.db, logger }).cardSender;
    const { rows } = await database.executeSql(`select id from trusts limit 1`);
    trustId = String(rows[0]!.id);
    people = (await demoPeople(database)).all;
    await saveConversationReference(database.db, {
      tenantId: config.bot.tenantId,
      conversationId: channelId,
      kind: 'channel',
      trustId,
      personId: null,
      aadObjectId: null,
      reference: {
        activityId: 'f:last-message',
        bot: { id: '28:trust-communities-bot', name: 'Trust Communities' },
        conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: config.bot.tenantId },
        channelId: 'msteams',
        serviceUrl: teams.serviceUrl,
      },
    });
  });
  afterAll(async () => {
    await teams.close();
    await database.close();
  });
  beforeEach(() => teams.resetCalls());

  it('posts a card into a stored conversation as a new message, not a reply to the last one', async () => {
    const outcome = await sender.postToConversation(channelId, card('Ways of Working'), { summary: 'Our Ways of Working' });
    expect(outcome).toEqual({ ok: true, conversationId: channelId, activityId: expect.any(String) });
    const sent = teams.activities(channelId).at(-1)!;
    expect(sent.replyToId).toBeUndefined();
    expect(JSON.stringify(sent.activity.attachments)).toContain('Ways of Working');
    expect(teams.calls.map((c) => c.operation)).toEqual(['sendToConversation']);
  });

  it('replaces a posted card in place', async () => {
    const posted = await sender.postToConversation(channelId, card('first'));
    if (!posted.ok) throw new Error(posted.message);
    const updated = await sender.updateCard(channelId, posted.activityId, card('second'));
    expect(updated).toEqual({ ok: true, conversationId: channelId, activityId: posted.activityId });
    const activity = teams.activities(channelId).find((a) => a.id === posted.activityId)!;
    expect(activity.updates).toBe(1);
    expect(JSON.stringify(activity.activity.attachments)).toContain('second');
  });

  it('says the app was never added when no reference is stored for a conversation', async () => {
    const outcome = await sender.postToConversation('19:unknown@thread.v2', card('x'));
    expect(outcome).toMatchObject({ ok: false, reason: 'uninstalled' });
    expect(teams.calls).toHaveLength(0);
  });

  it('creates a personal chat in the trust tenant the first time, stores it, and reuses it after', async () => {
    const person = people[3]!;
    const first = await sender.sendToPerson(trustId, person.id, card('Relaunch'));
    if (!first.ok) throw new Error(first.message);
    expect(teams.calls.map((c) => c.operation)).toEqual(['createConversation', 'sendToConversation']);
    const create = teams.calls[0]!.body as { members: Array<{ id: string }>; tenantId: string; isGroup: boolean };
    expect(create).toMatchObject({ isGroup: false, tenantId: 'local-tenant', members: [{ id: person.aadObjectId }] });
    const stored = await findConversationReference(database.db, first.conversationId);
    expect(stored).toMatchObject({ kind: 'personal', personId: person.id, trustId });

    teams.resetCalls();
    const second = await sender.sendToPerson(trustId, person.id, card('Reminder'));
    expect(second).toMatchObject({ ok: true, conversationId: first.conversationId });
    expect(teams.calls.map((c) => c.operation)).toEqual(['sendToConversation']);
  });

  it('reports a person who has not installed the app as uninstalled', async () => {
    const person = people[4]!;
    teams.forbidUser(person.aadObjectId, 'ForbiddenOperationException');
    const outcome = await sender.sendToPerson(trustId, person.id, card('x'));
    expect(outcome).toMatchObject({ ok: false, reason: 'uninstalled' });
    teams.forbidUser(person.aadObjectId, null);
  });

  it('reports someone outside the directory as not found without calling Teams', async () => {
    const outcome = await sender.sendToPerson(trustId, '00000000-0000-4000-8000-000000000000', card('x'));
    expect(outcome).toMatchObject({ ok: false, reason: 'not_found' });
    expect(teams.calls).toHaveLength(0);
  });

  it.each([
    ['a 429 as throttled with the Retry-After', { ...teamsFaults.throttled, retryAfterSeconds: 7 }, { reason: 'throttled', retryAfterMs: 7000 }],
    ['a blocked bot as blocked', teamsFaults.userBlockedBot, { reason: 'blocked' }],
    ['a bot not in the roster as forbidden', teamsFaults.botNotInRoster, { reason: 'forbidden' }],
    ['a bot disabled by the tenant admin as forbidden', teamsFaults.botDisabledByAdmin, { reason: 'forbidden' }],
    ['a 404 as not found', teamsFaults.conversationNotFound, { reason: 'not_found' }],
    ['a 412 as transient', teamsFaults.preconditionFailed, { reason: 'transient' }],
    ['a 500 as transient', teamsFaults.serviceError, { reason: 'transient' }],
    ['a 502 as transient', teamsFaults.badGateway, { reason: 'transient' }],
    ['a 503 as transient', teamsFaults.unavailable, { reason: 'transient' }],
    ['a 504 as transient', teamsFaults.gatewayTimeout, { reason: 'transient' }],
    ['a dropped connection as transient', teamsFaults.dropConnection, { reason: 'transient' }],
  ])('reports %s after exactly one request (no hidden retries)', async (_name, fault, expected) => {
    teams.enqueueFaults(fault);
    const outcome = await sender.postToConversation(channelId, card('x'));
    expect(outcome).toMatchObject({ ok: false, ...expected });
    expect(teams.calls).toHaveLength(1);
  });
});
