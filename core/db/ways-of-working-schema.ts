/**
 * Ways of Working: the trust's framework of values and behaviours and each community's own
 * Ways of Working (both versioned by the date they take effect), the one card per meeting
 * occurrence, acknowledgements, what Teams told us about each meeting, and the annual relaunch.
 */
import { date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { communities, meetings, people, trusts } from './schema';

/** A value with what it means, e.g. `{ title: 'Learners first', meaning: '...' }`. */
export interface WaysOfWorkingValue {
  title: string;
  meaning: string;
}

export interface WaysOfWorkingContent {
  /** Trust framework: the common values. Community versions leave this empty. */
  values: WaysOfWorkingValue[];
  /** Expected behaviours (trust framework) or the community's own agreements. */
  behaviours: string[];
}

export const wowOpeningState = pgEnum('wow_opening_state', ['claimed', 'sent', 'failed']);
export const wowOpeningTrigger = pgEnum('wow_opening_trigger', ['start_event', 'fallback', 'manual']);

/**
 * One version of the trust framework (`community_id` null) or of a community's Ways of Working.
 * The version in force on a date is the latest one whose `effective_from` is on or before it.
 */
export const waysOfWorkingVersions = pgTable(
  'ways_of_working_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    communityId: uuid('community_id').references(() => communities.id),
    /** `trust` or the community id: one sequence of versions per scope. */
    scope: text('scope').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    content: jsonb('content').$type<WaysOfWorkingContent>().notNull(),
    createdByPersonId: uuid('created_by_person_id').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ways_of_working_versions_scope_version').on(t.trustId, t.scope, t.version), index('ways_of_working_versions_scope_from').on(t.trustId, t.scope, t.effectiveFrom)],
);

/**
 * The Ways of Working card of one meeting occurrence. The primary key is the exactly-once
 * guarantee: whoever inserts the row sends the card; a claim whose lease lapsed (the sender died)
 * may be taken over, a sent one never.
 */
export const meetingOpenings = pgTable('meeting_openings', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  state: wowOpeningState('state').notNull(),
  trigger: wowOpeningTrigger('trigger').notNull(),
  claimedBy: text('claimed_by').notNull(),
  leaseUntil: timestamp('lease_until', { withTimezone: true }).notNull(),
  attempts: integer('attempts').notNull().default(1),
  conversationId: text('conversation_id'),
  activityId: text('activity_id'),
  frameworkVersionId: uuid('framework_version_id').references(() => waysOfWorkingVersions.id),
  communityVersionId: uuid('community_version_id').references(() => waysOfWorkingVersions.id),
  failure: text('failure'),
  claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});

/** "I'll work this way": one row per person and meeting, so a double press counts once. */
export const meetingAcknowledgements = pgTable(
  'meeting_acknowledgements',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('meeting_acknowledgements_unique').on(t.meetingId, t.personId)],
);

/** What Teams told us about a meeting: actual times, the app in its chat, and whether its end was reported. */
export const meetingLifecycle = pgTable('meeting_lifecycle', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  actualStartedAt: timestamp('actual_started_at', { withTimezone: true }),
  actualEndedAt: timestamp('actual_ended_at', { withTimezone: true }),
  /** Set once when the end is reported to the MeetingEndListeners. */
  endReportedAt: timestamp('end_reported_at', { withTimezone: true }),
  chatAppInstalledAt: timestamp('chat_app_installed_at', { withTimezone: true }),
  /** Teams answered 403 for the meeting chat (app removed): later cards go to the channel. */
  chatAppRemovedAt: timestamp('chat_app_removed_at', { withTimezone: true }),
  chatInstallFailure: text('chat_install_failure'),
});

/** The annual relaunch of the trust framework on a date the trust sets. */
export const waysOfWorkingRelaunches = pgTable(
  'ways_of_working_relaunches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    /** The academic year label, e.g. `2026/27`: one relaunch per year. */
    yearLabel: text('year_label').notNull(),
    launchOn: date('launch_on').notNull(),
    launchedAt: timestamp('launched_at', { withTimezone: true }),
    frameworkVersionId: uuid('framework_version_id').references(() => waysOfWorkingVersions.id),
    createdByPersonId: uuid('created_by_person_id').references(() => people.id),
  },
  (t) => [uniqueIndex('ways_of_working_relaunches_year').on(t.trustId, t.yearLabel)],
);

export const relaunchRecipients = pgTable(
  'relaunch_recipients',
  {
    relaunchId: uuid('relaunch_id')
      .notNull()
      .references(() => waysOfWorkingRelaunches.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    remindersSent: integer('reminders_sent').notNull().default(0),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    deliveryFailure: text('delivery_failure'),
  },
  (t) => [uniqueIndex('relaunch_recipients_unique').on(t.relaunchId, t.personId)],
);
