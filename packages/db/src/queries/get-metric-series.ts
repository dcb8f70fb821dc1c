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
 * Curves for several runs and names, downsampled in the database so a 100,000-point series costs at most
 * maxPoints rows per series and no pass over its points. Series come ordered by run id then name (code
 * points); runs or names without points are absent.
 *
 * Downsampling (min/max/last, after M4): a series of n > maxPoints points is cut into B = ⌊maxPoints/3⌋
 * buckets of consecutive steps; each non-empty bucket keeps its minimum, its maximum (ties → lowest step) and
 * its last point, once each. Spikes and a diverging loss survive, the count is at most 3B ≤ maxPoints, and
 * the last bucket's last point is the series' last point, so it is always kept. With maxPoints < 3 each of
 * maxPoints buckets keeps only its last point. Buckets are ranges of steps rather than of point counts
 * because the x axis of a curve is the step.
 *
 * First one read of the series' 64-step chunk summaries (schema/metric-chunks.ts) gives each series' size
 * and step span (and, without `names`, which series the runs have). Then:
 * - a series spanning at least 2B chunks is bucketed from its chunk summaries: the buckets are B equal
 *   ranges of chunks, `width_bucket(chunk, first, last + 1, B)`, each of at least two whole chunks, so a
 *   bucket's extremes are the extremes of its chunks' — about 1,600 summary rows for 100,000 points;
 * - a shorter series is bucketed from its points: B equal step ranges, `width_bucket(step, lo, hi + 1, B)`,
 *   one aggregate pass over its primary-key range;
 * - a series of n ≤ maxPoints is read whole.
 * Either way the kept points' values and wall times are then fetched by primary key. With `sinceStep`
 * (resuming) the points after it are bucketed directly.
 */
export async function getMetricSeries(db: Db, input: GetMetricSeriesInput): Promise<MetricSeries[]> {
  const runIds = input.runIds.filter(isUuid);
  if (runIds.length === 0 || input.names?.length === 0) return [];
  const { maxPoints } = input;
  if (maxPoints !== undefined && (!Number.isInteger(maxPoints) || maxPoints < 1)) {
    throw new RangeError(`maxPoints must be a positive integer, got ${maxPoints}`);
  }
  const names = input.names ? [...new Set(input.names)] : undefined;
  const sinceStep = input.sinceStep === undefined ? undefined : Math.trunc(input.sinceStep);
  const uniqueRunIds = [...new Set(runIds)];
  if (maxPoints === undefined) return group(rowsOf<Row>(await db.execute(allPoints(uniqueRunIds, names, sinceStep))));

  const buckets = bucketCount(maxPoints);
  const sizes = rowsOf<SizeRow>(await db.execute(seriesSizes(uniqueRunIds, names)));
  const fromChunks: SeriesSize[] = [];
  const fromPoints: SeriesSize[] = [];
  for (const r of sizes) {
    const size = { runId: r.run_id, name: r.name, n: Number(r.n), first: Number(r.first), last: Number(r.last) };
    if (sinceStep === undefined && size.n > maxPoints && size.last - size.first + 1 >= 2 * buckets) fromChunks.push(size);
    else fromPoints.push(size);
  }
  const rows: Row[] = [];
  if (fromChunks.length > 0) rows.push(...rowsOf<Row>(await db.execute(downsampledFromChunks(fromChunks, maxPoints))));
  if (fromPoints.length > 0) rows.push(...rowsOf<Row>(await db.execute(downsampledFromPoints(fromPoints, maxPoints, sinceStep))));
  return group(rows);
}

