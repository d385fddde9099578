import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { academies, assessmentCycles, assessmentParticipants, auditLog, frameworks, people, personRoles, type CyclePopulation } from '../db/schema';
import { londonDate } from '../time/london-clock';
import { AppError, notFound } from '../errors';
import { formatLondonDate } from '../time/london-time';

const isoDate = z.iso.date({ error: 'must be a date like 2026-11-02' });

export const cyclePopulationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('service_area'), serviceAreas: z.array(z.string().trim().min(1)).min(1, { error: 'name at least one service area' }) }),
  z.object({ kind: z.literal('academy'), academyIds: z.array(z.uuid()).min(1, { error: 'name at least one academy' }) }),
  z.object({ kind: z.literal('central_team') }),
  z.object({ kind: z.literal('people'), personIds: z.array(z.uuid()).min(1, { error: 'name at least one person' }) }),
]);

export const newCycleSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'give the cycle a name' }).max(120),
    frameworkId: z.uuid(),
    population: cyclePopulationSchema,
    opensOn: isoDate,
    closesOn: isoDate,
  })
  .refine((c) => c.closesOn >= c.opensOn, { error: 'the close date must be on or after the open date', path: ['closesOn'] });

export type NewCycle = z.infer<typeof newCycleSchema>;

export type CycleWindow = 'upcoming' | 'open' | 'closed';

export interface CycleSummary {
  id: string;
  name: string;
  frameworkId: string;
  frameworkName: string;
  frameworkVersion: number;
  population: CyclePopulation;
  opensOn: string;
  closesOn: string;
  window: CycleWindow;
  participants: number;
  submitted: number;
}

/** Where a cycle stands on the London date of `now`; both dates are inclusive. */
export function cycleWindow(cycle: { opensOn: string; closesOn: string }, now: Date): CycleWindow {
  const today = londonDate(now);
  if (today < cycle.opensOn) return 'upcoming';
  return today > cycle.closesOn ? 'closed' : 'open';
}

/** Refuses a write outside the cycle's dates with a message that says when it was (or will be) open. */
export function assertCycleOpen(cycle: { name: string; opensOn: string; closesOn: string }, now: Date): void {
  const window = cycleWindow(cycle, now);
  const date = (iso: string) => formatLondonDate(new Date(`${iso}T12:00:00Z`));
  if (window === 'closed') {
    throw new AppError(
      'cycle_closed',
      `"${cycle.name}" closed on ${date(cycle.closesOn)}, so answers can no longer be changed. Everything you saved before then is kept.`,
      409,
    );
  }
  if (window === 'upcoming') throw new AppError('cycle_not_open', `"${cycle.name}" opens on ${date(cycle.opensOn)}.`, 409);
}

/** Operations staff (or the listed people) a population covers, with the service area and academy to record for them. */
async function populationMembers(db: Db, trustId: string, population: CyclePopulation): Promise<{ personId: string; serviceArea: string | null; academyId: string | null }[]> {
  const columns = { personId: people.id, serviceArea: people.serviceArea, academyId: people.academyId };
  if (population.kind === 'people') {
    const rows = await db.select(columns).from(people).where(and(eq(people.trustId, trustId), inArray(people.id, population.personIds)));
    const found = new Set(rows.map((r) => r.personId));
    const unknown = population.personIds.filter((id) => !found.has(id));
    if (unknown.length > 0) throw new AppError('unknown_people', `These people are not in the trust's directory: ${unknown.join(', ')}.`, 400, { unknown });
    return rows;
  }
  const operations = db
    .select({ personId: personRoles.personId })
    .from(personRoles)
    .where(and(eq(personRoles.trustId, trustId), eq(personRoles.role, 'operations_staff')));
  const scope =
    population.kind === 'service_area'
      ? inArray(sql`lower(${people.serviceArea})`, population.serviceAreas.map((a) => a.toLowerCase()))
      : population.kind === 'academy'
        ? inArray(people.academyId, population.academyIds)
        : isNull(people.academyId);
  return db
    .select(columns)
    .from(people)
    .where(and(eq(people.trustId, trustId), inArray(people.id, operations), scope))
    .orderBy(asc(people.displayName));
}

