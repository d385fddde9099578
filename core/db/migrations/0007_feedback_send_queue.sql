CREATE TABLE "feedback_send_leases" (
	"trust_id" uuid PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feedback_send_leases" ADD CONSTRAINT "feedback_send_leases_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_references_tenant_newest" ON "conversation_references" USING btree ("tenant_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "feedback_requests_due" ON "feedback_requests" USING btree ("trust_id","next_attempt_at") WHERE "feedback_requests"."delivery_status" = 'pending';