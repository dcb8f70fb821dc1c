import type { MiTable } from "@orderbench/core/mi";
import { integer, jsonb, pgTable, text, timestamp, unique, uuid, bigint } from "drizzle-orm/pg-core";

/** Per-position MI estimates of a task's training split, cached so every run of a task orders the same way. */
export const miAnalyses = pgTable(
  "mi_analyses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    task: text("task").notNull(),
    estimator: text("estimator").notNull(),
    /** Joint size of plugin-joint-k and of the greedy-mi gain; stored for every estimator. */
    k: integer("k").notNull(),
    dataSeed: bigint("data_seed", { mode: "number" }).notNull(),
    table: jsonb("table").$type<MiTable>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("mi_analyses_key").on(t.task, t.estimator, t.k, t.dataSeed)],
);

export type MiAnalysis = typeof miAnalyses.$inferSelect;
