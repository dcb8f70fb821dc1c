import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "../db";
import { isUuid } from "../ids";

export interface SeriesPoint {
  step: number;
  value: number;
  wallTime: Date;
}

export interface MetricSeries {
  runId: string;
  name: string;
  /** Points stored for this series (after `sinceStep`), before downsampling. */
  total: number;
  /** In step order; at most maxPoints, always including the last stored point. */
  points: SeriesPoint[];
}

export interface GetMetricSeriesInput {
  runIds: readonly string[];
  /** Metric names; all of the runs' names when omitted. */
  names?: readonly string[];
  /** Per series; omitted → every point. */
  maxPoints?: number;
  /** Only points with step > sinceStep (resuming a subscription). */
  sinceStep?: number;
}

/**
 * Curves for several runs and names, downsampled in the database so a 100,000-point series costs one round
 * trip of at most maxPoints rows per series. Series come ordered by run id then name; runs or names without
 * points are absent.
 *
 * Downsampling (min/max/last, after M4): a series of n > maxPoints points whose steps span [lo, hi] is cut
 * into B = ⌊maxPoints/3⌋ equal step ranges, `width_bucket(step, lo, hi + 1, B)`; each non-empty bucket keeps
 * its minimum, its maximum (ties → lowest step) and its last point, once each. Spikes and a diverging loss
 * survive, the count is at most 3B ≤ maxPoints, and the last bucket's last point is the series' last point,
 * so it is always kept. With maxPoints < 3 each of maxPoints buckets keeps only its last point.
 * Buckets are equal in steps rather than in point count because the x axis of a curve is the step.
 * One aggregate pass over the primary-key range per series, then ≤ maxPoints primary-key lookups.
 */
export async function getMetricSeries(db: Db, input: GetMetricSeriesInput): Promise<MetricSeries[]> {
  const runIds = input.runIds.filter(isUuid);
  if (runIds.length === 0 || input.names?.length === 0) return [];
  const { maxPoints } = input;
  if (maxPoints !== undefined && (!Number.isInteger(maxPoints) || maxPoints < 1)) {
    throw new RangeError(`maxPoints must be a positive integer, got ${maxPoints}`);
  }
  const names = input.names ? [...input.names] : undefined;
  const sinceStep = input.sinceStep === undefined ? undefined : Math.trunc(input.sinceStep);
  const where = (alias: string): SQL => {
    const a = sql.raw(alias);
    return sql.join(
      [
        sql`${a}.run_id IN ${runIds}`,
        ...(names ? [sql`${a}.name IN ${names}`] : []),
        ...(sinceStep !== undefined ? [sql`${a}.step > ${sinceStep}::int`] : []),
      ],
      sql` AND `,
    );
  };
  const result = await db.execute(maxPoints === undefined ? allPoints(where) : downsampled(where, maxPoints));
  return group(rowsOf<Row>(result));
}

interface Row {
  run_id: string;
  name: string;
  step: number;
  value: number | string;
  wall_time: Date | string;
  n: number;
}

function allPoints(where: (alias: string) => SQL): SQL {
  return sql`
    SELECT p.run_id::text AS run_id, p.name, p.step, p.value, p.wall_time, (count(*) OVER (PARTITION BY p.run_id, p.name))::int AS n
    FROM metric_points p WHERE ${where("p")}
    ORDER BY 1, 2, 3`;
}

function downsampled(where: (alias: string) => SQL, maxPoints: number): SQL {
  const keepExtrema = maxPoints >= 3;
  const buckets = keepExtrema ? Math.floor(maxPoints / 3) : maxPoints;
  const extrema = keepExtrema
    ? sql`UNION SELECT run_id, name, mn[2]::int FROM buckets UNION SELECT run_id, name, (-mx[2])::int FROM buckets`
    : sql``;
  return sql`
    WITH stats AS (
      SELECT m.run_id, m.name, count(*)::int AS n, min(m.step) AS lo, max(m.step) AS hi
      FROM metric_points m WHERE ${where("m")} GROUP BY m.run_id, m.name
    ), buckets AS (
      SELECT p.run_id, p.name,
             min(ARRAY[p.value, p.step]) AS mn,
             max(ARRAY[p.value, -p.step]) AS mx,
             max(p.step) AS last
      FROM metric_points p JOIN stats s ON s.run_id = p.run_id AND s.name = p.name
      WHERE ${where("p")}
      GROUP BY p.run_id, p.name,
               CASE WHEN s.n <= ${maxPoints}::int THEN p.step ELSE width_bucket(p.step, s.lo, s.hi + 1, ${buckets}::int) END
    ), keep AS (
      SELECT run_id, name, last AS step FROM buckets ${extrema}
    )
    SELECT k.run_id::text AS run_id, k.name, k.step, q.value, q.wall_time, s.n
    FROM keep k
    JOIN stats s ON s.run_id = k.run_id AND s.name = k.name
    CROSS JOIN LATERAL (
      SELECT p.value, p.wall_time FROM metric_points p WHERE p.run_id = k.run_id AND p.name = k.name AND p.step = k.step
    ) q
    ORDER BY 1, 2, 3`;
}

function group(rows: readonly Row[]): MetricSeries[] {
  const series: MetricSeries[] = [];
  let current: MetricSeries | undefined;
  for (const row of rows) {
    if (!current || current.runId !== row.run_id || current.name !== row.name) {
      current = { runId: row.run_id, name: row.name, total: Number(row.n), points: [] };
      series.push(current);
    }
    current.points.push({ step: Number(row.step), value: Number(row.value), wallTime: new Date(row.wall_time) });
  }
  return series;
}
