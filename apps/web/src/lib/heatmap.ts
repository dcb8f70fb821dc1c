import { orderByScores } from "@orderbench/core/ordering";

/**
 * The MI heatmap as data: one row per (table, aggregation) over the target positions, with a colour scale
 * and the order each row implies. Tables are core's MiTable as the API returns it (JSON): `positions` with
 * `score` (what max-mi / min-mi order by) and, for plugin-pairwise, `sum` and `max` over source positions.
 */
export interface MiTableLike {
  estimator?: unknown;
  n?: unknown;
  targetLength?: unknown;
  positions?: unknown;
}

interface PositionLike {
  position: number;
  entropy: number | null;
  score: number | null;
  sum: number | null;
  max: number | null;
  sources: number[] | null;
}

export const AGGREGATIONS = ["score", "sum", "max", "entropy"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

const AGGREGATION_LABEL: Record<Aggregation, string> = {
  score: "score",
  sum: "Σⱼ I(sⱼ; yᵢ)",
  max: "maxⱼ I(sⱼ; yᵢ)",
  entropy: "H(yᵢ)",
};

export interface HeatRow {
  key: string;
  /** Where the table came from, e.g. "runs' table" or "miAnalysis". */
  source: string;
  estimator: string;
  aggregation: Aggregation;
  label: string;
  /** One value per target position (plain order), null where the table has none. */
  values: (number | null)[];
  /** Source positions behind each value, where the table names them (score and max rows). */
  sources?: (number[] | null)[];
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The table's positions, in plain order, with unreadable fields as null. */
export function readPositions(table: MiTableLike | null | undefined): PositionLike[] {
  if (!table || !Array.isArray(table.positions)) return [];
  return table.positions
    .filter((p): p is Record<string, unknown> => !!p && typeof p === "object" && typeof (p as { position?: unknown }).position === "number")
    .map((p) => ({
      position: p.position as number,
      entropy: num(p.entropy),
      score: num(p.score),
      sum: num(p.sum),
      max: num(p.max),
      sources: Array.isArray(p.sources) ? p.sources.filter((x): x is number => typeof x === "number") : null,
    }))
    .sort((a, b) => a.position - b.position);
}

/**
 * Rows of one table: its score, then sum and max where the estimator gives them (plugin-pairwise), and the
 * target entropy when `withEntropy`. Aggregations the table has no value for are left out.
 */
export function miRows(table: MiTableLike, source: string, opts: { withEntropy?: boolean } = {}): HeatRow[] {
  const positions = readPositions(table);
  if (positions.length === 0) return [];
  const width = Math.max(...positions.map((p) => p.position)) + 1;
  const estimator = typeof table.estimator === "string" ? table.estimator : "unknown";
  const rows: HeatRow[] = [];
  for (const aggregation of AGGREGATIONS) {
    if (aggregation === "entropy" && !opts.withEntropy) continue;
    const values: (number | null)[] = new Array(width).fill(null);
    for (const p of positions) values[p.position] = p[aggregation];
    if (values.every((v) => v === null)) continue;
    const row: HeatRow = { key: `${source}|${estimator}|${aggregation}`, source, estimator, aggregation, label: `${estimator} · ${AGGREGATION_LABEL[aggregation]}`, values };
    // pairwise names the argmax source (behind max); joint-k the greedy top-k (behind its score).
    const named = estimator === "plugin-pairwise" ? aggregation === "max" : aggregation === "score";
    if (named && positions.some((p) => p.sources)) {
      row.sources = new Array(width).fill(null);
      for (const p of positions) row.sources[p.position] = p.sources;
    }
    rows.push(row);
  }
  return rows;
}

/** Smallest and largest value of the rows (ignoring nulls); [0, 0] when there is none. */
export function valueRange(rows: readonly Pick<HeatRow, "values">[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of rows)
    for (const v of r.values) {
      if (v === null) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/** Where `v` lies in [lo, hi], as 0…1; 0.5 for a range of one value. */
export function normalize(v: number, [lo, hi]: readonly [number, number]): number {
  if (hi <= lo) return 0.5;
  return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
}

/**
 * Viridis (van der Walt & Smith, matplotlib), sampled at nine stops: perceptually uniform, readable in grey
 * and under the common colour-vision deficiencies. t = 0 is dark purple (little information), 1 yellow.
 */
const VIRIDIS = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"];

function hex(c: string): [number, number, number] {
  return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
}

export function viridis(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = hex(VIRIDIS[i] as string);
  const b = hex(VIRIDIS[i + 1] as string);
  const c = a.map((v, k) => Math.round(v + (((b[k] as number) - v) * f)));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Text on a viridis cell: white on the dark half, black on the light one. */
export function textOn(t: number): string {
  return t < 0.55 ? "#ffffff" : "#000000";
}

/** The order max-mi would train with from this row (positions by decreasing value); null with a gap. */
export function impliedOrder(values: readonly (number | null)[]): number[] | null {
  if (values.some((v) => v === null)) return null;
  return orderByScores(values as number[], "desc");
}

/** A position's rank in a permutation π (π[i] = plain position trained i-th): the i with π[i] = position. */
export function rankIn(permutation: readonly number[], position: number): number {
  return permutation.indexOf(position);
}
