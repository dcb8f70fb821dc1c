import type { StrategyRow } from "@orderbench/core/leaderboard";
import { aggregateInDirection } from "@orderbench/core/leaderboard-direction";
import { metricDirection, primaryMetricOf, type MetricDirection } from "@orderbench/core/plan";
import { getComparableSettings, getLeaderboardVersion, listLeaderboardRows, type LeaderboardRow } from "@orderbench/db/queries";
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

/**
 * Strategies are compared within one configuration: runs are pooled only when their specs agree in every
 * setting but strategy, seed and how often they evaluate and checkpoint (db listLeaderboardRows).
 */
export interface LeaderboardGroupRow extends StrategyRow {
  /** Identifies the configuration; rows with equal configId were trained with the same settings. */
  configId: string;
  /** The configuration's settings: the run spec without strategy, seed, evalInterval and checkpointInterval. */
  config: Record<string, unknown>;
  /** What sets this configuration apart from the board's others, e.g. "budget.steps 300 · optimizer.lr 0.01"; "" when it is the only one. */
  configLabel: string;
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
    const group = groups.get(r.configId);
    if (group) group.push(r);
    else groups.set(r.configId, [r]);
  }
  // Each configuration's settings, read from one of its runs.
  const byRun = await getComparableSettings(db, [...groups.values()].map((g) => (g[0] as LeaderboardRow).runId));
  const settings = new Map([...groups].map(([configId, g]) => [configId, byRun.get((g[0] as LeaderboardRow).runId) ?? {}]));
  const labels = configLabels(settings);
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
      out.push({
        ...row,
        configId: first.configId,
        config: settings.get(first.configId) ?? {},
        configLabel: labels.get(first.configId) ?? "",
        estimator: first.estimator,
        lr: first.lr,
        batchSize: first.batchSize,
        runIds: runIds.get(row.strategy) ?? [],
      });
    }
  }
  return { task: args.task, preset: args.preset, metric: args.metric, direction, curve, baseline, thresholds, rows: out, missingMetric: rows.length - scored.length };
}

/** Settings named first in a label, in this order, when they differ; the rest follow alphabetically. */
const LABEL_FIRST = ["estimator", "optimizer.lr", "batchSize"];

/**
 * Per configuration, the settings in which the configurations differ, as "path value" pairs joined by " · "
 * (a setting one configuration lacks shows "—"); "" for each when there is only one configuration.
 */
export function configLabels(configs: ReadonlyMap<string, Record<string, unknown>>): Map<string, string> {
  const flat = new Map([...configs].map(([id, settings]) => [id, flatten(settings)]));
  const paths = new Set([...flat.values()].flatMap((f) => [...f.keys()]));
  const differing = [...paths]
    .filter((path) => new Set([...flat.values()].map((f) => f.get(path) ?? "—")).size > 1)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return new Map([...flat].map(([id, f]) => [id, differing.map((path) => `${path} ${f.get(path) ?? "—"}`).join(" · ")]));
}

function rank(path: string): number {
  const i = LABEL_FIRST.indexOf(path);
  return i === -1 ? LABEL_FIRST.length : i;
}

/** Dotted paths to leaf values as text; arrays are leaves (JSON). */
function flatten(value: Record<string, unknown>, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) flatten(v as Record<string, unknown>, path, out);
    else out.set(path, typeof v === "string" ? v : JSON.stringify(v));
  }
  return out;
}
