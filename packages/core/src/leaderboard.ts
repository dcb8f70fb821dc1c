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
  /** Mean step at which the metric first reached the threshold, over the seeds that reached it. */
  meanSteps: number | null;
  /** How many of the strategy's seeds reached it (a seed's replicate runs count once). */
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
 *
 * The seed is the unit of observation: runs of one strategy with the same seed (a cloned experiment, a
 * re-run) are replicates of one observation and count once, with the mean of their final values, the
 * best of their bests and, per threshold, the mean step over those of them that reached it. So `n` and
 * `reached` count seeds, and repeating a seed cannot narrow a standard deviation or an interval.
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
  const seeds = new Map([...groups].map(([strategy, rs]) => [strategy, perSeed(rs, thresholds)]));
  const bySeed = (obs: readonly SeedObservation[]) => new Map(obs.map((o) => [o.seed, o.final]));
  const base = seeds.get(baseline);
  const baseBySeed = base && bySeed(base);
  return [...groups].map(([strategy, rs]) => {
    const obs = seeds.get(strategy) as SeedObservation[];
    const wall = rs.flatMap((r) => (r.wallMs === undefined ? [] : [r.wallMs]));
    let best = Number.NEGATIVE_INFINITY;
    for (const r of rs) best = Math.max(best, r.best);
    return {
      strategy,
      final: summarize(obs.map((o) => o.final)) as Summary,
      best,
      vsBaseline: baseBySeed && strategy !== baseline ? pairedDifference(bySeed(obs), baseBySeed) : null,
      convergence: thresholds.map((threshold, i) => {
        const steps = obs.flatMap((o) => (o.steps[i] === null ? [] : [o.steps[i] as number]));
        return { threshold, meanSteps: mean(steps), reached: steps.length };
      }),
      meanWallMs: mean(wall),
    };
  });
}

interface SeedObservation {
  seed: number;
  final: number;
  /** Per threshold, the mean first step over the seed's runs that reached it; null where none did. */
  steps: (number | null)[];
}

/** One observation per seed, in the order the seeds first appear. */
function perSeed(rs: readonly RunOutcome[], thresholds: readonly number[]): SeedObservation[] {
  const bySeed = new Map<number, RunOutcome[]>();
  for (const r of rs) {
    const same = bySeed.get(r.seed);
    if (same) same.push(r);
    else bySeed.set(r.seed, [r]);
  }
  return [...bySeed].map(([seed, replicates]) => ({
    seed,
    final: mean(replicates.map((r) => r.final)) as number,
    steps: thresholds.map((threshold, i) => {
      const reached: number[] = [];
      for (const r of replicates) {
        const step = r.thresholdSteps ? (r.thresholdSteps[i] ?? null) : stepsToThreshold(r.curve, threshold);
        if (step !== null) reached.push(step);
      }
      return mean(reached);
    }),
  }));
}
