import { doublePrecision, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { runs } from "./runs";

/**
 * One scalar of a run's curve. The primary key (run_id, name, step) makes writes idempotent: a worker that
 * resends a batch after a lost response inserts nothing twice (insert-metric-points.ts, ON CONFLICT DO NOTHING).
 * NaN and ±Infinity are valid double precision values and are stored as such.
 */
export const metricPoints = pgTable(
  "metric_points",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    step: integer("step").notNull(),
    value: doublePrecision("value").notNull(),
    wallTime: timestamp("wall_time", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: "metric_points_pk", columns: [t.runId, t.name, t.step] })],
);

export type MetricPoint = typeof metricPoints.$inferSelect;
export type NewMetricPoint = typeof metricPoints.$inferInsert;
