-- Feedback for SLTs: rounds per meeting, requests with their delivery record, answers with versions and workflow.
CREATE TYPE "public"."feedback_attendance_source" AS ENUM('attendance_report', 'register', 'everyone');
--> statement-breakpoint
CREATE TYPE "public"."feedback_delivery_status" AS ENUM('pending', 'sending', 'sent', 'failed');
--> statement-breakpoint
CREATE TYPE "public"."feedback_item_status" AS ENUM('new', 'discussed_with_slt', 'action_agreed', 'implemented', 'impact_noted');
--> statement-breakpoint
CREATE TYPE "public"."feedback_round_status" AS ENUM('awaiting_register', 'asked');
--> statement-breakpoint
CREATE TABLE "feedback_answer_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"answer" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_answers" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"key_messages" text DEFAULT '' NOT NULL,
	"contextualisation" text DEFAULT '' NOT NULL,
	"for_slt" text DEFAULT '' NOT NULL,
	"actions" text DEFAULT '' NOT NULL,
	"nothing_to_report" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"status" "feedback_item_status" DEFAULT 'new' NOT NULL,
	"owner_name" text,
	"due_on" date,
	"notes" text DEFAULT '' NOT NULL,
	"locked_at" timestamp with time zone,
	"status_changed_by" uuid,
	"status_changed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "feedback_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"academy_id" uuid,
	"meeting_starts_at" timestamp with time zone NOT NULL,
	"delivery_status" "feedback_delivery_status" DEFAULT 'pending' NOT NULL,
	"failure_reason" text,
	"failure_message" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_at" timestamp with time zone,
	"conversation_id" text,
	"activity_id" text,
	"sent_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"last_reminder_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"status" "feedback_round_status" NOT NULL,
	"attendance_source" "feedback_attendance_source",
	"attendance_note" text,
	"register_confirmed_by" uuid,
	"ended_at" timestamp with time zone NOT NULL,
	"asked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feedback_answer_versions" ADD CONSTRAINT "feedback_answer_versions_request_id_feedback_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."feedback_requests"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "feedback_answers" ADD CONSTRAINT "feedback_answers_request_id_feedback_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."feedback_requests"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "feedback_answers" ADD CONSTRAINT "feedback_answers_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "feedback_answers" ADD CONSTRAINT "feedback_answers_status_changed_by_people_id_fk" FOREIGN KEY ("status_changed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_academy_id_academies_id_fk" FOREIGN KEY ("academy_id") REFERENCES "public"."academies"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "feedback_rounds" ADD CONSTRAINT "feedback_rounds_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "feedback_rounds" ADD CONSTRAINT "feedback_rounds_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "feedback_rounds" ADD CONSTRAINT "feedback_rounds_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "feedback_rounds" ADD CONSTRAINT "feedback_rounds_register_confirmed_by_people_id_fk" FOREIGN KEY ("register_confirmed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_answer_versions_request_version" ON "feedback_answer_versions" USING btree ("request_id","version");
--> statement-breakpoint
CREATE INDEX "feedback_answers_status" ON "feedback_answers" USING btree ("trust_id","status");
--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_requests_meeting_person" ON "feedback_requests" USING btree ("meeting_id","person_id");
--> statement-breakpoint
CREATE INDEX "feedback_requests_academy" ON "feedback_requests" USING btree ("trust_id","academy_id","meeting_starts_at" DESC NULLS LAST,"id");
--> statement-breakpoint
CREATE INDEX "feedback_requests_community" ON "feedback_requests" USING btree ("trust_id","community_id");
--> statement-breakpoint
CREATE INDEX "feedback_requests_person" ON "feedback_requests" USING btree ("person_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_rounds_meeting" ON "feedback_rounds" USING btree ("meeting_id");
