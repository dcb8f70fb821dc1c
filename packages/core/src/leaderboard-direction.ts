import { aggregateByStrategy, type RunOutcome, type StrategyRow } from "./leaderboard";
import type { MetricDirection } from "./plan";

/**
 * aggregateByStrategy for a metric of either direction. For a lower-is-better metric (perplexity) a
 * strategy's `best` is its lowest value and a threshold is reached when the metric falls to it or below:
 * the runs are aggregated with their values negated, and the rows negated back, so means, differences to
 * the baseline (still strategy − baseline) and their intervals keep their usual meaning and sign.
 */
export function aggregateInDirection(
  runs: readonly RunOutcome[],
  options: { direction: MetricDirection; baseline?: string; thresholds?: readonly number[] },
): StrategyRow[] {
  const { direction, ...rest } = options;
  if (direction === "max") return aggregateByStrategy(runs, rest);
  const negated = runs.map((r) => ({ ...r, final: -r.final, best: -r.best, curve: r.curve.map((p) => ({ step: p.step, value: -p.value })) }));
  const rows = aggregateByStrategy(negated, { ...rest, thresholds: (options.thresholds ?? []).map((t) => -t) });
  return rows.map((row) => ({
    ...row,
    final: { ...row.final, mean: -row.final.mean, min: -row.final.max, max: -row.final.min },
    best: -row.best,
    vsBaseline: row.vsBaseline && {
      ...row.vsBaseline,
      mean: -row.vsBaseline.mean,
      ci95: row.vsBaseline.ci95 && [-row.vsBaseline.ci95[1], -row.vsBaseline.ci95[0]],
    },
    convergence: row.convergence.map((c) => ({ ...c, threshold: -c.threshold })),
  }));
}
