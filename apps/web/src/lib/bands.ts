import type { Series } from "./series";

/**
 * Mean ± standard deviation across the seeds of a strategy, for the charts' bands. Each seed's curve is
 * its own set of steps (the API downsamples every run on its own buckets), so the curves are first read at
 * common steps: the union of their steps, thinned evenly to a few thousand, each seed's value there by
 * linear interpolation between its neighbouring points. A seed counts only inside its own step range, so a
 * run that is still training does not drag the mean down past its last step.
 */

/** Most steps a band is computed at; charts are narrower than this in pixels. */
export const BAND_GRID_POINTS = 2000;

/** The union of the series' steps in order, thinned evenly to at most `maxPoints` (first and last kept). */
export function bandGrid(series: readonly Series[], maxPoints = BAND_GRID_POINTS): number[] {
  const all = new Set<number>();
  for (const s of series) for (const step of s.steps) all.add(step);
  const xs = [...all].sort((a, b) => a - b);
  if (xs.length <= maxPoints || maxPoints < 2) return xs;
  const out: number[] = [];
  const stride = (xs.length - 1) / (maxPoints - 1);
  for (let i = 0; i < maxPoints; i++) out.push(xs[Math.round(i * stride)] as number);
  return out;
}

/**
 * The series' value at each of `xs` (ascending): linear between its two neighbouring points, exact at its
 * own steps, null outside its range and next to a non-finite (null) point.
 */
export function resample(s: Series, xs: readonly number[]): (number | null)[] {
  const out: (number | null)[] = new Array(xs.length).fill(null);
  const n = s.steps.length;
  if (n === 0) return out;
  const first = s.steps[0] as number;
  const last = s.steps[n - 1] as number;
  let j = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    if (x < first || x > last) continue;
    while (j < n - 1 && (s.steps[j + 1] as number) < x) j++;
    const x0 = s.steps[j] as number;
    const y0 = s.values[j] as number | null;
    if (x0 === x) {
      out[i] = y0;
      continue;
    }
    const x1 = s.steps[j + 1] as number;
    const y1 = s.values[j + 1] as number | null;
    if (x1 === x) out[i] = y1;
    else if (y0 !== null && y1 !== null) out[i] = y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return out;
}

export interface Band {
  mean: (number | null)[];
  /** mean − std and mean + std; equal to the mean where only one seed has a value. */
  lo: (number | null)[];
  hi: (number | null)[];
  /** Seeds with a value at each step. */
  n: number[];
}

/** Mean and sample standard deviation (n − 1) across the series at each of `xs`. */
export function meanStd(series: readonly Series[], xs: readonly number[]): Band {
  const m = xs.length;
  const sum = new Float64Array(m);
  const sq = new Float64Array(m);
  const n = new Array<number>(m).fill(0);
  for (const s of series) {
    const ys = resample(s, xs);
    for (let i = 0; i < m; i++) {
      const y = ys[i];
      if (y === null || y === undefined) continue;
      sum[i] = (sum[i] as number) + y;
      sq[i] = (sq[i] as number) + y * y;
      n[i] = (n[i] as number) + 1;
    }
  }
  const mean: (number | null)[] = new Array(m).fill(null);
  const lo: (number | null)[] = new Array(m).fill(null);
  const hi: (number | null)[] = new Array(m).fill(null);
  for (let i = 0; i < m; i++) {
    const k = n[i] as number;
    if (k === 0) continue;
    const mu = (sum[i] as number) / k;
    // Sum of squares minus k·mean², clamped: rounding can make it a hair negative for equal values.
    const sd = k > 1 ? Math.sqrt(Math.max(0, ((sq[i] as number) - k * mu * mu) / (k - 1))) : 0;
    mean[i] = mu;
    lo[i] = mu - sd;
    hi[i] = mu + sd;
  }
  return { mean, lo, hi, n };
}
