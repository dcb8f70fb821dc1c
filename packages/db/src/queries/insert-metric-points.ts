import { sql } from "drizzle-orm";
import { chunk } from "../chunk";
import { rowsOf, type Db } from "../db";
import { isUuid } from "../ids";

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
 * NOTHING`: each column travels as one array parameter, so a statement has 5 bind parameters whatever its
 * row count — never near PostgreSQL's 65,535 or PGlite's 32,767 (chunk.ts) — and the SQL text stays small
 * (drizzle's VALUES builder alone costs ~0.1 ms per row, which would cap ingest near 10,000 points/s).
 * Statements of `rowsPerInsert` rows run in one transaction, so a batch lands whole or not at all.
 * Rows are inserted in key order, so concurrent overlapping batches lock keys in the same order (no deadlock).
 * Resending a batch, or an overlapping one, inserts only the points not already stored: the first value
 * written for a (run, name, step) wins. Returns how many points were new.
 */
export async function insertMetricPoints(db: Db, points: readonly MetricPointInput[], options: { rowsPerInsert?: number } = {}): Promise<number> {
  if (points.length === 0) return 0;
  const now = new Date().toISOString();
  const rows = points.map((p, i) => {
    if (typeof p.runId !== "string" || !isUuid(p.runId)) throw new RangeError(`points[${i}].runId must be a run id (a UUID)`);
    if (typeof p.name !== "string" || p.name.length === 0 || p.name.length > 200) {
      throw new RangeError(`points[${i}].name must be a non-empty string of at most 200 characters`);
    }
    if (!Number.isInteger(p.step) || p.step < 0 || p.step > 2_147_483_647) {
      throw new RangeError(`points[${i}].step must be an integer from 0 to 2147483647, got ${p.step}`);
    }
    if (typeof p.value !== "number") throw new RangeError(`points[${i}].value must be a number, got ${typeof p.value}`);
    if (p.wallTime !== undefined && Number.isNaN(p.wallTime.getTime())) throw new RangeError(`points[${i}].wallTime is an invalid date`);
    return p;
  });
  const parts = chunk(rows, options.rowsPerInsert ?? METRIC_ROWS_PER_INSERT);
  const write = async (tx: Db) => {
    let inserted = 0;
    for (const part of parts) {
      const result = await tx.execute(sql`
        WITH inserted AS (
          INSERT INTO metric_points (run_id, name, step, value, wall_time)
          SELECT * FROM unnest(
            ${arrayLiteral(part.map((p) => p.runId))}::uuid[],
            ${arrayLiteral(part.map((p) => quote(p.name)))}::text[],
            ${arrayLiteral(part.map((p) => String(p.step)))}::int[],
            ${arrayLiteral(part.map((p) => String(p.value)))}::double precision[],
            ${arrayLiteral(part.map((p) => (p.wallTime ? p.wallTime.toISOString() : now)))}::timestamptz[]
          ) AS t(run_id, name, step, value, wall_time)
          ORDER BY run_id, name, step
          ON CONFLICT (run_id, name, step) DO NOTHING
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM inserted`);
      inserted += Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
    }
    return inserted;
  };
  return parts.length === 1 ? write(db) : db.transaction((tx) => write(tx));
}

/** A PostgreSQL array literal of already-formatted elements; String(NaN), "Infinity", "-Infinity" parse as float8. */
function arrayLiteral(elements: readonly string[]): string {
  return `{${elements.join(",")}}`;
}

/** An array element in double quotes, with `"` and `\` escaped, so any name survives. */
function quote(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
