import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../db";
import { isUuid } from "../ids";
import { METRIC_CHUNK_SHIFT } from "../schema/index";

export interface MetricPointInput {
  runId: string;
  name: string;
  /** Optimizer step, a non-negative integer. */
  step: number;
  /** Any double, NaN and ±Infinity included (a diverged loss is recorded, not dropped). */
  value: number;
  /** When it was measured; default: when this batch is written. */
  wallTime?: Date;
}

/** Rows per INSERT statement: bounds statement size and lock time; the batch as a whole is one transaction. */
export const METRIC_ROWS_PER_INSERT = 10_000;

/**
 * Writes a batch of points as multi-row `INSERT … SELECT FROM unnest(…) ON CONFLICT (run_id, name, step) DO
 * NOTHING`, and refuses the batch if one of its runs does not exist (a RangeError; nothing is written). Each
 * column travels as one array parameter, so a statement has 6 bind parameters whatever its
 * row count — never near PostgreSQL's 65,535 or PGlite's 32,767 (chunk.ts) — and the SQL text stays small
 * (drizzle's VALUES builder alone costs ~0.1 ms per row, which would cap ingest near 10,000 points/s).
 * Statements of `rowsPerInsert` rows run in one transaction, so a batch lands whole or not at all.
 * Rows are inserted in key order, so concurrent overlapping batches lock keys in the same order (no deadlock).
 * Resending a batch, or an overlapping one, inserts only the points not already stored: the first value
 * written for a (run, name, step) wins. The same statement folds the points it inserted, and only those,
 * into their series' 64-step chunk summaries (schema/metric-chunks.ts). Returns how many points were new.
 */
export async function insertMetricPoints(db: Db, points: readonly MetricPointInput[], options: { rowsPerInsert?: number } = {}): Promise<number> {
  if (points.length === 0) return 0;
  const columns = toColumns(points);
  const size = options.rowsPerInsert ?? METRIC_ROWS_PER_INSERT;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`rowsPerInsert must be a positive integer, got ${size}`);
  const write = async (tx: Db) => {
    let inserted = 0;
    for (let from = 0; from < points.length; from += size) {
      const part = (column: readonly string[]) => (points.length <= size ? column : column.slice(from, from + size));
      const runIds = [...new Set(part(columns.runIds))];
      // metric_points has no foreign key (schema/metric-points.ts): the statement locks the batch's runs as the
      // per-row check did, once, and inserts nothing unless every one of them exists.
      const result = await tx.execute(sql`
        WITH held AS (
          SELECT id FROM runs WHERE id = ANY(${arrayLiteral(runIds)}::uuid[]) FOR KEY SHARE
        ), inserted AS (
          INSERT INTO metric_points (run_id, name, step, value, wall_time)
          SELECT * FROM unnest(
            ${arrayLiteral(part(columns.runIds))}::uuid[],
            ${arrayLiteral(part(columns.names))}::text[],
            ${arrayLiteral(part(columns.steps))}::int[],
            ${arrayLiteral(part(columns.values))}::double precision[],
            ${arrayLiteral(part(columns.wallTimes))}::timestamptz[]
          ) AS t(run_id, name, step, value, wall_time)
          WHERE (SELECT count(*) FROM held) = ${runIds.length}::int
          ORDER BY run_id, name, step
          ON CONFLICT (run_id, name, step) DO NOTHING
          RETURNING run_id, name, step, value
        ), chunked AS (
          INSERT INTO metric_chunks AS c (run_id, name, chunk, n, min_value, min_step, max_value, max_step, last_step)
          SELECT run_id, name, chunk, n, mn[1], mn[2]::int, mx[1], (-mx[2])::int, last_step
          FROM (
            SELECT run_id, name, step >> ${METRIC_CHUNK_SHIFT}::int AS chunk, count(*)::int AS n,
                   min(ARRAY[value, step]) AS mn, max(ARRAY[value, -step]) AS mx, max(step) AS last_step
            FROM inserted GROUP BY 1, 2, 3
          ) AS g
          ORDER BY run_id, name, chunk
          ON CONFLICT (run_id, name, chunk) DO UPDATE SET
            n = c.n + excluded.n,
            min_value = CASE WHEN (excluded.min_value, excluded.min_step) < (c.min_value, c.min_step) THEN excluded.min_value ELSE c.min_value END,
            min_step = CASE WHEN (excluded.min_value, excluded.min_step) < (c.min_value, c.min_step) THEN excluded.min_step ELSE c.min_step END,
            max_value = CASE WHEN (excluded.max_value, -excluded.max_step) > (c.max_value, -c.max_step) THEN excluded.max_value ELSE c.max_value END,
            max_step = CASE WHEN (excluded.max_value, -excluded.max_step) > (c.max_value, -c.max_step) THEN excluded.max_step ELSE c.max_step END,
            last_step = greatest(c.last_step, excluded.last_step)
        )
        SELECT (SELECT count(*) FROM inserted)::int AS n, (SELECT array_agg(id::text) FROM held) AS held`);
      const row = rowsOf<{ n: number; held: string[] | string | null }>(result)[0];
      if (Number(row?.held?.length ?? 0) < runIds.length) {
        const found = new Set(Array.isArray(row?.held) ? row.held : []);
        const missing = runIds.find((id) => !found.has(id)) ?? runIds[0];
        throw new RangeError(`run ${missing} does not exist; its metric points were not written`);
      }
      inserted += Number(row?.n ?? 0);
    }
    return inserted;
  };
  return points.length <= size ? write(db) : db.transaction((tx) => write(tx));
}

