/**
 * Metric curves in the browser: the downsampled history from `metricSeries` followed by the live points of
 * `runMetrics`. A series keeps steps in increasing order, so a point at or before its last step is a
 * repeat (a resumed stream starts one step early, see urql/resume.ts) and is dropped.
 */
export interface Series {
  steps: number[];
  /** null: the value was NaN or ±Infinity (the run diverged there). */
  values: (number | null)[];
}

export interface Point {
  step: number;
  value: number | null;
}

/** Above this many points a live series is downsampled in place, as the API does (min, max, last per bucket). */
export const DEFAULT_SERIES_CAP = 4000;

export class CurveStore {
  private readonly runs = new Map<string, Map<string, Series>>();
  private readonly listeners = new Set<() => void>();
  /** Grows with every change; charts redraw when it moves. */
  version = 0;

  constructor(private readonly cap = DEFAULT_SERIES_CAP) {}

  get(runId: string, name: string): Series | undefined {
    return this.runs.get(runId)?.get(name);
  }

  /** The last step of any of the run's series; where a stream for it should start. */
  lastStep(runId: string): number | null {
    let last: number | null = null;
    for (const s of this.runs.get(runId)?.values() ?? []) {
      const step = s.steps[s.steps.length - 1];
      if (step !== undefined && (last === null || step > last)) last = step;
    }
    return last;
  }

  /** Stored history; points a live stream already delivered win over it. */
  setHistory(runId: string, name: string, points: readonly Point[]): void {
    const live = this.series(runId, name);
    const firstLive = live.steps[0] ?? Number.POSITIVE_INFINITY;
    const older = points.filter((p) => p.step < firstLive);
    live.steps.unshift(...older.map((p) => p.step));
    live.values.unshift(...older.map((p) => p.value));
    this.changed();
  }

  append(runId: string, points: readonly (Point & { name: string })[]): void {
    let added = false;
    for (const p of points) {
      const s = this.series(runId, p.name);
      const last = s.steps[s.steps.length - 1];
      if (last !== undefined && p.step <= last) continue;
      s.steps.push(p.step);
      s.values.push(p.value);
      added = true;
      if (s.steps.length > this.cap) Object.assign(s, downsample(s, Math.floor(this.cap / 6)));
    }
    if (added) this.changed();
  }

  /** Points held for these runs and this metric (what the chart draws). */
  count(runIds: readonly string[], name: string): number {
    return runIds.reduce((n, id) => n + (this.get(id, name)?.steps.length ?? 0), 0);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private series(runId: string, name: string): Series {
    let byName = this.runs.get(runId);
    if (!byName) this.runs.set(runId, (byName = new Map()));
    let s = byName.get(name);
    if (!s) byName.set(name, (s = { steps: [], values: [] }));
    return s;
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

/**
 * `buckets` equal step ranges, each keeping its minimum, maximum and last point (and its first non-finite
 * one), so spikes and divergence survive; the series' last point is always kept.
 */
export function downsample(s: Series, buckets: number): Series {
  const n = s.steps.length;
  if (n === 0 || buckets < 1 || n <= 3 * buckets) return { steps: [...s.steps], values: [...s.values] };
  const lo = s.steps[0] as number;
  const width = ((s.steps[n - 1] as number) - lo + 1) / buckets;
  const keep = new Set<number>();
  let bucket = -1;
  let min = -1;
  let max = -1;
  let nonFinite = -1;
  const flush = (lastIndex: number) => {
    for (const i of [min, max, nonFinite, lastIndex]) if (i >= 0) keep.add(i);
  };
  for (let i = 0; i < n; i++) {
    const b = Math.min(buckets - 1, Math.floor(((s.steps[i] as number) - lo) / width));
    if (b !== bucket) {
      if (bucket >= 0) flush(i - 1);
      bucket = b;
      min = max = nonFinite = -1;
    }
    const v = s.values[i] as number | null;
    if (v === null) {
      if (nonFinite < 0) nonFinite = i;
    } else {
      if (min < 0 || v < (s.values[min] as number)) min = i;
      if (max < 0 || v > (s.values[max] as number)) max = i;
    }
  }
  flush(n - 1);
  const idx = [...keep].sort((a, b) => a - b);
  return { steps: idx.map((i) => s.steps[i] as number), values: idx.map((i) => s.values[i] as number | null) };
}

/**
 * Debiased exponential moving average (TensorBoard's smoothing): weight 0 is the raw curve, 0.99 very
 * smooth. Non-finite points stay null and do not enter the average.
 */
export function smooth(values: readonly (number | null)[], weight: number): (number | null)[] {
  if (weight <= 0) return [...values];
  let last = 0;
  let n = 0;
  return values.map((v) => {
    if (v === null) return null;
    last = last * weight + (1 - weight) * v;
    n++;
    return last / (1 - weight ** n);
  });
}

/**
 * uPlot's aligned data: one x array (the union of all steps) and per series its values at those steps, null
 * where a series has no point (drawn across with spanGaps).
 */
export function alignSeries(series: readonly Series[]): [number[], ...(number | null)[][]] {
  // Runs read with the same steps (one cadence, one downsampling) need no union: copy them as they are.
  const first = series[0]?.steps;
  if (first && series.every((s) => sameSteps(s.steps, first))) return [first.slice(), ...series.map((s) => s.values.slice())];
  const all = new Set<number>();
  for (const s of series) for (const step of s.steps) all.add(step);
  const xs = [...all].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const out: (number | null)[] = new Array(xs.length).fill(null);
    s.steps.forEach((step, i) => {
      out[index.get(step) as number] = s.values[i] as number | null;
    });
    return out;
  });
  return [xs, ...ys];
}

function sameSteps(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
