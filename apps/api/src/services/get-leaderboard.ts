import { aggregateByStrategy, type StrategyRow } from "@orderbench/core/leaderboard";
import { getMetricSeries, listLeaderboardRows, type LeaderboardRow } from "@orderbench/db/queries";
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
  curve: string;
  baseline: string;
  thresholds: number[];
  rows: LeaderboardGroupRow[];
  /** Succeeded runs that did not report the metric (left out of the rows). */
  missingMetric: number;
}

const DEFAULT_THRESHOLDS = [0.5, 0.9];

/**
 * The task's leaderboard over succeeded runs: per configuration and strategy, mean ± std of the final
 * metric over seeds, n, best, the difference to the baseline paired by seed with a 95% CI, and
 * steps-to-threshold from the stored curve (`eval/<metric>` by default) (core/leaderboard aggregateByStrategy).
 */
export async function getLeaderboard({ db }: ServiceContext, input: LeaderboardInput): Promise<Leaderboard> {
  const thresholds = [...(input.thresholds ?? DEFAULT_THRESHOLDS)];
  if (thresholds.length > 10) throw badInput("thresholds", `thresholds has ${thresholds.length} items, more than the limit of 10`, { limit: 10 });
  const baseline = input.baseline ?? "plain";
  const rows = await listLeaderboardRows(db, {
    task: input.task,
    preset: input.preset,
    metric: input.metric,
    ...(input.experimentId && { experimentId: input.experimentId }),
  });
  const scored = rows.filter((r): r is LeaderboardRow & { finalMetric: number } => r.finalMetric !== null);
  const curve = input.curve ?? `eval/${input.metric}`;
  const curves = await loadCurves(db, scored.map((r) => r.runId), curve);
  const groups = new Map<string, (LeaderboardRow & { finalMetric: number })[]>();
  for (const r of scored) {
    const key = JSON.stringify([r.estimator, r.lr, r.batchSize]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: LeaderboardGroupRow[] = [];
  for (const group of groups.values()) {
    const first = group[0] as LeaderboardRow;
    const aggregated = aggregateByStrategy(
      group.map((r) => ({
        strategy: r.strategy,
        seed: r.seed,
        final: r.finalMetric,
        best: r.bestMetric ?? r.finalMetric,
        curve: curves.get(r.runId) ?? [],
      })),
      { baseline, thresholds },
    );
    for (const row of aggregated) {
      out.push({
        ...row,
        estimator: first.estimator,
        lr: first.lr,
        batchSize: first.batchSize,
        runIds: group.filter((r) => r.strategy === row.strategy).map((r) => r.runId),
      });
    }
  }
  return { task: input.task, preset: input.preset, metric: input.metric, curve, baseline, thresholds, rows: out, missingMetric: rows.length - scored.length };
}

/** Full curves of one metric (evaluation points: a few hundred per run at most), keyed by run. */
async function loadCurves(db: ServiceContext["db"], runIds: string[], metric: string): Promise<Map<string, { step: number; value: number }[]>> {
  const curves = new Map<string, { step: number; value: number }[]>();
  for (let i = 0; i < runIds.length; i += 500) {
    const series = await getMetricSeries(db, { runIds: runIds.slice(i, i + 500), names: [metric] });
    for (const s of series) curves.set(s.runId, s.points.filter((p) => Number.isFinite(p.value)).map((p) => ({ step: p.step, value: p.value })));
  }
  return curves;
}
