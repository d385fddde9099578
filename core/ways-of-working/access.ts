import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { personRoles } from '../db/schema';

type TrustRole = (typeof personRoles.$inferSelect)['role'];

/** Whether the person holds any of these trust-wide roles. */
export async function hasTrustRole(db: Db, trustId: string, personId: string, roles: readonly TrustRole[]): Promise<boolean> {
  const rows = await db
    .select({ role: personRoles.role })
    .from(personRoles)
    .where(and(eq(personRoles.trustId, trustId), eq(personRoles.personId, personId), inArray(personRoles.role, [...roles])))
    .limit(1);
  return rows.length > 0;
}
