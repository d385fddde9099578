import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { assessmentAnswers, assessmentCycles, assessmentParticipants, auditLog, people } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { assertCycleOpen, cycleWindow, type CycleWindow } from './cycles';
import { countSubmission } from './group-counts';
import { loadFramework, type StoredFramework } from './framework-library';

export const answerInputSchema = z.object({
  descriptorId: z.uuid(),
  level: z.number().int().nullable(),
  evidence: z.string().trim().max(4000, { error: 'evidence must be 4,000 characters or fewer' }).default(''),
  developmentStep: z.string().trim().max(1000, { error: 'the thing to develop must be 1,000 characters or fewer' }).default(''),
});

export type AnswerInput = z.input<typeof answerInputSchema>;

export interface Answer {
  descriptorId: string;
  position: number;
  level: number | null;
  evidence: string;
  developmentStep: string;
}

export type ParticipantStatus = 'not_started' | 'draft' | 'submitted';

/** One person's self-assessment in one cycle: what the tab's form and the chat cards both read. */
export interface AssessmentForm {
  cycle: { id: string; name: string; opensOn: string; closesOn: string; window: CycleWindow };
  framework: StoredFramework;
  participantId: string;
  personId: string;
  status: ParticipantStatus;
  submittedAt: Date | null;
  answers: Answer[];
  agreedNote: { text: string; byPersonId: string | null; at: Date | null } | null;
}

async function participantFor(db: Db, trustId: string, cycleId: string, personId: string) {
  const [row] = await db
    .select({ participant: assessmentParticipants, cycle: assessmentCycles })
    .from(assessmentParticipants)
    .innerJoin(assessmentCycles, eq(assessmentCycles.id, assessmentParticipants.cycleId))
    .where(and(eq(assessmentParticipants.trustId, trustId), eq(assessmentParticipants.cycleId, cycleId), eq(assessmentParticipants.personId, personId)));
  return row;
}

export async function loadForm(db: Db, trustId: string, cycleId: string, personId: string, now: Date): Promise<AssessmentForm> {
  const row = await participantFor(db, trustId, cycleId, personId);
  if (!row) throw notFound('A self-assessment for you in this cycle');
  const [framework, answers] = await Promise.all([
    loadFramework(db, trustId, row.cycle.frameworkId),
    db.select().from(assessmentAnswers).where(eq(assessmentAnswers.participantId, row.participant.id)),
  ]);
  const p = row.participant;
  return {
    cycle: { id: row.cycle.id, name: row.cycle.name, opensOn: row.cycle.opensOn, closesOn: row.cycle.closesOn, window: cycleWindow(row.cycle, now) },
    framework,
    participantId: p.id,
    personId,
    status: p.status,
    submittedAt: p.submittedAt,
    answers: answers
      .sort((a, b) => a.position - b.position)
      .map((a) => ({ descriptorId: a.descriptorId, position: a.position, level: a.level, evidence: a.evidence, developmentStep: a.developmentStep })),
    agreedNote: p.agreedNote ? { text: p.agreedNote, byPersonId: p.agreedNoteByPersonId, at: p.agreedNoteAt } : null,
  };
}

/** The cycles a person takes part in, newest first, with where each stands. */
export async function myCycles(db: Db, trustId: string, personId: string, now: Date) {
  const rows = await db
    .select({ id: assessmentCycles.id, name: assessmentCycles.name, opensOn: assessmentCycles.opensOn, closesOn: assessmentCycles.closesOn, status: assessmentParticipants.status })
    .from(assessmentParticipants)
    .innerJoin(assessmentCycles, eq(assessmentCycles.id, assessmentParticipants.cycleId))
    .where(and(eq(assessmentParticipants.trustId, trustId), eq(assessmentParticipants.personId, personId)))
    .orderBy(desc(assessmentCycles.opensOn));
  return rows.map((r) => ({ ...r, window: cycleWindow(r, now) }));
}

/** The cycle the bot should take a person to: their open one not yet submitted, if any. */
export async function openCycleToAnswer(db: Db, trustId: string, personId: string, now: Date): Promise<string | undefined> {
  return (await myCycles(db, trustId, personId, now)).find((c) => c.window === 'open' && c.status !== 'submitted')?.id;
}