/**
 * Opens a cycle for a population: the framework version is fixed, and every person in the
 * population gets a participant row with their service area and academy as they are today.
 */
export async function openCycle(db: Db, trustId: string, actorPersonId: string, input: NewCycle): Promise<CycleSummary> {
  const [framework] = await db.select().from(frameworks).where(and(eq(frameworks.trustId, trustId), eq(frameworks.id, input.frameworkId)));
  if (!framework) throw notFound('The framework');
  if (input.population.kind === 'academy') {
    const found = await db.select({ id: academies.id }).from(academies).where(and(eq(academies.trustId, trustId), inArray(academies.id, input.population.academyIds)));
    if (found.length !== new Set(input.population.academyIds).size) throw new AppError('unknown_academy', 'One of the chosen academies is not in this trust.', 400);
  }
  const members = await populationMembers(db, trustId, input.population);
  if (members.length === 0) throw new AppError('empty_population', 'Nobody is in that population: choose another service area, academy or list of people.', 400);

  const id = await db.transaction(async (tx) => {
    const [cycle] = await tx
      .insert(assessmentCycles)
      .values({ trustId, name: input.name, frameworkId: input.frameworkId, population: input.population, opensOn: input.opensOn, closesOn: input.closesOn, createdByPersonId: actorPersonId })
      .returning({ id: assessmentCycles.id });
    await tx.insert(assessmentParticipants).values(members.map((m) => ({ trustId, cycleId: cycle!.id, ...m })));
    await tx.insert(auditLog).values({ trustId, actorPersonId, action: 'self_assessment.cycle_opened', subject: cycle!.id, detail: { name: input.name, participants: members.length } });
    return cycle!.id;
  });
  return getCycle(db, trustId, id, new Date());
}

export async function listCycles(db: Db, trustId: string, now: Date): Promise<CycleSummary[]> {
  const rows = await db
    .select({
      id: assessmentCycles.id,
      name: assessmentCycles.name,
      frameworkId: assessmentCycles.frameworkId,
      frameworkName: frameworks.name,
      frameworkVersion: frameworks.version,
      population: assessmentCycles.population,
      opensOn: assessmentCycles.opensOn,
      closesOn: assessmentCycles.closesOn,
      participants: sql<number>`(select count(*)::int from ${assessmentParticipants} p where p.cycle_id = ${assessmentCycles.id})`,
      submitted: sql<number>`(select count(*)::int from ${assessmentParticipants} p where p.cycle_id = ${assessmentCycles.id} and p.status = 'submitted')`,
    })
    .from(assessmentCycles)
    .innerJoin(frameworks, eq(frameworks.id, assessmentCycles.frameworkId))
    .where(eq(assessmentCycles.trustId, trustId))
    .orderBy(desc(assessmentCycles.opensOn), asc(assessmentCycles.name));
  return rows.map((r) => ({ ...r, participants: Number(r.participants), submitted: Number(r.submitted), window: cycleWindow(r, now) }));
}

export async function getCycle(db: Db, trustId: string, cycleId: string, now: Date): Promise<CycleSummary> {
  const cycle = (await listCycles(db, trustId, now)).find((c) => c.id === cycleId);
  if (!cycle) throw notFound('The self-assessment cycle');
  return cycle;
}

/** The service areas and academies an administrator can open a cycle for. */
export async function populationChoices(db: Db, trustId: string): Promise<{ serviceAreas: string[]; academies: { id: string; name: string }[] }> {
  const [areas, academyRows] = await Promise.all([
    db.selectDistinct({ serviceArea: sql<string>`lower(${people.serviceArea})` }).from(people).where(and(eq(people.trustId, trustId), isNotNull(people.serviceArea))),
    db.select({ id: academies.id, name: academies.name }).from(academies).where(eq(academies.trustId, trustId)).orderBy(asc(academies.name)),
  ]);
  return { serviceAreas: areas.map((a) => a.serviceArea).sort(), academies: academyRows };
}
