CREATE TABLE "metric_chunks" (
	"run_id" uuid NOT NULL,
	"name" text NOT NULL,
	"chunk" integer NOT NULL,
	"n" integer NOT NULL,
	"min_value" double precision NOT NULL,
	"min_step" integer NOT NULL,
	"max_value" double precision NOT NULL,
	"max_step" integer NOT NULL,
	"last_step" integer NOT NULL,
	CONSTRAINT "metric_chunks_pk" PRIMARY KEY("run_id","name","chunk")
);
--> statement-breakpoint
-- The summaries of the points already stored (packages/db/src/schema/metric-chunks.ts).
INSERT INTO "metric_chunks" ("run_id", "name", "chunk", "n", "min_value", "min_step", "max_value", "max_step", "last_step")
SELECT "run_id", "name", "step" >> 6, count(*)::int,
       (min(ARRAY["value", "step"]))[1], ((min(ARRAY["value", "step"]))[2])::int,
       (max(ARRAY["value", -"step"]))[1], (-(max(ARRAY["value", -"step"]))[2])::int,
       max("step")
FROM "metric_points"
GROUP BY "run_id", "name", "step" >> 6;
