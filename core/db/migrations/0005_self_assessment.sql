CREATE TYPE "public"."assessment_status" AS ENUM('not_started', 'draft', 'submitted');
--> statement-breakpoint
CREATE TABLE "assessment_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"descriptor_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"level" integer,
	"evidence" text DEFAULT '' NOT NULL,
	"development_step" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"name" text NOT NULL,
	"framework_id" uuid NOT NULL,
	"population" jsonb NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"service_area" text,
	"academy_id" uuid,
	"status" "assessment_status" DEFAULT 'not_started' NOT NULL,
	"invited_at" timestamp with time zone,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"agreed_note" text,
	"agreed_note_by_person_id" uuid,
	"agreed_note_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "framework_scales" (
	"framework_id" uuid PRIMARY KEY NOT NULL,
	"levels" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_answers" ADD CONSTRAINT "assessment_answers_participant_id_assessment_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."assessment_participants"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessment_answers" ADD CONSTRAINT "assessment_answers_cycle_id_assessment_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."assessment_cycles"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessment_answers" ADD CONSTRAINT "assessment_answers_descriptor_id_framework_descriptors_id_fk" FOREIGN KEY ("descriptor_id") REFERENCES "public"."framework_descriptors"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessment_cycles" ADD CONSTRAINT "assessment_cycles_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessment_cycles" ADD CONSTRAINT "assessment_cycles_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessment_cycles" ADD CONSTRAINT "assessment_cycles_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_cycle_id_assessment_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."assessment_cycles"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_academy_id_academies_id_fk" FOREIGN KEY ("academy_id") REFERENCES "public"."academies"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessment_participants" ADD CONSTRAINT "assessment_participants_agreed_note_by_person_id_people_id_fk" FOREIGN KEY ("agreed_note_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "framework_scales" ADD CONSTRAINT "framework_scales_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_answers_participant_descriptor" ON "assessment_answers" USING btree ("participant_id","descriptor_id");
--> statement-breakpoint
CREATE INDEX "assessment_answers_cycle" ON "assessment_answers" USING btree ("cycle_id","participant_id");
--> statement-breakpoint
CREATE INDEX "assessment_cycles_trust" ON "assessment_cycles" USING btree ("trust_id","opens_on");
--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_participants_cycle_person" ON "assessment_participants" USING btree ("cycle_id","person_id");
--> statement-breakpoint
CREATE INDEX "assessment_participants_person" ON "assessment_participants" USING btree ("person_id");
--> statement-breakpoint
CREATE INDEX "assessment_participants_cycle_submitted" ON "assessment_participants" USING btree ("cycle_id","service_area","academy_id") WHERE "assessment_participants"."status" = 'submitted';
--> statement-breakpoint
CREATE TABLE "assessment_group_counts" (
	"cycle_id" uuid NOT NULL,
	"area_key" text NOT NULL,
	"academy_key" text NOT NULL,
	"position" integer NOT NULL,
	"level" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "assessment_group_counts_cycle_id_area_key_academy_key_position_level_pk" PRIMARY KEY("cycle_id","area_key","academy_key","position","level")
);
--> statement-breakpoint
ALTER TABLE "assessment_group_counts" ADD CONSTRAINT "assessment_group_counts_cycle_id_assessment_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."assessment_cycles"("id") ON DELETE no action ON UPDATE no action;
