import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import { recountCycle } from '../../core/self-assessment/group-counts';
import { assessmentAnswers, assessmentCycles, assessmentParticipants, frameworkDescriptors, frameworks, people, personRoles } from '../../core/db/schema';

/** The ten titles of the trust's Exceptional Service Descriptors (the default framework), in their published order. */
export const descriptorTitles = [
  'Communicate with Clarity and Purpose',
  'Customer Focused and Solution Driven',
  'Act with Integrity and Accountability',
  'Professional and Approachable',
  'Continuously Improving',
  'Data-Informed and Outcome-Focused',
  'Collaborative and Supportive',
  'Adaptive, Flexible, and Resilient',
  'Investing in People and Growth',
  'Strive for Excellence and Consistency',
];

/**
 * Past, closed cycles in which every member of the demo trust's operations staff submitted,
 * written straight to the tables (the service refuses answers to closed cycles, rightly).
 * Levels rise gently from one cycle to the next and differ by person, so charts have a shape.
 */
export async function seedSubmittedCycles(db: Db, cycles: { name: string; opensOn: string; closesOn: string }[]): Promise<string[]> {
  const [framework] = await db.select().from(frameworks).where(eq(frameworks.isDefault, true));
  if (!framework) throw new Error('the demo trust has no default framework');
  const descriptors = await db.select().from(frameworkDescriptors).where(eq(frameworkDescriptors.frameworkId, framework.id)).orderBy(asc(frameworkDescriptors.position));
  const staff = await db
    .select({ id: people.id, serviceArea: people.serviceArea, academyId: people.academyId })
    .from(people)
    .innerJoin(personRoles, and(eq(personRoles.personId, people.id), eq(personRoles.role, 'operations_staff')))
    .where(eq(people.trustId, framework.trustId))
    .orderBy(asc(people.email));
  const ids: string[] = [];
  for (const [c, cycle] of cycles.entries()) {
    const [row] = await db
      .insert(assessmentCycles)
      .values({ trustId: framework.trustId, name: cycle.name, frameworkId: framework.id, population: { kind: 'central_team' }, opensOn: cycle.opensOn, closesOn: cycle.closesOn })
      .returning({ id: assessmentCycles.id });
    ids.push(row!.id);
    for (const [p, person] of staff.entries()) {
      const [participant] = await db
        .insert(assessmentParticipants)
        .values({ trustId: framework.trustId, cycleId: row!.id, personId: person.id, serviceArea: person.serviceArea, academyId: person.academyId, status: 'submitted', submittedAt: new Date(`${cycle.closesOn}T12:00:00Z`) })
        .returning({ id: assessmentParticipants.id });
      await db.insert(assessmentAnswers).values(
        descriptors.map((d, i) => ({
          participantId: participant!.id,
          cycleId: row!.id,
          descriptorId: d.id,
          position: d.position,
          level: Math.min(4, 1 + ((p + i + c) % 3) + (c > 0 && i % 2 === 0 ? 1 : 0)),
          evidence: '',
          developmentStep: i === (p % 10) ? 'Ask for feedback from two academies each half term.' : '',
        })),
      );
    }
    await recountCycle(db, row!.id);
  }
  return ids;
}
