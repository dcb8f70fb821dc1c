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
 *
 * The query reads each series' first and last step with two primary-key probes (a skip scan finds a run's
 * names when none are given), makes one aggregate pass over the series' primary-key range that also counts
 * it, then fetches the ≤ maxPoints kept points by primary key; a series of n ≤ maxPoints is read whole.
 * Counting in a separate pass first cost as much as bucketing. The bounds are MATERIALIZED and each lookup
 * is `LIMIT 1` because the planner cannot estimate the bucket count (it guesses tens of thousands) and
 * otherwise recomputed the bounds per point (PGlite) or hashed the whole metric_points table to fetch the
 * kept points (PostgreSQL).
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
  const series = { runIds: [...new Set(runIds)], names: names && [...new Set(names)], sinceStep };
  const result = await db.execute(maxPoints === undefined ? allPoints(where) : downsampled(series, maxPoints));
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

function downsampled(input: { runIds: string[]; names: string[] | undefined; sinceStep: number | undefined }, maxPoints: number): SQL {
  const keepExtrema = maxPoints >= 3;
  const buckets = keepExtrema ? Math.floor(maxPoints / 3) : maxPoints;
  const after = (alias: string) => (input.sinceStep === undefined ? sql`` : sql`AND ${sql.raw(alias)}.step > ${input.sinceStep}::int`);
  const runIds = sql`ARRAY[${sql.join(input.runIds.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;
  // The (run, name) pairs asked for; without names, each run's names, found by a skip scan of the primary key.
  const series = input.names
    ? sql`SELECT r.id AS run_id, n.name FROM unnest(${runIds}) AS r(id) CROSS JOIN unnest(ARRAY[${sql.join(input.names.map((n) => sql`${n}`), sql`, `)}]::text[]) AS n(name)`
    : sql`SELECT r.id AS run_id, n.name FROM unnest(${runIds}) AS r(id) CROSS JOIN LATERAL (
        WITH RECURSIVE names(name) AS (
          SELECT min(m.name) FROM metric_points m WHERE m.run_id = r.id
          UNION ALL
          SELECT (SELECT min(m.name) FROM metric_points m WHERE m.run_id = r.id AND m.name > names.name) FROM names WHERE names.name IS NOT NULL
        )
        SELECT name FROM names WHERE name IS NOT NULL
      ) AS n`;
  const extrema = keepExtrema ? sql`UNION SELECT run_id, name, mn[2]::int FROM buckets UNION SELECT run_id, name, (-mx[2])::int FROM buckets` : sql``;
  return sql`
    WITH series AS (${series}),
    bounds AS MATERIALIZED (
      SELECT (row_number() OVER ())::int AS series_no, s.run_id, s.name,
             (SELECT m.step FROM metric_points m WHERE m.run_id = s.run_id AND m.name = s.name ${after("m")} ORDER BY m.step LIMIT 1) AS lo,
             (SELECT m.step FROM metric_points m WHERE m.run_id = s.run_id AND m.name = s.name ${after("m")} ORDER BY m.step DESC LIMIT 1) AS hi
      FROM series s
    ), grouped AS (
      -- Grouped by a small integer per series rather than by (run_id, name): cheaper to sort or hash.
      SELECT b.series_no, count(*)::int AS c,
             min(ARRAY[p.value, p.step]) AS mn,
             max(ARRAY[p.value, -p.step]) AS mx,
             max(p.step) AS last
      FROM bounds b JOIN metric_points p ON p.run_id = b.run_id AND p.name = b.name ${after("p")}
      GROUP BY b.series_no, width_bucket(p.step, b.lo, b.hi + 1, ${buckets}::int)
    ), buckets AS (
      SELECT b.run_id, b.name, g.c, g.mn, g.mx, g.last FROM grouped g JOIN bounds b ON b.series_no = g.series_no
    ), totals AS (
      SELECT run_id, name, sum(c)::int AS n FROM buckets GROUP BY run_id, name
    ), keep AS (
      SELECT run_id, name, last AS step FROM buckets ${extrema}
    )
    SELECT k.run_id::text AS run_id, k.name, k.step, q.value, q.wall_time, t.n
    FROM keep k
    JOIN totals t ON t.run_id = k.run_id AND t.name = k.name AND t.n > ${maxPoints}::int
    CROSS JOIN LATERAL (
      SELECT p.value, p.wall_time FROM metric_points p WHERE p.run_id = k.run_id AND p.name = k.name AND p.step = k.step LIMIT 1
    ) q
    UNION ALL
    SELECT p.run_id::text, p.name, p.step, p.value, p.wall_time, t.n
    FROM totals t JOIN metric_points p ON p.run_id = t.run_id AND p.name = t.name ${after("p")}
    WHERE t.n <= ${maxPoints}::int
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
