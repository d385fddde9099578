import { and, desc, eq, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db/database';
import { conversationReferences, people, trusts } from '../db/schema';
import { storedConversationOf, type StoredConversation } from './conversation-references';

/** A person's personal chats with the bot; a send goes to the newest (`newestFirst`). Values or columns of an outer query. */
export function personalChatsOf(trustId: string | SQLWrapper, personId: string | SQLWrapper) {
  return and(eq(conversationReferences.trustId, trustId), eq(conversationReferences.personId, personId), eq(conversationReferences.kind, 'personal'));
}

export const newestFirst = desc(conversationReferences.updatedAt);

/** What a proactive 1:1 send needs to know about its recipient. */
export interface DeliveryRecipient {
  tenantId: string;
  personId: string;
  entraObjectId: string | null;
  /** The person's personal chat with the bot, when they have spoken to it or we created one. */
  personalConversation: StoredConversation | null;
  /** Any reference from the trust's tenant: it gives the service URL and the bot account to create a conversation with. */
  tenantTemplate: Record<string, unknown> | null;
}

export async function findDeliveryRecipient(db: Db, trustId: string, personId: string): Promise<DeliveryRecipient | null> {
  const [person] = await db
    .select({ tenantId: trusts.tenantId, entraObjectId: people.entraObjectId })
    .from(people)
    .innerJoin(trusts, eq(trusts.id, people.trustId))
    .where(and(eq(people.trustId, trustId), eq(people.id, personId)))
    .limit(1);
  if (!person) return null;
  const personal = await db
    .select()
    .from(conversationReferences)
    .where(personalChatsOf(trustId, personId))
    .orderBy(newestFirst)
    .limit(1);
  // Only a first chat needs the tenant's template; most sends go to a chat we already hold.
  const template = personal.length > 0
    ? []
    : await db
        .select({ reference: conversationReferences.reference })
        .from(conversationReferences)
        .where(eq(conversationReferences.tenantId, person.tenantId))
        .orderBy(newestFirst)
        .limit(1);
  const row = personal[0];
  return {
    tenantId: person.tenantId,
    personId,
    entraObjectId: person.entraObjectId,
    personalConversation: row ? storedConversationOf(row) : null,
    tenantTemplate: template[0]?.reference ?? null,
  };
}
