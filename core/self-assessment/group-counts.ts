import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';

/** The key the aggregate tables use for a participant without a service area, and for the central team. */
export const NO_AREA = 'none';
export const CENTRAL = 'central';

/**
 * Adds one submission to the cycle's counts: one respondent in their group and one answer per
 * descriptor at its level. Runs in the transaction that marks the participant submitted, and only
 * when that update changed the row, so a repeated submit never counts twice.
 */
export async function countSubmission(db: Db, participantId: string): Promise<void> {
  await db.execute(sql`
    insert into assessment_group_counts (cycle_id, area_key, academy_key, position, level, n)
    select p.cycle_id, coalesce(lower(p.service_area), ${NO_AREA}), coalesce(p.academy_id::text, ${CENTRAL}), a.position, a.level, 1
      from assessment_participants p join assessment_answers a on a.participant_id = p.id
     where p.id = ${participantId} and a.level is not null
    union all
    select p.cycle_id, coalesce(lower(p.service_area), ${NO_AREA}), coalesce(p.academy_id::text, ${CENTRAL}), 0, 0, 1
      from assessment_participants p where p.id = ${participantId}
    on conflict (cycle_id, area_key, academy_key, position, level) do update set n = assessment_group_counts.n + excluded.n`);
}

/** Recounts a cycle from its submitted answers: for data loaded straight into the tables (imports, benchmarks, fixtures). */
export async function recountCycle(db: Db, cycleId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from assessment_group_counts where cycle_id = ${cycleId}`);
    await tx.execute(sql`
      insert into assessment_group_counts (cycle_id, area_key, academy_key, position, level, n)
      select p.cycle_id, coalesce(lower(p.service_area), ${NO_AREA}), coalesce(p.academy_id::text, ${CENTRAL}), a.position, a.level, count(*)::int
        from assessment_participants p join assessment_answers a on a.participant_id = p.id
       where p.cycle_id = ${cycleId} and p.status = 'submitted' and a.level is not null
       group by 1, 2, 3, 4, 5
      union all
      select p.cycle_id, coalesce(lower(p.service_area), ${NO_AREA}), coalesce(p.academy_id::text, ${CENTRAL}), 0, 0, count(*)::int
        from assessment_participants p
       where p.cycle_id = ${cycleId} and p.status = 'submitted'
       group by 1, 2, 3`);
  });
}
