import type { Db } from '../../core/db/database';
import { communities, conversationReferences, meetings, memberships, people, trusts } from '../../core/db/schema';

export interface FanoutSeed {
  trustId: string;
  tenantId: string;
  meetingId: string;
  /** Each member's personal conversation id, as the Teams double will see it in send paths. */
  conversationOf: Map<string, string>;
}

const batch = 1_000;

/**
 * A trust with one community of `recipients` members and one online meeting that has just ended,
 * written straight to the tables. Every member has a stored personal conversation reference whose
 * `serviceUrl` is the Teams double, as if each had opened the bot once, so every card is one send.
 */
export async function seedFanoutTrust(db: Db, tag: string, recipients: number, serviceUrl: string): Promise<FanoutSeed> {
  const tenantId = `bench-fanout-${tag}`;
  const [trust] = await db.insert(trusts).values({ tenantId, name: `Fan-out trust ${tag}` }).returning();
  const trustId = trust!.id;
  const [community] = await db
    .insert(communities)
    .values({ trustId, slug: `fanout-${tag}`, name: 'Fan-out community', priorities: ['Reading for pleasure', 'Assessment'] })
    .returning();
  const communityId = community!.id;
  const endsAt = new Date(Date.now() - 60_000);
  const [meeting] = await db
    .insert(meetings)
    .values({ trustId, communityId, title: 'Fan-out community meeting', startsAt: new Date(endsAt.getTime() - 3_600_000), endsAt, mode: 'online' })
    .returning();

  const conversationOf = new Map<string, string>();
  for (let start = 0; start < recipients; start += batch) {
    const size = Math.min(batch, recipients - start);
    const rows = await db
      .insert(people)
      .values(
        Array.from({ length: size }, (_, i) => ({
          trustId,
          displayName: `Member ${start + i + 1}`,
          email: `member${start + i + 1}@${tag}.fanout.example`,
          entraObjectId: `aad-${tag}-${start + i + 1}`,
        })),
      )
      .returning({ id: people.id, aad: people.entraObjectId });
    await db.insert(memberships).values(rows.map((person) => ({ trustId, communityId, personId: person.id, role: 'member' as const, fromDate: '2020-09-01' })));
    await db.insert(conversationReferences).values(
      rows.map((person) => {
        const conversationId = `a:fanout-${tag}-${person.id}`;
        conversationOf.set(person.id, conversationId);
        return {
          trustId,
          tenantId,
          conversationId,
          kind: 'personal' as const,
          personId: person.id,
          aadObjectId: person.aad,
          reference: {
            channelId: 'msteams',
            serviceUrl,
            bot: { id: '28:trust-communities-bot', name: 'Trust Communities' },
            user: { id: `29:${person.aad}`, aadObjectId: person.aad },
            conversation: { id: conversationId, conversationType: 'personal', tenantId },
          },
        };
      }),
    );
  }
  return { trustId, tenantId, meetingId: meeting!.id, conversationOf };
}
