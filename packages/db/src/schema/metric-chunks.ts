import { doublePrecision, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";

/** A chunk holds the steps whose `step >> METRIC_CHUNK_SHIFT` is equal: 64 consecutive steps. */
export const METRIC_CHUNK_SHIFT = 6;

/**
 * Per series and 64-step chunk, a summary of its metric points, kept by the statement that inserts them
 * (insert-metric-points.ts): how many there are, the smallest value (ties → lowest step), the largest (ties
 * → lowest step) and the last step. Only points the insert actually added count, so a resent batch changes
 * nothing, and a chunk is always the summary of exactly the points stored in it.
 *
 * metricSeries downsamples a long series from these summaries (get-metric-series.ts): a 100,000-point curve
 * is about 1,600 chunk rows, so its per-bucket min/max/last needs no pass over its points. The chunks also
 * list each run's series and their sizes. Like metric_points, no foreign key: the same writers and deleters
 * keep both tables in step (delete-experiment.ts, retry-run.ts).
 */
export const metricChunks = pgTable(
  "metric_chunks",
  {
    runId: uuid("run_id").notNull(),
    name: text("name").notNull(),
    chunk: integer("chunk").notNull(),
    n: integer("n").notNull(),
    minValue: doublePrecision("min_value").notNull(),
    minStep: integer("min_step").notNull(),
    maxValue: doublePrecision("max_value").notNull(),
    maxStep: integer("max_step").notNull(),
    lastStep: integer("last_step").notNull(),
  },
  (t) => [primaryKey({ name: "metric_chunks_pk", columns: [t.runId, t.name, t.chunk] })],
);

export type MetricChunk = typeof metricChunks.$inferSelect;
