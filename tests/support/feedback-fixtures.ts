import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import { communities, meetings, people, trusts } from '../../core/db/schema';
import type { AdaptiveCard, CardSender, DeliveryOutcome } from '../../core/messaging/card-sender';

/** Demo-trust lookups by what things are (emails and slugs from data/demo-trust.json). */
export async function demoTrustId(db: Db): Promise<string> {
  const [trust] = await db.select({ id: trusts.id }).from(trusts).where(eq(trusts.tenantId, 'local-tenant'));
  if (!trust) throw new Error('demo trust missing');
  return trust.id;
}

export async function personByEmail(db: Db, email: string): Promise<{ id: string; aad: string; academyId: string | null; name: string }> {
  const [person] = await db
    .select({ id: people.id, aad: people.entraObjectId, academyId: people.academyId, name: people.displayName })
    .from(people)
    .where(sql`lower(${people.email}) = ${email.toLowerCase()}`);
  if (!person?.aad) throw new Error(`no demo person ${email}`);
  return { ...person, aad: person.aad };
}

/** The first demo meeting of a community, switched to the given mode so each test decides how attendance is found. */
export async function demoMeeting(db: Db, slug: string, mode: 'face_to_face' | 'hybrid' | 'online'): Promise<{ id: string; communityId: string; trustId: string }> {
  const [row] = await db
    .select({ id: meetings.id, communityId: meetings.communityId, trustId: meetings.trustId })
    .from(meetings)
    .innerJoin(communities, eq(communities.id, meetings.communityId))
    .where(and(eq(communities.slug, slug)))
    .orderBy(meetings.startsAt)
    .limit(1);
  if (!row) throw new Error(`no demo meeting for ${slug}`);
  await db.update(meetings).set({ mode }).where(eq(meetings.id, row.id));
  return row;
}

/**
 * A CardSender that records what it was asked to send and answers from a script per person, or
 * per conversation for posts into a stored chat (default: delivered). Our own interface, faked in
 * tests of the queue's logic only.
 */
export class ScriptedCardSender implements CardSender {
  readonly sent: { personId: string; card: AdaptiveCard }[] = [];
  readonly posted: { conversationId: string; card: AdaptiveCard }[] = [];
  private readonly scripts = new Map<string, DeliveryOutcome[]>();

  script(personOrConversationId: string, ...outcomes: DeliveryOutcome[]): void {
    this.scripts.set(personOrConversationId, outcomes);
  }

  async sendToPerson(_trustId: string, personId: string, card: AdaptiveCard): Promise<DeliveryOutcome> {
    const next = this.scripts.get(personId)?.shift();
    if (next && !next.ok) return next;
    this.sent.push({ personId, card });
    return next ?? { ok: true, conversationId: `a:${personId}`, activityId: `act-${this.sent.length}` };
  }

  async postToConversation(conversationId: string, card: AdaptiveCard): Promise<DeliveryOutcome> {
    const next = this.scripts.get(conversationId)?.shift();
    if (next && !next.ok) return next;
    this.posted.push({ conversationId, card });
    return next ?? { ok: true, conversationId, activityId: `post-${this.posted.length}` };
  }

  async updateCard(conversationId: string, activityId: string): Promise<DeliveryOutcome> {
    return { ok: true, conversationId, activityId };
  }
}
