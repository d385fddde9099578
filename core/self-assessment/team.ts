import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { assessmentParticipants, auditLog, people } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import type { ParticipantStatus } from './responses';

export const agreedNoteSchema = z.object({
  note: z.string().trim().min(1, { error: 'write the development you agreed' }).max(2000, { error: 'the note must be 2,000 characters or fewer' }),
});

export interface TeamMember {
  personId: string;
  displayName: string;
  status: ParticipantStatus;
  agreedNote: string | null;
}

/** A line manager's direct reports in a cycle and how far each has got. */
export async function directReportsInCycle(db: Db, trustId: string, managerId: string, cycleId: string): Promise<TeamMember[]> {
  const rows = await db
    .select({ personId: people.id, displayName: people.displayName, status: assessmentParticipants.status, agreedNote: assessmentParticipants.agreedNote })
    .from(assessmentParticipants)
    .innerJoin(people, eq(people.id, assessmentParticipants.personId))
    .where(and(eq(assessmentParticipants.trustId, trustId), eq(assessmentParticipants.cycleId, cycleId), eq(people.lineManagerId, managerId)))
    .orderBy(asc(people.displayName));
  return rows;
}

/** Refuses unless `managerId` is the recorded line manager of `personId`. */
export async function assertLineManager(db: Db, trustId: string, managerId: string, personId: string): Promise<void> {
  const [person] = await db.select({ lineManagerId: people.lineManagerId }).from(people).where(and(eq(people.trustId, trustId), eq(people.id, personId)));
  if (!person) throw notFound('That colleague');
  if (person.lineManagerId !== managerId) throw forbidden('Only their line manager can see a colleague\'s self-assessment or add an agreed development note.');
}

/**
 * Records the development a line manager and their report agreed after talking it through; both
 * see it. Only a submitted self-assessment can carry one, and saving again replaces it.
 */
export async function saveAgreedNote(db: Db, now: Date, request: { trustId: string; managerId: string; personId: string; cycleId: string; note: string }): Promise<void> {
  await assertLineManager(db, request.trustId, request.managerId, request.personId);
  const [participant] = await db
    .select({ id: assessmentParticipants.id, status: assessmentParticipants.status })
    .from(assessmentParticipants)
    .where(and(eq(assessmentParticipants.trustId, request.trustId), eq(assessmentParticipants.cycleId, request.cycleId), eq(assessmentParticipants.personId, request.personId)));
  if (!participant) throw notFound('That colleague\'s self-assessment in this cycle');
  if (participant.status !== 'submitted') throw new AppError('not_submitted', 'An agreed note can be added once your colleague has submitted their self-assessment.', 409);
  await db.transaction(async (tx) => {
    await tx.update(assessmentParticipants).set({ agreedNote: request.note, agreedNoteByPersonId: request.managerId, agreedNoteAt: now }).where(eq(assessmentParticipants.id, participant.id));
    await tx.insert(auditLog).values({ trustId: request.trustId, actorPersonId: request.managerId, action: 'self_assessment.agreed_note', subject: participant.id, detail: {} });
  });
}
