import type { Database } from '../../core/db/database';

export interface DemoPerson {
  id: string;
  aadObjectId: string;
  name: string;
  communities: number;
}

/** People of the demo trust picked by what they are, so tests do not depend on invented names. */
export async function demoPeople(database: Database): Promise<{ lead: DemoPerson; withoutCommunity: DemoPerson | undefined; all: DemoPerson[] }> {
  const { rows } = await database.executeSql(
    `select p.id, p.entra_object_id as "aadObjectId", p.display_name as name,
            count(m.id)::int as communities,
            bool_or(m.role = 'lead') as leads
       from people p left join memberships m on m.person_id = p.id
      where p.entra_object_id is not null
      group by p.id order by p.display_name`,
  );
  const all = rows.map((r) => ({
    id: String(r.id),
    aadObjectId: String(r.aadObjectId),
    name: String(r.name),
    communities: Number(r.communities),
    leads: r.leads === true,
  }));
  const lead = all.find((p) => p.leads);
  if (!lead) throw new Error('the demo trust has no community lead');
  return { lead, withoutCommunity: all.find((p) => p.communities === 0), all };
}
