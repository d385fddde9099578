/**
 * The whole data model in one place. Every table that holds trust data carries `trust_id`,
 * and every query filters on it: one database can serve several trusts (tenants).
 * Migrations are generated from this file (`npm run db:generate`) and committed.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const communityKind = pgEnum('community_kind', [
  'community',
  'strategic_development_group',
  'team_networking_group',
]);
export const membershipRole = pgEnum('membership_role', ['lead', 'member']);
export const personRole = pgEnum('person_role', [
  'trust_admin',
  'pd_director',
  'pd_lead',
  'community_lead',
  'operations_staff',
  'line_manager',
]);
export const meetingMode = pgEnum('meeting_mode', ['face_to_face', 'hybrid', 'online']);
export const meetingStatus = pgEnum('meeting_status', ['scheduled', 'cancelled']);
export const planStatus = pgEnum('plan_status', ['draft', 'published']);
export const publishRunStatus = pgEnum('publish_run_status', ['running', 'completed', 'failed']);
export const calendarFeedKind = pgEnum('calendar_feed_kind', ['community', 'person']);
export const calendarPeriodKind = pgEnum('calendar_period_kind', [
  'term',
  'half_term',
  'inset_day',
  'closure',
  'bank_holiday',
]);
export const conversationKind = pgEnum('conversation_kind', ['personal', 'channel', 'group_chat', 'meeting']);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const trusts = pgTable('trusts', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: text('tenant_id').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const academies = pgTable(
  'academies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    phase: text('phase'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('academies_trust_code').on(t.trustId, t.code)],
);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    entraObjectId: text('entra_object_id'),
    displayName: text('display_name').notNull(),
    email: text('email').notNull(),
    jobTitle: text('job_title'),
    academyId: uuid('academy_id').references(() => academies.id),
    serviceArea: text('service_area'),
    lineManagerId: uuid('line_manager_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('people_trust_email').on(t.trustId, sql`lower(${t.email})`),
    uniqueIndex('people_trust_entra').on(t.trustId, t.entraObjectId),
    index('people_academy').on(t.academyId),
  ],
);

/** Trust-wide roles. `pd_lead` is scoped to an academy; the others have no academy. */
export const personRoles = pgTable(
  'person_roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    role: personRole('role').notNull(),
    academyId: uuid('academy_id').references(() => academies.id),
  },
  (t) => [uniqueIndex('person_roles_unique').on(t.personId, t.role, sql`coalesce(${t.academyId}::text, '')`)],
);

export const communities = pgTable(
  'communities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: communityKind('kind').notNull().default('community'),
    description: text('description').notNull().default(''),
    priorities: jsonb('priorities').$type<string[]>().notNull().default([]),
    personSpecification: text('person_specification').notNull().default(''),
    teamId: text('team_id'),
    channelId: text('channel_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('communities_trust_slug').on(t.trustId, t.slug)],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    role: membershipRole('role').notNull().default('member'),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
  },
  (t) => [
    uniqueIndex('memberships_unique').on(t.communityId, t.personId, t.fromDate),
    index('memberships_person').on(t.personId),
  ],
);

export const academicYears = pgTable(
  'academic_years',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    label: text('label').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
  },
  (t) => [uniqueIndex('academic_years_trust_label').on(t.trustId, t.label)],
);

/** Terms, half-term breaks, INSET days, closures and bank holidays within an academic year. */
export const calendarPeriods = pgTable(
  'calendar_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    academicYearId: uuid('academic_year_id').notNull().references(() => academicYears.id),
    kind: calendarPeriodKind('kind').notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
  },
  (t) => [index('calendar_periods_year').on(t.academicYearId)],
);