/** The bucket count for maxPoints: three points (min, max, last) per bucket, or one when maxPoints < 3. */
function bucketCount(maxPoints: number): number {
  return maxPoints >= 3 ? Math.floor(maxPoints / 3) : maxPoints;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface SizeRow {
  run_id: string;
  name: string;
  n: number | string;
  first: number | string;
  last: number | string;
}

interface SeriesSize {
  runId: string;
  name: string;
  /** Points stored. */
  n: number;
  /** First and last chunk. */
  first: number;
  last: number;
}

const uuidArray = (ids: readonly string[]): SQL => sql`ARRAY[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;
const textArray = (items: readonly string[]): SQL => sql`ARRAY[${sql.join(items.map((t) => sql`${t}`), sql`, `)}]::text[]`;
const intArray = (items: readonly number[]): SQL => sql`ARRAY[${sql.join(items.map((i) => sql`${i}`), sql`, `)}]::int[]`;

/** Per series of the runs (and names): points stored and first/last chunk, from the chunk summaries. */
function seriesSizes(runIds: readonly string[], names: readonly string[] | undefined): SQL {
  return sql`
    SELECT c.run_id::text AS run_id, c.name, sum(c.n)::int AS n, min(c.chunk) AS first, max(c.chunk) AS last
    FROM metric_chunks c
    WHERE c.run_id = ANY(${uuidArray(runIds)}) ${names ? sql`AND c.name = ANY(${textArray(names)})` : sql``}
    GROUP BY c.run_id, c.name`;
}

/** The series as a relation `s(series_no, run_id, name, n, first, last)`. */
function seriesRelation(series: readonly SeriesSize[]): SQL {
  return sql`SELECT (row_number() OVER ())::int AS series_no, * FROM unnest(
    ${uuidArray(series.map((s) => s.runId))}, ${textArray(series.map((s) => s.name))}, ${intArray(series.map((s) => s.n))},
    ${intArray(series.map((s) => s.first))}, ${intArray(series.map((s) => s.last))}
  ) AS t(run_id, name, n, first, last)`;
}

function allPoints(runIds: readonly string[], names: readonly string[] | undefined, sinceStep: number | undefined): SQL {
  return sql`
    SELECT p.run_id::text AS run_id, p.name, p.step, p.value, p.wall_time, (count(*) OVER (PARTITION BY p.run_id, p.name))::int AS n
    FROM metric_points p
    WHERE p.run_id = ANY(${uuidArray(runIds)})
      ${names ? sql`AND p.name = ANY(${textArray(names)})` : sql``}
      ${sinceStep !== undefined ? sql`AND p.step > ${sinceStep}::int` : sql``}
    ORDER BY 1, 2, 3`;
}

/**
 * Series spanning at least 2B chunks, bucketed from their chunk summaries; n > maxPoints for each. The
 * kept steps are looked up by primary key (`LIMIT 1`: the planner cannot estimate the bucket count).
 */
function downsampledFromChunks(series: readonly SeriesSize[], maxPoints: number): SQL {
  const keepExtrema = maxPoints >= 3;
  const extrema = keepExtrema ? sql`UNION SELECT series_no, mn[2]::int FROM buckets UNION SELECT series_no, (-mx[2])::int FROM buckets` : sql``;
  return sql`
    WITH series AS MATERIALIZED (${seriesRelation(series)}),
    buckets AS (
      SELECT s.series_no, min(ARRAY[c.min_value, c.min_step]) AS mn, max(ARRAY[c.max_value, -c.max_step]) AS mx, max(c.last_step) AS last
      FROM series s JOIN metric_chunks c ON c.run_id = s.run_id AND c.name = s.name
      GROUP BY s.series_no, width_bucket(c.chunk, s.first, s.last + 1, ${bucketCount(maxPoints)}::int)
    ), keep AS (
      SELECT series_no, last AS step FROM buckets ${extrema}
    )
    SELECT s.run_id::text AS run_id, s.name, k.step, q.value, q.wall_time, s.n
    FROM keep k
    JOIN series s ON s.series_no = k.series_no
    CROSS JOIN LATERAL (
      SELECT p.value, p.wall_time FROM metric_points p WHERE p.run_id = s.run_id AND p.name = s.name AND p.step = k.step LIMIT 1
    ) q
    ORDER BY 1, 2, 3`;
}

/**
 * Series bucketed from their points (after sinceStep, if given): each series' first and last step from two
 * primary-key probes, one aggregate pass over its primary-key range that also counts it, then the kept
 * points by primary key; a series of n ≤ maxPoints is read whole. The bounds are MATERIALIZED and each
 * lookup is `LIMIT 1` because the planner cannot estimate the bucket count (it guesses tens of thousands)
 * and otherwise recomputed the bounds per point (PGlite) or hashed the whole metric_points table to fetch
 * the kept points (PostgreSQL).
 */
function downsampledFromPoints(series: readonly SeriesSize[], maxPoints: number, sinceStep: number | undefined): SQL {
  const keepExtrema = maxPoints >= 3;
  const after = (alias: string) => (sinceStep === undefined ? sql`` : sql`AND ${sql.raw(alias)}.step > ${sinceStep}::int`);
  const extrema = keepExtrema ? sql`UNION SELECT run_id, name, mn[2]::int FROM buckets UNION SELECT run_id, name, (-mx[2])::int FROM buckets` : sql``;
  return sql`
    WITH series AS (${seriesRelation(series)}),
    bounds AS MATERIALIZED (
      SELECT s.series_no, s.run_id, s.name,
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
      GROUP BY b.series_no, width_bucket(p.step, b.lo, b.hi + 1, ${bucketCount(maxPoints)}::int)
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

interface Row {
  run_id: string;
  name: string;
  step: number;
  value: number | string;
  wall_time: Date | string;
  n: number;
}

/**
 * Rows (each statement's in step order within a series; a series comes from one statement only) as series,
 * ordered by run id then name in code-point order, whatever the database's collation.
 */
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
  return series.sort((a, b) => compare(a.runId, b.runId) || compare(a.name, b.name));
}
