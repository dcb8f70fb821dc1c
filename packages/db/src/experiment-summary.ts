import { eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { Db } from "./db";
import { experiments, runs, runStatus, type Experiment, type RunStatus } from "./schema/index";

/**
 * An experiment's status is derived from its runs, never stored, so it cannot drift from them:
 * running if any run is running; else queued if any is queued; else failed if any failed; else succeeded if
 * any succeeded (cancelled siblings do not spoil a finished experiment); else cancelled.
 */
export type ExperimentStatus = RunStatus;

export interface RunCounts {
  total: number;
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  cancelled: number;
}

export interface ExperimentSummary extends Experiment {
  status: ExperimentStatus;
  runCounts: RunCounts;
}

const count = (status?: RunStatus) =>
  (status === undefined ? sql<number>`count(*)::int` : sql<number>`(count(*) filter (where ${runs.status} = ${status}::${runStatus}))::int`);

/** SELECT experiments.*, counts, status FROM experiments CROSS JOIN LATERAL (per-status run counts). */
export function selectExperimentSummaries(db: Db) {
  const counts = db
    .select({
      total: count().as("total"),
      queued: count("queued").as("queued"),
      running: count("running").as("running"),
      succeeded: count("succeeded").as("succeeded"),
      failed: count("failed").as("failed"),
      cancelled: count("cancelled").as("cancelled"),
    })
    .from(runs)
    .where(eq(runs.experimentId, experiments.id))
    .as("run_counts");
  // Qualified by hand: drizzle leaves columns unqualified in a one-table select list.
  const c = (field: keyof RunCounts) => sql.raw(`"run_counts"."${field}"`);
  const status: SQL<ExperimentStatus> = sql<ExperimentStatus>`(CASE
    WHEN ${c("running")} > 0 THEN 'running'
    WHEN ${c("queued")} > 0 THEN 'queued'
    WHEN ${c("failed")} > 0 THEN 'failed'
    WHEN ${c("succeeded")} > 0 THEN 'succeeded'
    WHEN ${c("cancelled")} > 0 THEN 'cancelled'
    ELSE 'queued' END)`;
  const query = db
    .select({ ...getTableColumns(experiments), status, counts: {
        total: counts.total,
        queued: counts.queued,
        running: counts.running,
        succeeded: counts.succeeded,
        failed: counts.failed,
        cancelled: counts.cancelled,
      },
    })
    .from(experiments)
    .crossJoinLateral(counts)
    .$dynamic();
  return { query, status };
}

export function toSummary(row: Experiment & { status: ExperimentStatus; counts: RunCounts }): ExperimentSummary {
  const { counts, ...experiment } = row;
  return { ...experiment, runCounts: { ...counts } };
}
