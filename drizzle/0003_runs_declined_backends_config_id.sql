ALTER TABLE "runs" ADD COLUMN "declined_backends" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "decline_reason" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "config_id" text GENERATED ALWAYS AS (md5(("spec" - 'strategy' - 'seed' - 'evalInterval' - 'checkpointInterval')::text)) STORED NOT NULL;