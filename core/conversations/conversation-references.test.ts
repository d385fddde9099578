import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { conversationReferences } from '../db/schema';
import { createTestDatabase, testDatabaseKinds } from '../../tests/support/test-database';
import { deleteConversationReference, findConversationReference, recentlySavedTtlMs, saveConversationReference, type StoredConversation } from './conversation-references';

const conversation = (activityId: string, serviceUrl = 'https://smba.trafficmanager.net/uk/'): StoredConversation => ({
  tenantId: 'conv-tenant',
  conversationId: 'a:personal-chat-1',
  kind: 'personal',
  trustId: null,
  personId: null,
  aadObjectId: '22222222-2222-4222-8222-222222222222',
  reference: { activityId, serviceUrl, conversation: { id: 'a:personal-chat-1' }, channelId: 'msteams' },
});

describe.each(testDatabaseKinds)('conversation references on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  const updatedAt = async () =>
    (await database.db.select({ at: conversationReferences.updatedAt }).from(conversationReferences).where(eq(conversationReferences.conversationId, 'a:personal-chat-1')))[0]?.at;

  it('says a conversation is new only the first time, and leaves the row alone when only the activity id moved', async () => {
    expect(await saveConversationReference(database.db, conversation('1'))).toBe(true);
    const first = await updatedAt();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await saveConversationReference(database.db, conversation('2'))).toBe(false);
    expect(await updatedAt()).toEqual(first);
  });

  it('refreshes the stored reference when Teams moves the conversation to another service URL', async () => {
    expect(await saveConversationReference(database.db, conversation('3', 'https://smba.trafficmanager.net/emea/'))).toBe(false);
    const stored = await findConversationReference(database.db, 'a:personal-chat-1');
    expect(stored?.reference.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
    expect(stored?.reference.activityId).toBe('3');
  });

  it('takes a message turn\'s unchanged reference as stored for a minute, and reads again after that or when it changed', async () => {
    const t0 = 2_000_000_000_000;
    const chat = (activityId: string, serviceUrl?: string): StoredConversation => ({ ...conversation(activityId, serviceUrl), conversationId: 'a:personal-chat-2' });
    const stored = async () => findConversationReference(database.db, 'a:personal-chat-2');
    expect(await saveConversationReference(database.db, chat('1'), { trustRecent: true, now: t0 })).toBe(true);
    // Removed behind this process's back: a recent, unchanged reference is not read again...
    await database.db.delete(conversationReferences).where(eq(conversationReferences.conversationId, 'a:personal-chat-2'));
    expect(await saveConversationReference(database.db, chat('2'), { trustRecent: true, now: t0 + 1_000 })).toBe(false);
    expect(await stored()).toBeNull();
    // ...but an install or add event always reads, and so does any turn once the minute is over or the reference moved.
    expect(await saveConversationReference(database.db, chat('3'), { now: t0 + 2_000 })).toBe(true);
    await database.db.delete(conversationReferences).where(eq(conversationReferences.conversationId, 'a:personal-chat-2'));
    expect(await saveConversationReference(database.db, chat('4'), { trustRecent: true, now: t0 + 2_000 + recentlySavedTtlMs })).toBe(true);
    expect(await saveConversationReference(database.db, chat('5', 'https://smba.trafficmanager.net/emea/'), { trustRecent: true, now: t0 + 2_000 + recentlySavedTtlMs + 1 })).toBe(false);
    expect((await stored())?.reference.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
  });

  it('forgets what it saved when the app is removed from the conversation', async () => {
    const t0 = 2_100_000_000_000;
    const chat = (activityId: string): StoredConversation => ({ ...conversation(activityId), conversationId: 'a:personal-chat-3' });
    await saveConversationReference(database.db, chat('1'), { trustRecent: true, now: t0 });
    await deleteConversationReference(database.db, 'a:personal-chat-3');
    expect(await saveConversationReference(database.db, chat('2'), { trustRecent: true, now: t0 + 1 })).toBe(true);
  });
});
