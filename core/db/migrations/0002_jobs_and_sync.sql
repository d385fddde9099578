-- Year planner: publishing on the job queue. A worker's claim on a publish run, so two workers never publish one run at once and a dead worker's run is taken over once its lease lapses.
ALTER TABLE "publish_runs" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "publish_runs" ADD COLUMN "lease_until" timestamp with time zone;
