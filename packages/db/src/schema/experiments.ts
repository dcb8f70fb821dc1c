import type { ExperimentSpec } from "@orderbench/core/spec";
import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One submitted ExperimentSpec. Its status is not stored: it is derived from its runs' statuses
 * (queries/experiment-status.ts), so it can never disagree with them.
 * created_at has millisecond precision so a (created_at, id) cursor survives a round trip through a JS Date.
 */
export const experiments = pgTable(
  "experiments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** The parsed (defaults filled) ExperimentSpec, re-validated by RunSpec/ExperimentSpec schemas on read. */
    spec: jsonb("spec").$type<ExperimentSpec>().notNull(),
    /** spec.task, denormalised for filtering and the leaderboard. */
    task: text("task").notNull(),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    notes: text("notes"),
    /** Name of the API key that created it (null for local, key-less use). */
    owner: text("owner"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("experiments_created_at_id_idx").on(t.createdAt, t.id),
    index("experiments_task_idx").on(t.task),
    index("experiments_tags_idx").using("gin", t.tags),
  ],
);

export type Experiment = typeof experiments.$inferSelect;
export type NewExperiment = typeof experiments.$inferInsert;