/**
 * Checks every point and formats each column's array elements in one pass. A batch repeats its run id, its
 * few metric names and its wall times (one per step), so each distinct value is checked and formatted once
 * per run of equal values rather than once per point.
 */
function toColumns(points: readonly MetricPointInput[]): { runIds: string[]; names: string[]; steps: string[]; values: string[]; wallTimes: string[] } {
  const n = points.length;
  const runIds = new Array<string>(n);
  const names = new Array<string>(n);
  const steps = new Array<string>(n);
  const values = new Array<string>(n);
  const wallTimes = new Array<string>(n);
  const now = new Date().toISOString();
  let runId: string | undefined;
  let name: string | undefined;
  let quoted = "";
  let time = Number.NaN;
  let iso = now;
  for (let i = 0; i < n; i++) {
    const p = points[i] as MetricPointInput;
    if (p.runId !== runId) {
      if (typeof p.runId !== "string" || !isUuid(p.runId)) throw new RangeError(`points[${i}].runId must be a run id (a UUID)`);
      runId = p.runId;
    }
    if (p.name !== name) {
      if (typeof p.name !== "string" || p.name.length === 0 || p.name.length > 200) {
        throw new RangeError(`points[${i}].name must be a non-empty string of at most 200 characters`);
      }
      name = p.name;
      quoted = quote(p.name);
    }
    if (!Number.isInteger(p.step) || p.step < 0 || p.step > 2_147_483_647) {
      throw new RangeError(`points[${i}].step must be an integer from 0 to 2147483647, got ${p.step}`);
    }
    if (typeof p.value !== "number") throw new RangeError(`points[${i}].value must be a number, got ${typeof p.value}`);
    runIds[i] = runId;
    names[i] = quoted;
    steps[i] = String(p.step);
    values[i] = String(p.value);
    if (p.wallTime === undefined) wallTimes[i] = now;
    else {
      const t = p.wallTime.getTime();
      if (t !== time) {
        if (Number.isNaN(t)) throw new RangeError(`points[${i}].wallTime is an invalid date`);
        time = t;
        iso = p.wallTime.toISOString();
      }
      wallTimes[i] = iso;
    }
  }
  return { runIds, names, steps, values, wallTimes };
}

/** A PostgreSQL array literal of already-formatted elements; String(NaN), "Infinity", "-Infinity" parse as float8. */
function arrayLiteral(elements: readonly string[]): string {
  return `{${elements.join(",")}}`;
}

/** An array element in double quotes, with `"` and `\` escaped, so any name survives. */
function quote(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
