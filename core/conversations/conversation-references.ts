import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { conversationReferences } from '../db/schema';

export type ConversationKind = 'personal' | 'channel' | 'group_chat' | 'meeting';

export interface StoredConversation {
  tenantId: string;
  conversationId: string;
  kind: ConversationKind;
  trustId: string | null;
  personId: string | null;
  aadObjectId: string | null;
  /** The Bot Framework conversation reference, kept as received so proactive sends can resume it. */
  reference: Record<string, unknown>;
}

/**
 * Saves or refreshes a conversation reference, keyed on the conversation id so repeats change
 * nothing else. Returns whether this conversation is new to us (the welcome card depends on it).
 */
export async function saveConversationReference(db: Db, conversation: StoredConversation): Promise<boolean> {
  // Most turns bring the same reference again (only the activity id moves). A read tells so without
  // a write: the upsert below locks the row even when its condition then skips the update, which
  // makes every turn commit a transaction. The comparison is the upsert's own condition.
  const [stored] = await db
    .select({
      same: sql<boolean>`(${conversationReferences.reference} - 'activityId') = (${JSON.stringify(conversation.reference)}::jsonb - 'activityId')
        and ${conversationReferences.trustId} is not distinct from ${conversation.trustId}::uuid
        and ${conversationReferences.personId} is not distinct from ${conversation.personId}::uuid
        and ${conversationReferences.aadObjectId} is not distinct from ${conversation.aadObjectId}::text`,
    })
    .from(conversationReferences)
    .where(eq(conversationReferences.conversationId, conversation.conversationId))
    .limit(1);
  if (stored?.same === true) return false;
  const now = new Date();
  // One statement: `xmax = 0` is true only for a row this statement inserted, not one it updated.
  const [row] = await db
    .insert(conversationReferences)
    .values({ ...conversation, updatedAt: now })
    .onConflictDoUpdate({
      target: conversationReferences.conversationId,
      set: {
        reference: conversation.reference,
        trustId: conversation.trustId,
        personId: conversation.personId,
        aadObjectId: conversation.aadObjectId,
        updatedAt: now,
      },
      // Most turns bring the same reference again (only the activity id moves): skip the write
      // then, which leaves RETURNING empty, still meaning "not new".
      setWhere: sql`(${conversationReferences.reference} - 'activityId') is distinct from (excluded.reference - 'activityId')
        or ${conversationReferences.trustId} is distinct from excluded.trust_id
        or ${conversationReferences.personId} is distinct from excluded.person_id
        or ${conversationReferences.aadObjectId} is distinct from excluded.aad_object_id`,
    })
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  return row?.inserted === true;
}

/** Forgets a conversation when the app is removed from it, so a reinstall is welcomed again. */
export async function deleteConversationReference(db: Db, conversationId: string): Promise<void> {
  await db.delete(conversationReferences).where(eq(conversationReferences.conversationId, conversationId));
}

export async function findConversationReference(db: Db, conversationId: string): Promise<StoredConversation | null> {
  const rows = await db.select().from(conversationReferences).where(eq(conversationReferences.conversationId, conversationId)).limit(1);
  const row = rows[0];
  if (!row) return null;
  return {
    tenantId: row.tenantId,
    conversationId: row.conversationId,
    kind: row.kind,
    trustId: row.trustId,
    personId: row.personId,
    aadObjectId: row.aadObjectId,
    reference: row.reference,
  };
}
