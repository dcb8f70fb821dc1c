import { mean, pairedDifference, stepsToThreshold, summarize, type CurvePoint, type PairedDifference, type Summary } from "./stats";

/** One finished run as the leaderboard sees it (METHOD.md, "What a result must carry"). */
export interface RunOutcome {
  strategy: string;
  seed: number;
  /** Final value of the leaderboard metric (e.g. exact match). */
  final: number;
  /** Best value during the run. */
  best: number;
  curve: readonly CurvePoint[];
  /**
   * The step at which the run first reached each of the thresholds (in `options.thresholds` order), null
   * where it never did: what stepsToThreshold would find in `curve`, when the caller has it already (the API
   * computes it in the database rather than loading every curve). `curve` is not read when this is given.
   */
  thresholdSteps?: readonly (number | null)[];
  wallMs?: number;
}

export interface ThresholdReach {
  threshold: number;
  /** Mean step at which the metric first reached the threshold, over runs that reached it. */
  meanSteps: number | null;
  /** How many of the strategy's runs reached it. */
  reached: number;
}

export interface StrategyRow {
  strategy: string;
  final: Summary;
  /** Best value of any run. */
  best: number;
  /** Final metric minus the baseline's, paired by seed, with a 95% t interval; null without common seeds. */
  vsBaseline: PairedDifference | null;
  convergence: ThresholdReach[];
  meanWallMs: number | null;
}

/**
 * A leaderboard row per strategy: mean ± std over seeds, n, best, the difference to the baseline
 * (plain) paired by seed with a 95% CI, and steps to each threshold. Rows keep the input's strategy order.
 */
export function aggregateByStrategy(
  runs: readonly RunOutcome[],
  options: { baseline?: string; thresholds?: readonly number[] } = {},
): StrategyRow[] {
  const baseline = options.baseline ?? "plain";
  const thresholds = options.thresholds ?? [0.5, 0.9];
  const groups = new Map<string, RunOutcome[]>();
  for (const r of runs) {
    const group = groups.get(r.strategy);
    if (group) group.push(r);
    else groups.set(r.strategy, [r]);
  }
  const bySeed = (rs: readonly RunOutcome[]) => new Map(rs.map((r) => [r.seed, r.final]));
  const base = groups.get(baseline);
  const baseBySeed = base && bySeed(base);
  return [...groups].map(([strategy, rs]) => {
    const wall = rs.flatMap((r) => (r.wallMs === undefined ? [] : [r.wallMs]));
    let best = Number.NEGATIVE_INFINITY;
    for (const r of rs) best = Math.max(best, r.best);
    return {
      strategy,
      final: summarize(rs.map((r) => r.final)) as Summary,
      best,
      vsBaseline: baseBySeed && strategy !== baseline ? pairedDifference(bySeed(rs), baseBySeed) : null,
      convergence: thresholds.map((threshold, i) => {
        const steps: number[] = [];
        for (const r of rs) {
          const s = r.thresholdSteps ? (r.thresholdSteps[i] ?? null) : stepsToThreshold(r.curve, threshold);
          if (s !== null) steps.push(s);
        }
        return { threshold, meanSteps: mean(steps), reached: steps.length };
      }),
      meanWallMs: mean(wall),
    };
  });
}
