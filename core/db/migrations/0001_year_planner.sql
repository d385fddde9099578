CREATE TYPE "public"."calendar_feed_kind" AS ENUM('community', 'person');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."publish_run_status" AS ENUM('running', 'completed', 'failed');--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"kind" "calendar_feed_kind" NOT NULL,
	"subject_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "calendar_sync_state" (
	"organizer_person_id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"delta_link" text,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"academic_year_id" uuid NOT NULL,
	"request" jsonb NOT NULL,
	"status" "plan_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_person_id" uuid,
	"updated_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "publish_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"status" "publish_run_status" DEFAULT 'running' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_by_person_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "plan_id" uuid;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "sequence" integer;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "transaction_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "organizer_person_id" uuid;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "calendar_event_id" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "ical_uid" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "chat_thread_id" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "published_revision" integer;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_sync_state" ADD CONSTRAINT "calendar_sync_state_organizer_person_id_people_id_fk" FOREIGN KEY ("organizer_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_sync_state" ADD CONSTRAINT "calendar_sync_state_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_plans" ADD CONSTRAINT "meeting_plans_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_plans" ADD CONSTRAINT "meeting_plans_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_plans" ADD CONSTRAINT "meeting_plans_academic_year_id_academic_years_id_fk" FOREIGN KEY ("academic_year_id") REFERENCES "public"."academic_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_plans" ADD CONSTRAINT "meeting_plans_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_plans" ADD CONSTRAINT "meeting_plans_updated_by_person_id_people_id_fk" FOREIGN KEY ("updated_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publish_runs" ADD CONSTRAINT "publish_runs_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publish_runs" ADD CONSTRAINT "publish_runs_plan_id_meeting_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."meeting_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publish_runs" ADD CONSTRAINT "publish_runs_started_by_person_id_people_id_fk" FOREIGN KEY ("started_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_feeds_subject" ON "calendar_feeds" USING btree ("kind","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_plans_community_year" ON "meeting_plans" USING btree ("community_id","academic_year_id");--> statement-breakpoint
CREATE INDEX "publish_runs_plan" ON "publish_runs" USING btree ("plan_id","started_at");--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_plan_id_meeting_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."meeting_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_organizer_person_id_people_id_fk" FOREIGN KEY ("organizer_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_transaction" ON "meetings" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "meetings_chat_thread" ON "meetings" USING btree ("chat_thread_id");--> statement-breakpoint
CREATE INDEX "meetings_plan" ON "meetings" USING btree ("plan_id");