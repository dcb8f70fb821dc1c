import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { COMPARABLE_SETTINGS, runs } from "../schema/index";

export interface LeaderboardRowsInput {
  task: string;
  /** Model preset; all presets when omitted (rows carry it). */
  preset?: string;
  /** Key of final_metrics, e.g. "accuracy". */
  metric: string;
  experimentId?: string;
  /**
   * Also read, per run, the first step at which this metric series reached each threshold (thresholdSteps)
   * and its best value (curveBest). `direction` "min" (a loss, a perplexity): a threshold is reached when the
   * series falls to it or below, and the best value is the lowest; default "max".
   */
  convergence?: { curve: string; thresholds: readonly number[]; direction?: "max" | "min" };
}

/** One succeeded run's result; the API aggregates these by strategy with core/stats (mean ± std, paired CI). */
export interface LeaderboardRow {
  runId: string;
  experimentId: string;
  preset: string;
  strategy: string;
  seed: number;
  /** Identifies the run's comparable settings (getComparableSettings); equal for runs that may be pooled. */
  configId: string;
  estimator: string;
  lr: number;
  batchSize: number;
  /** final_metrics[metric]; null when the run did not report it (or reported a non-finite value). */
  finalMetric: number | null;
  bestMetric: number | null;
  bestStep: number | null;
  step: number;
  tokens: number;
  finishedAt: Date | null;
  /**
   * With `convergence`: per threshold, the smallest step whose finite value in the curve is at least the
   * threshold (at most, for direction "min"), null where none is (core's stepsToThreshold over the finite
   * points); else absent.
   */
  thresholdSteps?: (number | null)[];
  /** With `convergence`: the curve's best finite value in its direction, null for an empty curve; else absent. */
  curveBest?: number | null;
}

/**
 * Succeeded runs of a task (and preset), ordered by preset, strategy, seed. Uses runs_leaderboard_idx.
 * Steps-to-threshold are computed in the database, one primary-key range of metric_points per run, so a
 * leaderboard over 10,000 runs reads 10,000 rows rather than every point of their curves.
 */
export async function listLeaderboardRows(db: Db, input: LeaderboardRowsInput): Promise<LeaderboardRow[]> {
  if (input.experimentId !== undefined && !isUuid(input.experimentId)) return [];
  const thresholds = input.convergence?.thresholds ?? [];
  if (thresholds.some((t) => !Number.isFinite(t))) throw new RangeError(`thresholds must be finite numbers, got ${thresholds.join(", ")}`);
  const firstStepsSql = input.convergence ? curveSummary(input.convergence.curve, thresholds, input.convergence.direction ?? "max") : undefined;
  const rows = await db
    .select({
      runId: runs.id,
      experimentId: runs.experimentId,
      preset: runs.preset,
      strategy: runs.strategy,
      seed: runs.seed,
      configId: runs.configId,
      estimator: sql<string>`${runs.spec} ->> 'estimator'`,
      lr: sql<number>`(${runs.spec} -> 'optimizer' ->> 'lr')::double precision`.mapWith(Number),
      batchSize: sql<number>`(${runs.spec} ->> 'batchSize')::int`.mapWith(Number),
      finalMetric: sql<number | null>`(${runs.finalMetrics} ->> ${input.metric}::text)::double precision`,
      bestMetric: runs.bestMetric,
      bestStep: runs.bestStep,
      step: runs.step,
      tokens: runs.tokens,
      finishedAt: runs.finishedAt,
      firstSteps: firstStepsSql ?? sql<unknown>`NULL`,
    })
    .from(runs)
    .where(
      and(
        eq(runs.task, input.task),
        eq(runs.status, "succeeded"),
        input.preset === undefined ? undefined : eq(runs.preset, input.preset),
        input.experimentId === undefined ? undefined : eq(runs.experimentId, input.experimentId),
      ),
    )
    // grid_index and id break ties (the grid points of one experiment finishing together), so the order of the
    // configurations in the API's rows does not depend on the query plan.
    .orderBy(asc(runs.preset), asc(runs.strategy), asc(runs.seed), asc(runs.finishedAt), asc(runs.gridIndex), asc(runs.id));
  return rows.map(({ firstSteps: summary, ...r }) => ({
    ...r,
    finalMetric: r.finalMetric === null ? null : Number(r.finalMetric),
    ...(firstStepsSql && parseSummary(summary, thresholds.length)),
  }));
}

/**
 * The comparable settings (schema/runs.ts COMPARABLE_SETTINGS) of the given runs, by run id: one
 * primary-key lookup each, for one representative run per configuration.
 */
export async function getComparableSettings(db: Db, runIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const ids = runIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: runs.id, settings: sql<unknown>`${COMPARABLE_SETTINGS}` })
    .from(runs)
    .where(inArray(runs.id, ids));
  return new Map(rows.map((r) => [r.id, (typeof r.settings === "string" ? JSON.parse(r.settings) : r.settings) as Record<string, unknown>]));
}

/**
 * Per run, `[best, step at threshold 1, step at threshold 2, …]` as a double precision array (NULL elements
 * where a threshold is not reached or the curve is empty): a lateral aggregate over the run's (run_id, name)
 * range of the primary key. NaN sorts above every number in PostgreSQL, so finite values are picked
 * explicitly, as core does.
 */
function curveSummary(curve: string, thresholds: readonly number[], direction: "max" | "min"): SQL<unknown> {
  const reached = (t: number) => (direction === "max" ? sql`m.value >= ${t}::double precision` : sql`m.value <= ${t}::double precision`);
  const columns = sql.join(
    [
      direction === "max" ? sql`max(m.value)` : sql`min(m.value)`,
      ...thresholds.map((t) => sql`(min(m.step) FILTER (WHERE ${reached(t)}))::double precision`),
    ],
    sql`, `,
  );
  return sql`(SELECT ARRAY[${columns}] FROM metric_points m
    WHERE m.run_id = ${runs.id} AND m.name = ${curve}::text AND m.value > '-Infinity'::double precision AND m.value < 'Infinity'::double precision)`;
}

/** The array of curveSummary: postgres.js gives null for a NULL element, drizzle over PGlite NaN. */
function parseSummary(value: unknown, n: number): { curveBest: number | null; thresholdSteps: (number | null)[] } {
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const at = (i: number): number | null => {
    const v = items[i];
    if (v === null || v === undefined) return null;
    const x = Number(v);
    return Number.isFinite(x) ? x : null;
  };
  return { curveBest: at(0), thresholdSteps: Array.from({ length: n }, (_, i) => at(i + 1)) };
}
