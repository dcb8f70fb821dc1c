import type { RunSpec } from "@orderbench/core/spec";
import { sql } from "drizzle-orm";
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { checkpoints } from "./checkpoints";
import { runStatus } from "./enums";
import { experiments } from "./experiments";
import { workers } from "./workers";

/** Final metrics as the engine reports them (accuracy, digitAccuracy, loss, …); non-finite values as null. */
export type FinalMetrics = Record<string, number | null>;

/**
 * One training run: a point of the experiment's grid (strategy × seed × lr × batchSize) and its queue state.
 * The queue lives in this table (claim-run.ts): `queued` rows are claimed FIFO by (queued_at, grid_index)
 * with FOR UPDATE SKIP LOCKED; a claim sets worker_id and lease_expires_at, heartbeats extend the lease.
 */
/**
 * A run's spec without what varies inside one comparison (strategy, seed) or does not change its result
 * (how often it evaluates and checkpoints): the settings runs must share to be pooled in a leaderboard row.
 * `runs.config_id` is its md5; list-leaderboard-rows reads it to label configurations.
 */
export const COMPARABLE_SETTINGS = sql.raw(`("spec" - 'strategy' - 'seed' - 'evalInterval' - 'checkpointInterval')`);

export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    experimentId: uuid("experiment_id")
      .notNull()
      .references(() => experiments.id, { onDelete: "cascade" }),
    /** Position in expandGrid's order; breaks queued_at ties so an experiment's runs start in grid order. */
    gridIndex: integer("grid_index").notNull(),
    strategy: text("strategy").notNull(),
    seed: bigint("seed", { mode: "number" }).notNull(),
    /** spec.task and spec.model.preset, denormalised for the leaderboard and for claim capability filters. */
    task: text("task").notNull(),
    preset: text("preset").notNull(),
    spec: jsonb("spec").$type<RunSpec>().notNull(),
    status: runStatus("status").notNull().default("queued"),
    /** Claims so far; claim-run increments it, a lost lease keeps it, so the next claim is attempt + 1. */
    attempt: integer("attempt").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    workerId: uuid("worker_id").references(() => workers.id, { onDelete: "set null" }),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    /** Fraction of the step budget done, 0…1. */
    progress: real("progress").notNull().default(0),
    step: integer("step").notNull().default(0),
    tokens: bigint("tokens", { mode: "number" }).notNull().default(0),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    finalMetrics: jsonb("final_metrics").$type<FinalMetrics>(),
    /** Double, not real: a float4 would read 0.95 back as 0.949999988. */
    bestMetric: doublePrecision("best_metric"),
    bestStep: integer("best_step"),
    error: text("error"),
    /** Loss became NaN/Infinity; the run is failed with this flag rather than crashing the worker. */
    diverged: boolean("diverged").notNull().default(false),
    /** Latest checkpoint to resume from. */
    checkpointId: uuid("checkpoint_id").references((): AnyPgColumn => checkpoints.id, { onDelete: "set null" }),
    /** Target permutation π the run trained with (plain order indices), once the worker resolved it. */
    permutation: integer("permutation").array(),
    /**
     * Backends whose workers gave the run back as beyond them (decline-run.ts: a model too large for wasm's
     * heap); claim-run hands it only to workers of other backends. Empty for most runs.
     */
    declinedBackends: text("declined_backends").array().notNull().default(sql`'{}'::text[]`),
    /** Why the last declining worker could not train it, as that worker said. */
    declineReason: text("decline_reason"),
    /**
     * The run's configuration: md5 of its spec without strategy, seed, evalInterval and checkpointInterval
     * (jsonb prints one canonical text per value). Runs of one configuration may be pooled in a leaderboard
     * row; computed by the database on insert, so it cannot drift from the spec.
     */
    configId: text("config_id").notNull().generatedAlwaysAs(sql`md5(${COMPARABLE_SETTINGS}::text)`),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("runs_claim_idx").on(t.status, t.queuedAt, t.gridIndex),
    index("runs_lease_idx").on(t.status, t.leaseExpiresAt),
    uniqueIndex("runs_experiment_grid_idx").on(t.experimentId, t.gridIndex),
    index("runs_leaderboard_idx").on(t.task, t.preset, t.status),
    index("runs_worker_idx").on(t.workerId),
  ],
);

export type Run = typeof runs.$inferSelect;
export type NewRun = typeof runs.$inferInsert;
