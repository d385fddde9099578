/**
 * Service-descriptor self-assessment: each framework version's scale, cycles opened for a
 * population, one participant row per person and cycle, and one answer per descriptor.
 */
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { academies, frameworkDescriptors, frameworks, people, trusts } from './schema';

export const assessmentStatus = pgEnum('assessment_status', ['not_started', 'draft', 'submitted']);

/** One level of a framework's scale, e.g. `{ level: 3, label: 'Secure', meaning: '...' }`. */
export interface ScaleLevel {
  level: number;
  label: string;
  meaning: string;
}

/** Who a cycle is for, fixed when it opens. */
export type CyclePopulation =
  | { kind: 'service_area'; serviceAreas: string[] }
  | { kind: 'academy'; academyIds: string[] }
  | { kind: 'central_team' }
  | { kind: 'people'; personIds: string[] };

/** The scale a framework version is answered on; a version without a row uses the default four levels. */
export const frameworkScales = pgTable('framework_scales', {
  frameworkId: uuid('framework_id')
    .primaryKey()
    .references(() => frameworks.id),
  levels: jsonb('levels').$type<ScaleLevel[]>().notNull(),
});

export const assessmentCycles = pgTable(
  'assessment_cycles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    name: text('name').notNull(),
    frameworkId: uuid('framework_id').notNull().references(() => frameworks.id),
    population: jsonb('population').$type<CyclePopulation>().notNull(),
    /** London dates, both inclusive: answers are accepted from the start of `opens_on` to the end of `closes_on`. */
    opensOn: date('opens_on').notNull(),
    closesOn: date('closes_on').notNull(),
    createdByPersonId: uuid('created_by_person_id').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assessment_cycles_trust').on(t.trustId, t.opensOn)],
);

/**
 * A person in a cycle. Their service area and academy are copied when the cycle opens, so a
 * later move does not rewrite past aggregates.
 */
export const assessmentParticipants = pgTable(
  'assessment_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    cycleId: uuid('cycle_id').notNull().references(() => assessmentCycles.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    serviceArea: text('service_area'),
    academyId: uuid('academy_id').references(() => academies.id),
    status: assessmentStatus('status').notNull().default('not_started'),
    invitedAt: timestamp('invited_at', { withTimezone: true }),
    remindersSent: integer('reminders_sent').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Agreed by the person and their line manager after a conversation; both can read it. */
    agreedNote: text('agreed_note'),
    agreedNoteByPersonId: uuid('agreed_note_by_person_id').references(() => people.id),
    agreedNoteAt: timestamp('agreed_note_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('assessment_participants_cycle_person').on(t.cycleId, t.personId),
    index('assessment_participants_person').on(t.personId),
    index('assessment_participants_cycle_submitted')
      .on(t.cycleId, t.serviceArea, t.academyId)
      .where(sql`${t.status} = 'submitted'`),
  ],
);

export const assessmentAnswers = pgTable(
  'assessment_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id').notNull().references(() => assessmentParticipants.id),
    /** Copied from the participant so aggregates scan one table by cycle. */
    cycleId: uuid('cycle_id').notNull().references(() => assessmentCycles.id),
    descriptorId: uuid('descriptor_id').notNull().references(() => frameworkDescriptors.id),
    position: integer('position').notNull(),
    /** Null in a draft where the person has written evidence but not yet chosen a level. */
    level: integer('level'),
    evidence: text('evidence').notNull().default(''),
    developmentStep: text('development_step').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assessment_answers_participant_descriptor').on(t.participantId, t.descriptorId),
    index('assessment_answers_cycle').on(t.cycleId, t.participantId),
  ],
);

/**
 * Submitted answers counted by cycle, service area, academy, descriptor and level, kept up to date
 * in the transaction that submits (a submission is final, so counts only ever grow). Aggregates
 * read this small table instead of every answer. Position 0, level 0 counts the respondents.
 */
export const assessmentGroupCounts = pgTable(
  'assessment_group_counts',
  {
    cycleId: uuid('cycle_id').notNull().references(() => assessmentCycles.id),
    /** Lower-case service area, or `none`. */
    areaKey: text('area_key').notNull(),
    /** Academy id, or `central` for the central team. */
    academyKey: text('academy_key').notNull(),
    position: integer('position').notNull(),
    level: integer('level').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.areaKey, t.academyKey, t.position, t.level] })],
);
