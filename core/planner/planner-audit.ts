import type { Db } from '../db/database';
import { auditLog } from '../db/schema';

/** One line in `audit_log` for a planner write; pass the transaction so the record lands with the change. */
export async function recordAudit(
  db: Pick<Db, 'insert'>,
  entry: { trustId: string; actorPersonId: string | null; action: string; subject: string; detail?: Record<string, unknown>; at: Date },
): Promise<void> {
  await db.insert(auditLog).values({ ...entry, detail: entry.detail ?? {} });
}