/** A community's plan for an academic year: the planner's request and the lead's edits, before and after publishing. */
export const meetingPlans = pgTable(
  'meeting_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    academicYearId: uuid('academic_year_id').notNull().references(() => academicYears.id),
    request: jsonb('request').$type<Record<string, unknown>>().notNull(),
    status: planStatus('status').notNull().default('draft'),
    /** Bumped on every change; a save naming an older version is refused (two leads editing at once). */
    version: integer('version').notNull().default(1),
    createdByPersonId: uuid('created_by_person_id').references(() => people.id),
    updatedByPersonId: uuid('updated_by_person_id').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('meeting_plans_community_year').on(t.communityId, t.academicYearId)],
);

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    academicYearId: uuid('academic_year_id').references(() => academicYears.id),
    planId: uuid('plan_id').references(() => meetingPlans.id),
    /** Position in the year's plan ("3 of 6"); null for meetings outside a plan. */
    sequence: integer('sequence'),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    mode: meetingMode('mode').notNull(),
    venue: text('venue'),
    status: meetingStatus('status').notNull().default('scheduled'),
    joinUrl: text('join_url'),
    /** Stable per meeting, sent as Graph's `transactionId` so a retried create never duplicates. */
    transactionId: uuid('transaction_id').notNull().defaultRandom(),
    organizerPersonId: uuid('organizer_person_id').references(() => people.id),
    calendarEventId: text('calendar_event_id'),
    iCalUId: text('ical_uid'),
    chatThreadId: text('chat_thread_id'),
    /** Bumped on every change to what the calendar shows; publishing brings `publishedRevision` up to it. */
    revision: integer('revision').notNull().default(1),
    publishedRevision: integer('published_revision'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meetings_community_start').on(t.communityId, t.startsAt),
    uniqueIndex('meetings_transaction').on(t.transactionId),
    index('meetings_chat_thread').on(t.chatThreadId),
    index('meetings_plan').on(t.planId),
  ],
);

/** One press of "Publish": progress for the tab's bar and the summary at the end. */
export const publishRuns = pgTable(
  'publish_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    planId: uuid('plan_id').notNull().references(() => meetingPlans.id),
    status: publishRunStatus('status').notNull().default('running'),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
    startedByPersonId: uuid('started_by_person_id').references(() => people.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The worker publishing the run and until when its claim holds (renewed while it works; a dead worker's lapses). */
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (t) => [index('publish_runs_plan').on(t.planId, t.startedAt)],
);

/** Secret addresses of ICS feeds, so calendar apps can subscribe without signing in; only a hash is kept. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    kind: calendarFeedKind('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('calendar_feeds_subject').on(t.kind, t.subjectId)],
);

/** Where the periodic Outlook sync left off for each organiser's mailbox (Graph delta link). */
export const calendarSyncState = pgTable('calendar_sync_state', {
  organizerPersonId: uuid('organizer_person_id').primaryKey().references(() => people.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  deltaLink: text('delta_link'),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
  syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Bot Framework conversation references, kept so the bot can message people and chats later. */
export const conversationReferences = pgTable(
  'conversation_references',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').references(() => trusts.id),
    tenantId: text('tenant_id').notNull(),
    conversationId: text('conversation_id').notNull().unique(),
    kind: conversationKind('kind').notNull(),
    personId: uuid('person_id').references(() => people.id),
    aadObjectId: text('aad_object_id'),
    reference: jsonb('reference').$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('conversation_references_person').on(t.personId),
    // The newest reference in a tenant gives the service URL for a first personal chat.
    index('conversation_references_tenant_newest').on(t.tenantId, t.updatedAt.desc()),
  ],
);

/** A versioned set of descriptors (the Exceptional Service Descriptors are the default). */
export const frameworks = pgTable(
  'frameworks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    key: text('key').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    introduction: text('introduction').notNull().default(''),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('frameworks_trust_key_version').on(t.trustId, t.key, t.version)],
);

export const frameworkDescriptors = pgTable(
  'framework_descriptors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    frameworkId: uuid('framework_id').notNull().references(() => frameworks.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    statement: text('statement').notNull(),
    behaviours: jsonb('behaviours').$type<string[]>().notNull(),
    exceptionalLooksLike: text('exceptional_looks_like').notNull(),
  },
  (t) => [uniqueIndex('framework_descriptors_position').on(t.frameworkId, t.position)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    trustId: uuid('trust_id').references(() => trusts.id),
    actorPersonId: uuid('actor_person_id'),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_trust_at').on(t.trustId, t.at)],
);
export * from './self-assessment-schema';
export * from './feedback-schema';
export * from './ways-of-working-schema';
