import type { StrategyRow } from "@orderbench/core/leaderboard";
import { aggregateInDirection } from "@orderbench/core/leaderboard-direction";
import { metricDirection, primaryMetricOf, type MetricDirection } from "@orderbench/core/plan";
import { getLeaderboardVersion, listLeaderboardRows, type LeaderboardRow } from "@orderbench/db/queries";
import { badInput } from "../errors";
import type { ServiceContext } from "./context";

export interface LeaderboardInput {
  task: string;
  preset: string;
  /** Key of the runs' final metrics, e.g. "exact_match" (what the worker reports). */
  metric: string;
  /** Metric series for steps-to-threshold; default `eval/<metric>`, the worker's evaluation series. */
  curve?: string | null;
  baseline?: string | null;
  thresholds?: readonly number[] | null;
  experimentId?: string | null;
}

/** Strategies are compared within one configuration: runs differing in estimator, lr or batch size are not pooled. */
export interface LeaderboardGroupRow extends StrategyRow {
  estimator: string;
  lr: number;
  batchSize: number;
  runIds: string[];
}

export interface Leaderboard {
  task: string;
  preset: string;
  metric: string;
  /** "min" for a loss or perplexity (core metricDirection): best is lowest, thresholds are reached from above. */
  direction: MetricDirection;
  curve: string;
  baseline: string;
  thresholds: number[];
  rows: LeaderboardGroupRow[];
  /** Succeeded runs that did not report the metric (left out of the rows). */
  missingMetric: number;
}

const DEFAULT_THRESHOLDS = [0.5, 0.9];

/** Leaderboards kept per process (one per argument set), least recently used evicted. */
export const MAX_CACHED_LEADERBOARDS = 64;

/** A computed leaderboard and the fingerprint of the runs it was computed from (db getLeaderboardVersion). */
export interface CachedLeaderboard {
  version: string;
  board: Promise<Leaderboard>;
}

/**
 * The task's leaderboard over succeeded runs: per configuration and strategy, mean ± std of the final
 * metric over seeds, n, best, the difference to the baseline paired by seed with a 95% CI, and
 * steps-to-threshold from the stored curve (`eval/<metric>` by default) (core aggregateInDirection: for a
 * lower-is-better metric the best is the lowest value and a threshold is reached by falling to it).
 * A run's best is the best of its stored best (when the metric is the task's primary metric, which is what
 * the worker tracks), its curve and its final value.
 *
 * A succeeded run's results are final, so a leaderboard changes only when a run of its task finishes or is
 * removed. Each call reads the fingerprint of those runs (one pass over the runs index, no metric points)
 * and answers from the process's cache while it is unchanged; otherwise it computes the leaderboard, with
 * steps-to-threshold aggregated in the database. Concurrent calls for the same board share one computation.
 * The fingerprint is read before the runs, so a run finishing in between only causes one more computation.
 */
export async function getLeaderboard({ db, leaderboards }: ServiceContext, input: LeaderboardInput): Promise<Leaderboard> {
  const thresholds = [...(input.thresholds ?? DEFAULT_THRESHOLDS)];
  if (thresholds.length > 10) throw badInput("thresholds", `thresholds has ${thresholds.length} items, more than the limit of 10`, { limit: 10 });
  const args = {
    task: input.task,
    preset: input.preset,
    metric: input.metric,
    curve: input.curve ?? `eval/${input.metric}`,
    baseline: input.baseline ?? "plain",
    thresholds,
    experimentId: input.experimentId ?? null,
  };
  const key = JSON.stringify(args);
  const version = await getLeaderboardVersion(db, { task: args.task, preset: args.preset, ...(args.experimentId && { experimentId: args.experimentId }) });
  const hit = leaderboards.get(key);
  if (hit && hit.version === version) {
    leaderboards.delete(key);
    leaderboards.set(key, hit);
    return hit.board;
  }
  const board = computeLeaderboard(db, args);
  leaderboards.set(key, { version, board });
  if (leaderboards.size > MAX_CACHED_LEADERBOARDS) leaderboards.delete(leaderboards.keys().next().value as string);
  board.catch(() => {
    if (leaderboards.get(key)?.board === board) leaderboards.delete(key);
  });
  return board;
}

async function computeLeaderboard(
  db: ServiceContext["db"],
  args: { task: string; preset: string; metric: string; curve: string; baseline: string; thresholds: number[]; experimentId: string | null },
): Promise<Leaderboard> {
  const { baseline, thresholds, curve } = args;
  const direction = metricDirection(args.metric);
  const rows = await listLeaderboardRows(db, {
    task: args.task,
    preset: args.preset,
    metric: args.metric,
    ...(args.experimentId && { experimentId: args.experimentId }),
    convergence: { curve, thresholds, direction },
  });
  // The worker stores the best of the task's primary metric only.
  const storedBestApplies = primaryMetricOf(args.task).name === args.metric;
  const better = (a: number, b: number) => (direction === "max" ? Math.max(a, b) : Math.min(a, b));
  const bestOf = (r: LeaderboardRow & { finalMetric: number }): number => {
    let best = r.finalMetric;
    if (r.curveBest !== null && r.curveBest !== undefined) best = better(best, r.curveBest);
    if (storedBestApplies && r.bestMetric !== null && Number.isFinite(r.bestMetric)) best = better(best, r.bestMetric);
    return best;
  };
  const scored = rows.filter((r): r is LeaderboardRow & { finalMetric: number } => r.finalMetric !== null);
  const groups = new Map<string, (LeaderboardRow & { finalMetric: number })[]>();
  for (const r of scored) {
    const key = JSON.stringify([r.estimator, r.lr, r.batchSize]);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const out: LeaderboardGroupRow[] = [];
  for (const group of groups.values()) {
    const first = group[0] as LeaderboardRow;
    const aggregated = aggregateInDirection(
      group.map((r) => ({
        strategy: r.strategy,
        seed: r.seed,
        final: r.finalMetric,
        best: bestOf(r),
        curve: [],
        thresholdSteps: r.thresholdSteps ?? thresholds.map(() => null),
      })),
      { direction, baseline, thresholds },
    );
    const runIds = new Map<string, string[]>();
    for (const r of group) {
      const ids = runIds.get(r.strategy);
      if (ids) ids.push(r.runId);
      else runIds.set(r.strategy, [r.runId]);
    }
    for (const row of aggregated) {
      out.push({ ...row, estimator: first.estimator, lr: first.lr, batchSize: first.batchSize, runIds: runIds.get(row.strategy) ?? [] });
    }
  }
  return { task: args.task, preset: args.preset, metric: args.metric, direction, curve, baseline, thresholds, rows: out, missingMetric: rows.length - scored.length };
}
