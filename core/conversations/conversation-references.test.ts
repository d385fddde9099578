import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { conversationReferences } from '../db/schema';
import { createTestDatabase, testDatabaseKinds } from '../../tests/support/test-database';
import { findConversationReference, saveConversationReference, type StoredConversation } from './conversation-references';

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
});
