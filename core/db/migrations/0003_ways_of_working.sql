-- Ways of Working: versioned trust framework and community Ways of Working, one card per meeting occurrence (claimed before sending), acknowledgements, what Teams said about each meeting, the annual relaunch.
CREATE TYPE "public"."wow_opening_state" AS ENUM('claimed', 'sent', 'failed');
--> statement-breakpoint
CREATE TYPE "public"."wow_opening_trigger" AS ENUM('start_event', 'fallback', 'manual');
--> statement-breakpoint
CREATE TABLE "meeting_acknowledgements" (
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_lifecycle" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"actual_started_at" timestamp with time zone,
	"actual_ended_at" timestamp with time zone,
	"end_reported_at" timestamp with time zone,
	"chat_app_installed_at" timestamp with time zone,
	"chat_app_removed_at" timestamp with time zone,
	"chat_install_failure" text
);
--> statement-breakpoint
CREATE TABLE "meeting_openings" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"state" "wow_opening_state" NOT NULL,
	"trigger" "wow_opening_trigger" NOT NULL,
	"claimed_by" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"conversation_id" text,
	"activity_id" text,
	"framework_version_id" uuid,
	"community_version_id" uuid,
	"failure" text,
	"claimed_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "relaunch_recipients" (
	"relaunch_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"trust_id" uuid NOT NULL,
	"sent_at" timestamp with time zone,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"last_sent_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"delivery_failure" text
);
--> statement-breakpoint
CREATE TABLE "ways_of_working_relaunches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"year_label" text NOT NULL,
	"launch_on" date NOT NULL,
	"launched_at" timestamp with time zone,
	"framework_version_id" uuid,
	"created_by_person_id" uuid
);
--> statement-breakpoint
CREATE TABLE "ways_of_working_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"community_id" uuid,
	"scope" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"effective_from" date NOT NULL,
	"content" jsonb NOT NULL,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting_acknowledgements" ADD CONSTRAINT "meeting_acknowledgements_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "meeting_acknowledgements" ADD CONSTRAINT "meeting_acknowledgements_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "meeting_acknowledgements" ADD CONSTRAINT "meeting_acknowledgements_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "meeting_lifecycle" ADD CONSTRAINT "meeting_lifecycle_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "meeting_lifecycle" ADD CONSTRAINT "meeting_lifecycle_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "meeting_openings" ADD CONSTRAINT "meeting_openings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "meeting_openings" ADD CONSTRAINT "meeting_openings_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "meeting_openings" ADD CONSTRAINT "meeting_openings_framework_version_id_ways_of_working_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."ways_of_working_versions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "meeting_openings" ADD CONSTRAINT "meeting_openings_community_version_id_ways_of_working_versions_id_fk" FOREIGN KEY ("community_version_id") REFERENCES "public"."ways_of_working_versions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "relaunch_recipients" ADD CONSTRAINT "relaunch_recipients_relaunch_id_ways_of_working_relaunches_id_fk" FOREIGN KEY ("relaunch_id") REFERENCES "public"."ways_of_working_relaunches"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "relaunch_recipients" ADD CONSTRAINT "relaunch_recipients_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "relaunch_recipients" ADD CONSTRAINT "relaunch_recipients_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ways_of_working_relaunches" ADD CONSTRAINT "ways_of_working_relaunches_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ways_of_working_relaunches" ADD CONSTRAINT "ways_of_working_relaunches_framework_version_id_ways_of_working_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."ways_of_working_versions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ways_of_working_relaunches" ADD CONSTRAINT "ways_of_working_relaunches_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ways_of_working_versions" ADD CONSTRAINT "ways_of_working_versions_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ways_of_working_versions" ADD CONSTRAINT "ways_of_working_versions_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ways_of_working_versions" ADD CONSTRAINT "ways_of_working_versions_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_acknowledgements_unique" ON "meeting_acknowledgements" USING btree ("meeting_id","person_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "relaunch_recipients_unique" ON "relaunch_recipients" USING btree ("relaunch_id","person_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "ways_of_working_relaunches_year" ON "ways_of_working_relaunches" USING btree ("trust_id","year_label");
--> statement-breakpoint
CREATE UNIQUE INDEX "ways_of_working_versions_scope_version" ON "ways_of_working_versions" USING btree ("trust_id","scope","version");
--> statement-breakpoint
CREATE INDEX "ways_of_working_versions_scope_from" ON "ways_of_working_versions" USING btree ("trust_id","scope","effective_from");
