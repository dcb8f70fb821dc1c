import { doublePrecision, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One scalar of a run's curve. The primary key (run_id, name, step) makes writes idempotent: a worker that
 * resends a batch after a lost response inserts nothing twice (insert-metric-points.ts, ON CONFLICT DO NOTHING).
 * NaN and ±Infinity are valid double precision values and are stored as such.
 *
 * run_id has no foreign key: its per-row check was ~35% of an insert's cost (PGlite ingest 19,000 →
 * 31,000 points/s without it). The two writers keep what it guaranteed: insert-metric-points locks the
 * batch's runs FOR KEY SHARE once per statement (the lock the check took per row) and writes nothing unless
 * they all exist, and delete-experiment locks its runs FOR UPDATE (waiting for such inserts) and deletes
 * their points before the runs.
 */
export const metricPoints = pgTable(
  "metric_points",
  {
    runId: uuid("run_id").notNull(),
    name: text("name").notNull(),
    step: integer("step").notNull(),
    value: doublePrecision("value").notNull(),
    wallTime: timestamp("wall_time", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: "metric_points_pk", columns: [t.runId, t.name, t.step] })],
);

export type MetricPoint = typeof metricPoints.$inferSelect;
export type NewMetricPoint = typeof metricPoints.$inferInsert;
