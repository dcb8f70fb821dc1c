ALTER TABLE "runs" ADD COLUMN "declined_backends" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "decline_reason" text;