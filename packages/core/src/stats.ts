/**
 * Seed aggregates for the leaderboard (METHOD.md, "What a result must carry"): mean ± sample std, the
 * difference to `plain` paired by seed with a Student-t 95% interval, and steps-to-threshold.
 *
 * Undefined statistics are `null`, not 0 or NaN: the mean of no values, and the spread of one value —
 * a single seed says nothing about seed-to-seed variation, and a 0 would claim there is none.
 */
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

export type Seed = number;

/** Arithmetic mean; null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n − 1 denominator, two-pass); null for fewer than two values. */
export function std(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

export interface Summary {
  n: number;
  mean: number;
  /** null when n = 1. */
  std: number | null;
  min: number;
  max: number;
}

/** null for no values. */
export function summarize(values: readonly number[]): Summary | null {
  const m = mean(values);
  if (m === null) return null;
  return { n: values.length, mean: m, std: std(values), min: Math.min(...values), max: Math.max(...values) };
}

export interface PairedDifference {
  /** Seeds present in both maps. */
  n: number;
  /** Mean of a − b over those seeds. */
  mean: number;
  /** Sample std of the per-seed differences; null when n = 1. */
  std: number | null;
  /** mean ± t(0.975, n−1)·std/√n; null when n = 1. */
  ci95: [number, number] | null;
}

/**
 * Difference a − b paired by seed (a: a strategy, b: `plain`). Pairing removes the variation the seed
 * causes in both runs, so the interval is narrower than one from two independent samples. Seeds missing
 * from either side (a failed or unfinished run) are left out; null when no seed is in both.
 */
export function pairedDifference(a: ReadonlyMap<Seed, number>, b: ReadonlyMap<Seed, number>): PairedDifference | null {
  const diffs: number[] = [];
  for (const [seed, va] of a) {
    const vb = b.get(seed);
    if (vb !== undefined) diffs.push(va - vb);
  }
  const m = mean(diffs);
  if (m === null) return null;
  const s = std(diffs);
  const n = diffs.length;
  if (s === null) return { n, mean: m, std: null, ci95: null };
  const half = tQuantile(0.975, n - 1) * (s / Math.sqrt(n));
  return { n, mean: m, std: s, ci95: [m - half, m + half] };
}

export interface CurvePoint {
  step: number;
  value: number;
}

/**
 * Convergence: the smallest step at which the metric reaches `threshold` (value ≥ threshold); null if it
 * never does. Taking the smallest step, not the first listed point, makes the order of `curve` irrelevant.
 */
export function stepsToThreshold(curve: readonly CurvePoint[], threshold: number): number | null {
  let best: number | null = null;
  for (const { step, value } of curve) {
    if (value >= threshold && (best === null || step < best)) best = step;
  }
  return best;
}
