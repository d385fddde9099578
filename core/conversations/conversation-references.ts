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
 * How long this process trusts that a reference it saved (or found unchanged) is still stored as
 * it was, for message turns. Only an uninstall deletes a reference, and a message cannot come
 * from a conversation the app is not installed in: the reinstall's own turn (which never uses
 * this memory) stores the reference again, wherever it lands.
 */
export const recentlySavedTtlMs = 60_000;
/** Enough for every person of a large trust messaging in the same minute; past it the oldest goes first. */
const maxRecentlySaved = 20_000;
const recentlySavedByDb = new WeakMap<Db, Map<string, { fingerprint: string; expiresAt: number }>>();

/** Everything stored for a conversation except the activity id, which moves on every turn. */
function fingerprintOf(conversation: StoredConversation): string {
  const { activityId: _activityId, ...reference } = conversation.reference;
  return JSON.stringify([conversation.tenantId, conversation.kind, conversation.trustId, conversation.personId, conversation.aadObjectId, reference]);
}

function recentlySaved(db: Db): Map<string, { fingerprint: string; expiresAt: number }> {
  let recent = recentlySavedByDb.get(db);
  if (!recent) {
    recent = new Map();
    recentlySavedByDb.set(db, recent);
  }
  return recent;
}

/**
 * Saves or refreshes a conversation reference, keyed on the conversation id so repeats change
 * nothing else. Returns whether this conversation is new to us (the welcome card depends on it).
 * `trustRecent` (message turns only): the same reference saved by this process within
 * `recentlySavedTtlMs` is taken as stored, without a round trip.
 */
export async function saveConversationReference(db: Db, conversation: StoredConversation, options: { trustRecent?: boolean; now?: number } = {}): Promise<boolean> {
  const now = options.now ?? Date.now();
  const fingerprint = fingerprintOf(conversation);
  const recent = recentlySaved(db);
  const known = recent.get(conversation.conversationId);
  if (options.trustRecent && known && known.fingerprint === fingerprint && known.expiresAt > now) return false;
  const created = await storeConversationReference(db, conversation);
  recent.delete(conversation.conversationId);
  if (recent.size >= maxRecentlySaved) recent.delete(recent.keys().next().value as string);
  recent.set(conversation.conversationId, { fingerprint, expiresAt: now + recentlySavedTtlMs });
  return created;
}

async function storeConversationReference(db: Db, conversation: StoredConversation): Promise<boolean> {
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
  const updatedAt = new Date();
  // One statement: `xmax = 0` is true only for a row this statement inserted, not one it updated.
  const [row] = await db
    .insert(conversationReferences)
    .values({ ...conversation, updatedAt })
    .onConflictDoUpdate({
      target: conversationReferences.conversationId,
      set: {
        reference: conversation.reference,
        trustId: conversation.trustId,
        personId: conversation.personId,
        aadObjectId: conversation.aadObjectId,
        updatedAt,
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
  recentlySaved(db).delete(conversationId);
  await db.delete(conversationReferences).where(eq(conversationReferences.conversationId, conversationId));
}

export async function findConversationReference(db: Db, conversationId: string): Promise<StoredConversation | null> {
  const rows = await db.select().from(conversationReferences).where(eq(conversationReferences.conversationId, conversationId)).limit(1);
  const row = rows[0];
  return row ? storedConversationOf(row) : null;
}

/** A stored row in our own shape (without its bookkeeping columns). */
export function storedConversationOf(row: typeof conversationReferences.$inferSelect): StoredConversation {
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
