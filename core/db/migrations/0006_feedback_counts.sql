CREATE TABLE "feedback_counts" (
	"trust_id" uuid NOT NULL,
	"academy_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"meeting_starts_at" timestamp with time zone NOT NULL,
	"asked" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "feedback_counts_academy_id_meeting_id_pk" PRIMARY KEY("academy_id","meeting_id")
);
--> statement-breakpoint
ALTER TABLE "feedback_counts" ADD CONSTRAINT "feedback_counts_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_counts" ADD CONSTRAINT "feedback_counts_academy_id_academies_id_fk" FOREIGN KEY ("academy_id") REFERENCES "public"."academies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_counts" ADD CONSTRAINT "feedback_counts_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_counts" ADD CONSTRAINT "feedback_counts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_counts_academy" ON "feedback_counts" USING btree ("trust_id","academy_id","meeting_starts_at");--> statement-breakpoint
INSERT INTO "feedback_counts" ("trust_id", "academy_id", "meeting_id", "community_id", "meeting_starts_at", "asked", "answered")
SELECT "trust_id", "academy_id", "meeting_id", (array_agg("community_id"))[1], (array_agg("meeting_starts_at"))[1], count(*), count("answered_at")
  FROM "feedback_requests" WHERE "academy_id" IS NOT NULL GROUP BY "trust_id", "academy_id", "meeting_id";
--> statement-breakpoint
CREATE FUNCTION "feedback_counts_add_requests"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "feedback_counts" ("trust_id", "academy_id", "meeting_id", "community_id", "meeting_starts_at", "asked", "answered")
  SELECT "trust_id", "academy_id", "meeting_id", (array_agg("community_id"))[1], (array_agg("meeting_starts_at"))[1], count(*), count("answered_at")
    FROM "inserted_requests" WHERE "academy_id" IS NOT NULL GROUP BY "trust_id", "academy_id", "meeting_id"
  ON CONFLICT ("academy_id", "meeting_id") DO UPDATE
    SET "asked" = "feedback_counts"."asked" + excluded."asked", "answered" = "feedback_counts"."answered" + excluded."answered";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "feedback_requests_count_asked" AFTER INSERT ON "feedback_requests"
  REFERENCING NEW TABLE AS "inserted_requests" FOR EACH STATEMENT EXECUTE FUNCTION "feedback_counts_add_requests"();
--> statement-breakpoint
CREATE FUNCTION "feedback_counts_answered_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "feedback_counts" SET "answered" = "answered" + CASE WHEN NEW."answered_at" IS NULL THEN -1 ELSE 1 END
   WHERE "academy_id" = NEW."academy_id" AND "meeting_id" = NEW."meeting_id";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "feedback_requests_count_answered" AFTER UPDATE OF "answered_at" ON "feedback_requests"
  FOR EACH ROW WHEN ((OLD."answered_at" IS NULL) <> (NEW."answered_at" IS NULL)) EXECUTE FUNCTION "feedback_counts_answered_changed"();
--> statement-breakpoint
CREATE FUNCTION "feedback_counts_remove_request"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "feedback_counts" SET "asked" = "asked" - 1, "answered" = "answered" - CASE WHEN OLD."answered_at" IS NULL THEN 0 ELSE 1 END
   WHERE "academy_id" = OLD."academy_id" AND "meeting_id" = OLD."meeting_id";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "feedback_requests_count_removed" AFTER DELETE ON "feedback_requests"
  FOR EACH ROW EXECUTE FUNCTION "feedback_counts_remove_request"();
