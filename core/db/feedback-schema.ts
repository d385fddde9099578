/**
 * Feedback for SLTs: after a meeting each attendee is asked, on a personal card, what their
 * academy's senior leaders should know; the academy's PD lead then moves each answer through a
 * workflow. Rows carry natural unique keys (meeting, person) so a repeated job changes nothing.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DeliveryFailureReason } from '../messaging/card-sender';
import { academies, communities, meetings, people, trusts } from './schema';

/** Why a feedback card did not arrive: the sender's reasons, or `in_doubt` (the sender stopped mid-send) or `cancelled` (the meeting was cancelled first). */
export type FeedbackFailureReason = DeliveryFailureReason | 'in_doubt' | 'cancelled';

export const feedbackAttendanceSource = pgEnum('feedback_attendance_source', ['attendance_report', 'register', 'everyone']);
export const feedbackRoundStatus = pgEnum('feedback_round_status', ['awaiting_register', 'asked']);
export const feedbackDeliveryStatus = pgEnum('feedback_delivery_status', ['pending', 'sending', 'sent', 'failed']);
export const feedbackItemStatus = pgEnum('feedback_item_status', ['new', 'discussed_with_slt', 'action_agreed', 'implemented', 'impact_noted']);

/** One per meeting: how attendance was decided and whether the cards have gone out. */
export const feedbackRounds = pgTable(
  'feedback_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    status: feedbackRoundStatus('status').notNull(),
    attendanceSource: feedbackAttendanceSource('attendance_source'),
    /** Why attendance fell back to everyone (no report, Graph refused): shown in the delivery report. */
    attendanceNote: text('attendance_note'),
    registerConfirmedBy: uuid('register_confirmed_by').references(() => people.id),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    askedAt: timestamp('asked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('feedback_rounds_meeting').on(t.meetingId)],
);

/**
 * One person asked about one meeting, with the delivery record of their card. `academy_id` is the
 * person's academy when asked, so the PD lead's view stays right after someone moves school.
 */
export const feedbackRequests = pgTable(
  'feedback_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    academyId: uuid('academy_id').references(() => academies.id),
    /** The meeting's start, copied so the PD lead's newest-first list reads one index instead of sorting every row. */
    meetingStartsAt: timestamp('meeting_starts_at', { withTimezone: true }).notNull(),
    deliveryStatus: feedbackDeliveryStatus('delivery_status').notNull().default('pending'),
    failureReason: text('failure_reason').$type<FeedbackFailureReason>(),
    failureMessage: text('failure_message'),
    attempts: integer('attempts').notNull().default(0),
    /** A pending card is not tried again before this (Teams' Retry-After, or back-off after an outage); null means now. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** Set when a sender claims the row, so a second instance or a re-run never sends it again. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    conversationId: text('conversation_id'),
    activityId: text('activity_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Set with the first answer, so response rates count one table. */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    remindersSent: integer('reminders_sent').notNull().default(0),
    lastReminderAt: timestamp('last_reminder_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('feedback_requests_meeting_person').on(t.meetingId, t.personId),
    index('feedback_requests_academy').on(t.trustId, t.academyId, t.meetingStartsAt.desc(), t.id),
    index('feedback_requests_community').on(t.trustId, t.communityId),
    index('feedback_requests_person').on(t.personId),
    // The sender's queue in the order it claims (due retries, then oldest first): a claim reads a few entries instead of sorting every pending card.
    index('feedback_requests_due').on(t.trustId, t.nextAttemptAt, t.createdAt).where(sql`${t.deliveryStatus} = 'pending'`),
  ],
);

/**
 * Who is sending a trust's feedback cards now. One sender per trust keeps the app within Teams'
 * per app per tenant rate however many instances run; a lease that is not renewed lapses within
 * seconds, so an instance that died hands over quickly.
 */
export const feedbackSendLeases = pgTable('feedback_send_leases', {
  trustId: uuid('trust_id').primaryKey().references(() => trusts.id),
  holder: text('holder').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export interface FeedbackAnswerFields {
  keyMessages: string;
  contextualisation: string;
  forSlt: string;
  actions: string;
  nothingToReport: boolean;
}

/** The current answer to a request and the PD lead's workflow for it; earlier answers live in `feedback_answer_versions`. */
export const feedbackAnswers = pgTable(
  'feedback_answers',
  {
    requestId: uuid('request_id').primaryKey().references(() => feedbackRequests.id),
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    keyMessages: text('key_messages').notNull().default(''),
    contextualisation: text('contextualisation').notNull().default(''),
    forSlt: text('for_slt').notNull().default(''),
    actions: text('actions').notNull().default(''),
    nothingToReport: boolean('nothing_to_report').notNull().default(false),
    /** Bumped on every edit; a card carrying an older version (a replay) is refused. */
    version: integer('version').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    status: feedbackItemStatus('status').notNull().default('new'),
    ownerName: text('owner_name'),
    dueOn: date('due_on'),
    notes: text('notes').notNull().default(''),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    statusChangedBy: uuid('status_changed_by').references(() => people.id),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
  },
  (t) => [index('feedback_answers_status').on(t.trustId, t.status)],
);

export const feedbackAnswerVersions = pgTable(
  'feedback_answer_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').notNull().references(() => feedbackRequests.id),
    version: integer('version').notNull(),
    answer: jsonb('answer').$type<FeedbackAnswerFields>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('feedback_answer_versions_request_version').on(t.requestId, t.version)],
);

/**
 * Asked and answered counts per academy and meeting, so the PD lead's response rates add up a few
 * hundred rows instead of counting every one of the academy's requests on each view. Kept by
 * database triggers (migration 0006): a new request adds to `asked`, the first answer (the moment
 * `answered_at` is set) adds to `answered`, in the same transaction as the write, so every writer
 * (the app, imports, test fixtures) keeps them right and a skipped `on conflict do nothing` counts nothing.
 */
export const feedbackCounts = pgTable(
  'feedback_counts',
  {
    trustId: uuid('trust_id').notNull().references(() => trusts.id),
    academyId: uuid('academy_id').notNull().references(() => academies.id),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    meetingStartsAt: timestamp('meeting_starts_at', { withTimezone: true }).notNull(),
    asked: integer('asked').notNull().default(0),
    answered: integer('answered').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.academyId, t.meetingId] }),
    index('feedback_counts_academy').on(t.trustId, t.academyId, t.meetingStartsAt),
  ],
);