/**
 * Saves some or all answers of a person's self-assessment and, when `submit` is set, submits
 * it. Only the person may write their own answers; each answer is kept as soon as it is saved,
 * a later save never clears one it does not mention, and nothing changes once submitted or
 * after the cycle closes.
 */
export async function saveAnswers(
  db: Db,
  now: Date,
  request: { trustId: string; callerPersonId: string; personId: string; cycleId: string; answers: AnswerInput[]; submit: boolean },
): Promise<AssessmentForm> {
  const { trustId, callerPersonId, personId, cycleId } = request;
  if (callerPersonId !== personId) {
    await db.insert(auditLog).values({ trustId, actorPersonId: callerPersonId, action: 'self_assessment.refused_other_person', subject: cycleId, detail: { personId } });
    throw forbidden('You can only answer your own self-assessment. Ask your colleague to complete theirs themselves.');
  }
  const form = await loadForm(db, trustId, cycleId, personId, now);
  assertCycleOpen(form.cycle, now);
  if (form.status === 'submitted') {
    throw new AppError('already_submitted', `You submitted your self-assessment for "${form.cycle.name}" already; it can no longer be changed.`, 409);
  }

  const parsed = z.array(answerInputSchema).safeParse(request.answers);
  if (!parsed.success) throw new AppError('invalid_answer', parsed.error.issues.map((i) => i.message).join('; '), 400);
  const byId = new Map(form.framework.descriptors.map((d) => [d.id, d]));
  const { scale } = form.framework;
  const problems: string[] = [];
  for (const answer of parsed.data) {
    const descriptor = byId.get(answer.descriptorId);
    if (!descriptor) {
      problems.push(`One answer is for a descriptor that is not in ${form.framework.name} (version ${form.framework.version}).`);
      continue;
    }
    if (answer.level !== null && !scale.some((s) => s.level === answer.level)) {
      problems.push(
        `Level ${answer.level} for "${descriptor.title}" is not on the scale: choose ${scale.map((s) => `${s.level} (${s.label})`).join(', ')}.`,
      );
    }
  }
  if (problems.length > 0) throw new AppError('invalid_answer', problems.join(' '), 400, { problems });

  const merged = new Map(form.answers.map((a) => [a.descriptorId, a]));
  for (const a of parsed.data) merged.set(a.descriptorId, { ...a, position: byId.get(a.descriptorId)!.position });
  if (request.submit) {
    const unanswered = form.framework.descriptors.filter((d) => merged.get(d.id)?.level == null).map((d) => `"${d.title}"`);
    if (unanswered.length > 0) {
      throw new AppError(
        'incomplete',
        `Choose a level for every descriptor before submitting. Still to do: ${unanswered.join(', ')}. Your answers so far are saved.`,
        400,
        { unanswered },
      );
    }
  }

  await db.transaction(async (tx) => {
    for (const answer of parsed.data) {
      const position = byId.get(answer.descriptorId)!.position;
      await tx
        .insert(assessmentAnswers)
        .values({ participantId: form.participantId, cycleId, descriptorId: answer.descriptorId, position, level: answer.level, evidence: answer.evidence, developmentStep: answer.developmentStep, updatedAt: now })
        .onConflictDoUpdate({
          target: [assessmentAnswers.participantId, assessmentAnswers.descriptorId],
          set: { level: answer.level, evidence: answer.evidence, developmentStep: answer.developmentStep, updatedAt: now },
        });
    }
    const changed = await tx
      .update(assessmentParticipants)
      .set(request.submit ? { status: 'submitted', submittedAt: now, updatedAt: now } : { status: sql`case when ${assessmentParticipants.status} = 'not_started' then 'draft'::assessment_status else ${assessmentParticipants.status} end`, updatedAt: now })
      .where(and(eq(assessmentParticipants.id, form.participantId), sql`${assessmentParticipants.status} <> 'submitted'`))
      .returning({ id: assessmentParticipants.id });
    if (request.submit && changed.length > 0) await countSubmission(tx, form.participantId);
  });
  return loadForm(db, trustId, cycleId, personId, now);
}

/** A person's line manager, as the directory records it. */
export async function lineManagerOf(db: Db, trustId: string, personId: string): Promise<string | null> {
  const [row] = await db.select({ lineManagerId: people.lineManagerId }).from(people).where(and(eq(people.trustId, trustId), eq(people.id, personId)));
  return row?.lineManagerId ?? null;
}
