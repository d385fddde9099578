import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { people } from '../db/schema';

/**
 * The service areas a line manager sees in aggregates: those of their direct reports. They see
 * those areas' groups exactly as the trust view publishes them, so no second, finer table
 * exists that could be set against the trust's.
 */
export async function directReportAreas(db: Db, trustId: string, managerId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ serviceArea: people.serviceArea })
    .from(people)
    .where(and(eq(people.trustId, trustId), eq(people.lineManagerId, managerId), isNotNull(people.serviceArea)));
  return rows.map((r) => r.serviceArea!.toLowerCase()).sort();
}
