import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { assessmentAnswers, assessmentCycles, assessmentParticipants, frameworkDescriptors, frameworks, frameworkScales, type ScaleLevel } from '../db/schema';
import { defaultScale } from '../framework/framework-format';

/** One descriptor's levels across the person's submitted cycles, oldest first. */
export interface DescriptorTrend {
  position: number;
  title: string;
  points: { cycleId: string; level: number }[];
  /** From the latest submitted cycle. */
  latestLevel: number | null;
  latestDevelopmentStep: string;
  latestEvidence: string;
}

export interface MyResults {
  cycles: { id: string; name: string; opensOn: string; closesOn: string; frameworkName: string; agreedNote: string | null }[];
  scale: ScaleLevel[];
  descriptors: DescriptorTrend[];
  /** Descriptors at the top of the latest cycle's levels (secure or above), highest first. */
  strengths: { title: string; level: number }[];
  /** Descriptors at the bottom of the latest cycle's levels, with the person's own next step. */
  developmentAreas: { title: string; level: number; developmentStep: string }[];
}

/**
 * A person's submitted self-assessments over time. Descriptors are matched across cycles by
 * framework key and position, so a reworded descriptor keeps its history; the newest title shows.
 */
export async function myResults(db: Db, trustId: string, personId: string): Promise<MyResults> {
  const participations = await db
    .select({
      participantId: assessmentParticipants.id,
      cycleId: assessmentCycles.id,
      name: assessmentCycles.name,
      opensOn: assessmentCycles.opensOn,
      closesOn: assessmentCycles.closesOn,
      frameworkId: frameworks.id,
      frameworkKey: frameworks.key,
      frameworkName: frameworks.name,
      agreedNote: assessmentParticipants.agreedNote,
    })
    .from(assessmentParticipants)
    .innerJoin(assessmentCycles, eq(assessmentCycles.id, assessmentParticipants.cycleId))
    .innerJoin(frameworks, eq(frameworks.id, assessmentCycles.frameworkId))
    .where(and(eq(assessmentParticipants.trustId, trustId), eq(assessmentParticipants.personId, personId), eq(assessmentParticipants.status, 'submitted')))
    .orderBy(asc(assessmentCycles.opensOn));
  const latest = participations.at(-1);
  if (!latest) return { cycles: [], scale: [...defaultScale], descriptors: [], strengths: [], developmentAreas: [] };

  // Trends follow the framework of the latest cycle; earlier cycles on another framework are listed but not charted.
  const charted = participations.filter((p) => p.frameworkKey === latest.frameworkKey);
  const [answers, titles, [scaleRow]] = await Promise.all([
    db.select().from(assessmentAnswers).where(inArray(assessmentAnswers.participantId, charted.map((p) => p.participantId))),
    db.select().from(frameworkDescriptors).where(eq(frameworkDescriptors.frameworkId, latest.frameworkId)).orderBy(asc(frameworkDescriptors.position)),
    db.select().from(frameworkScales).where(eq(frameworkScales.frameworkId, latest.frameworkId)),
  ]);
  const cycleOf = new Map(charted.map((p) => [p.participantId, p.cycleId]));
  const order = new Map(charted.map((p, i) => [p.cycleId, i]));
  const descriptors: DescriptorTrend[] = titles.map((d) => {
    const mine = answers
      .filter((a) => a.position === d.position && a.level !== null)
      .map((a) => ({ cycleId: cycleOf.get(a.participantId)!, level: a.level!, evidence: a.evidence, developmentStep: a.developmentStep }))
      .sort((a, b) => order.get(a.cycleId)! - order.get(b.cycleId)!);
    const last = mine.find((m) => m.cycleId === latest.cycleId);
    return {
      position: d.position,
      title: d.title,
      points: mine.map(({ cycleId, level }) => ({ cycleId, level })),
      latestLevel: last?.level ?? null,
      latestDevelopmentStep: last?.developmentStep ?? '',
      latestEvidence: last?.evidence ?? '',
    };
  });
  const scale = scaleRow?.levels ?? [...defaultScale];
  const rated = descriptors.filter((d) => d.latestLevel !== null) as (DescriptorTrend & { latestLevel: number })[];
  const top = Math.max(...rated.map((d) => d.latestLevel));
  const bottom = Math.min(...rated.map((d) => d.latestLevel));
  const secure = Math.ceil((scale.length + 1) / 2);
  return {
    cycles: participations.map((p) => ({ id: p.cycleId, name: p.name, opensOn: p.opensOn, closesOn: p.closesOn, frameworkName: p.frameworkName, agreedNote: p.agreedNote })),
    scale,
    descriptors,
    strengths: rated
      .filter((d) => d.latestLevel === top && d.latestLevel >= secure)
      .map((d) => ({ title: d.title, level: d.latestLevel })),
    developmentAreas: rated
      .filter((d) => (d.latestLevel === bottom && bottom < top) || d.latestDevelopmentStep !== '')
      .sort((a, b) => a.latestLevel - b.latestLevel || a.position - b.position)
      .map((d) => ({ title: d.title, level: d.latestLevel, developmentStep: d.latestDevelopmentStep })),
  };
}
