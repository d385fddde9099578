import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { people, trusts } from '../db/schema';

export interface TurnCaller {
  trust: { id: string; name: string; tenantId: string };
  person: { id: string; displayName: string } | null;
}

/**
 * The trust of a tenant and the person with this Entra object id, in one round trip: every bot
 * turn starts here, so it is the hottest query in the app. Null when the tenant is not a trust.
 */
export async function findCaller(db: Db, tenantId: string, aadObjectId: string | undefined): Promise<TurnCaller | null> {
  const rows = await db
    .select({
      trustId: trusts.id,
      trustName: trusts.name,
      tenantId: trusts.tenantId,
      personId: people.id,
      personName: people.displayName,
    })
    .from(trusts)
    .leftJoin(
      people,
      and(eq(people.trustId, trusts.id), eq(people.entraObjectId, (aadObjectId ?? '').toLowerCase())),
    )
    .where(eq(trusts.tenantId, tenantId))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return {
    trust: { id: row.trustId, name: row.trustName, tenantId: row.tenantId },
    person: row.personId && row.personName ? { id: row.personId, displayName: row.personName } : null,
  };
}
