import { readFileSync } from "node:fs";
import { join } from "node:path";
import { asc, count, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../client";
import { rowsOf, type Db } from "../db";
import { METRIC_CHUNK_SHIFT, metricChunks, metricPoints } from "../schema/index";
import { describeEachBackend } from "../testing/describe-backends";
import { seedExperiment } from "../testing/fixtures";
import { deleteExperiment } from "./delete-experiment";
import { getMetricSeries } from "./get-metric-series";
import { insertMetricPoints, METRIC_ROWS_PER_INSERT, type MetricPointInput } from "./insert-metric-points";

const points = (runId: string, name: string, steps: Iterable<number>, value: (step: number) => number = (s) => s / 10): MetricPointInput[] =>
  Array.from(steps, (step) => ({ runId, name, step, value: value(step) }));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

async function stored(db: Db, runId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(metricPoints).where(eq(metricPoints.runId, runId));
  return row?.n ?? 0;
}

/** The migration's backfill: every chunk summary computed afresh from the stored points. */
const CHUNKS_FROM_POINTS = (() => {
  const text = readFileSync(join(MIGRATIONS_FOLDER, "0002_metric_chunks.sql"), "utf8");
  const select = /SELECT "run_id", "name", "step" >> 6[\s\S]*?GROUP BY [^;]*/.exec(text)?.[0];
  if (!select) throw new Error("0002_metric_chunks.sql has no backfill SELECT");
  return select;
})();

interface ChunkRow {
  chunk: number;
  n: number;
  minValue: number;
  minStep: number;
  maxValue: number;
  maxStep: number;
  lastStep: number;
}

async function chunksOf(db: Db, runId: string, name: string): Promise<ChunkRow[]> {
  const rows = await db
    .select({ chunk: metricChunks.chunk, n: metricChunks.n, minValue: metricChunks.minValue, minStep: metricChunks.minStep, maxValue: metricChunks.maxValue, maxStep: metricChunks.maxStep, lastStep: metricChunks.lastStep })
    .from(metricChunks)
    .where(sql`${metricChunks.runId} = ${runId} AND ${metricChunks.name} = ${name}`)
    .orderBy(asc(metricChunks.chunk));
  return rows.map((r) => ({ ...r, minValue: Number(r.minValue), maxValue: Number(r.maxValue) }));
}

async function chunksFromPoints(db: Db, runId: string, name: string): Promise<ChunkRow[]> {
  const result = await db.execute(sql.raw(`SELECT * FROM (${CHUNKS_FROM_POINTS}) AS c(run_id, name, chunk, n, min_value, min_step, max_value, max_step, last_step)
    WHERE run_id = '${runId}' AND name = '${name}' ORDER BY chunk`));
  return rowsOf<Record<string, number | string>>(result).map((r) => ({
    chunk: Number(r.chunk), n: Number(r.n), minValue: Number(r.min_value), minStep: Number(r.min_step),
    maxValue: Number(r.max_value), maxStep: Number(r.max_step), lastStep: Number(r.last_step),
  }));
}

/** PostgreSQL's float order: NaN above every number. */
const floatCompare = (a: number, b: number): number => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : a < b ? -1 : a > b ? 1 : 0);

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describeEachBackend("metric points", (t) => {
  async function twoRuns() {
    const { runs } = await seedExperiment(t().db, { strategies: ["plain", "reverse"], seeds: 1 });
    return [runs[0]!.id, runs[1]!.id] as const;
  }

  it("writes a batch once: resending it inserts nothing", async () => {
    const [runId] = await twoRuns();
    const batch = [...points(runId, "loss", range(0, 50)), ...points(runId, "accuracy", range(0, 50))];
    expect(await insertMetricPoints(t().db, batch)).toBe(100);
    expect(await insertMetricPoints(t().db, batch)).toBe(0);
    expect(await stored(t().db, runId)).toBe(100);
  });

  it("inserts only the new part of an overlapping batch and keeps the first value written", async () => {
    const [runId] = await twoRuns();
    expect(await insertMetricPoints(t().db, points(runId, "loss", range(0, 100), () => 1))).toBe(100);
    expect(await insertMetricPoints(t().db, points(runId, "loss", range(50, 150), () => 2))).toBe(50);
    const [series] = await getMetricSeries(t().db, { runIds: [runId], names: ["loss"] });
    expect(series?.points.map((p) => p.step)).toEqual(range(0, 150));
    expect(series?.points.filter((p) => p.value === 1).map((p) => p.step)).toEqual(range(0, 100));
  });

  it("counts a point repeated inside one batch once", async () => {
    const [runId] = await twoRuns();
    expect(await insertMetricPoints(t().db, [...points(runId, "loss", [1, 2, 3]), ...points(runId, "loss", [2, 3, 4])])).toBe(4);
    expect(await stored(t().db, runId)).toBe(4);
  });

  it("writes batches far beyond the 65,535 bind-parameter limit of a VALUES insert", async () => {
    const [runId, other] = await twoRuns();
    // 20,000 points × 5 columns = 100,000 values; as VALUES parameters one statement could not carry them.
    const batch = [...points(runId, "loss", range(0, 10_000)), ...points(other, "loss", range(0, 10_000))];
    expect(batch.length * 5).toBeGreaterThan(65_535);
    expect(Math.ceil(batch.length / METRIC_ROWS_PER_INSERT)).toBe(2);
    expect(await insertMetricPoints(t().db, batch)).toBe(20_000);
    // One statement for all 20,000 rows works too: unnest takes 5 array parameters whatever the row count.
    const more = [...points(runId, "accuracy", range(0, 10_000)), ...points(other, "accuracy", range(0, 10_000))];
    expect(await insertMetricPoints(t().db, more, { rowsPerInsert: more.length })).toBe(20_000);
    expect((await stored(t().db, runId)) + (await stored(t().db, other))).toBe(40_000);
    expect(await insertMetricPoints(t().db, [...batch, ...more])).toBe(0);
  });

  it("keeps any metric name intact", async () => {
    const [runId] = await twoRuns();
    const names = ['a "quoted", {braced} name', "back\\slash", "ünïcødé/∑", "NULL", "  spaced  "];
    expect(await insertMetricPoints(t().db, names.map((name, step) => ({ runId, name, step, value: step })))).toBe(names.length);
    const series = await getMetricSeries(t().db, { runIds: [runId], names });
    expect(series.map((s) => s.name).sort()).toEqual([...names].sort());
    expect(series.map((s) => s.points[0]?.value).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("writes a multi-statement batch atomically", async () => {
    const [runId] = await twoRuns();
    const batch = [...points(runId, "loss", range(0, 30)), { runId: "00000000-0000-4000-8000-000000000000", name: "loss", step: 0, value: 1 }];
    await expect(insertMetricPoints(t().db, batch, { rowsPerInsert: 10 })).rejects.toThrow();
    expect(await stored(t().db, runId)).toBe(0);
  });

  it("refuses a batch with points of a run that does not exist, writing none of it", async () => {
    const [runId, other] = await twoRuns();
    const missing = "00000000-0000-4000-8000-000000000000";
    const batch = [...points(runId, "loss", range(0, 5)), ...points(missing, "loss", range(0, 5)), ...points(other, "loss", range(0, 5))];
    await expect(insertMetricPoints(t().db, batch)).rejects.toThrow(`run ${missing} does not exist; its metric points were not written`);
    expect((await stored(t().db, runId)) + (await stored(t().db, other)) + (await stored(t().db, missing))).toBe(0);
  });

  it("leaves no points behind when an experiment is deleted while its points are being written", async () => {
    const { experiment, runs } = await seedExperiment(t().db, { strategies: ["plain"], seeds: 1 });
    const runId = runs[0]!.id;
    let deleting: Promise<unknown> | undefined;
    await t().db.transaction(async (tx) => {
      await insertMetricPoints(tx, points(runId, "loss", range(0, 100)));
      // The delete starts while the insert's transaction is open, and must wait for it rather than miss its points.
      deleting = deleteExperiment(t().db, experiment.id, { artifactDir: t().artifactDir });
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    expect(await deleting).toMatchObject({ deleted: true, runs: 1 });
    expect(await stored(t().db, runId)).toBe(0);
    await expect(insertMetricPoints(t().db, points(runId, "loss", [100]))).rejects.toThrow(/does not exist/);
  });

  it("stores NaN and ±Infinity as they are", async () => {
    const [runId] = await twoRuns();
    await insertMetricPoints(t().db, [
      { runId, name: "loss", step: 1, value: Number.NaN },
      { runId, name: "loss", step: 2, value: Number.POSITIVE_INFINITY },
      { runId, name: "loss", step: 3, value: Number.NEGATIVE_INFINITY },
      { runId, name: "loss", step: 4, value: -0.125 },
    ]);
    const [series] = await getMetricSeries(t().db, { runIds: [runId] });
    expect(series?.points.map((p) => p.value)).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.125]);
  });

  it("rejects a bad point, naming it", async () => {
    const [runId] = await twoRuns();
    await expect(insertMetricPoints(t().db, [...points(runId, "loss", [1]), { runId, name: "loss", step: -1, value: 0 }])).rejects.toThrow(/points\[1\]\.step must be an integer/);
    await expect(insertMetricPoints(t().db, [{ runId, name: "", step: 1, value: 0 }])).rejects.toThrow(/points\[0\]\.name/);
    await expect(insertMetricPoints(t().db, [{ runId: "run-1", name: "loss", step: 1, value: 0 }])).rejects.toThrow(/points\[0\]\.runId must be a run id/);
    expect(await stored(t().db, runId)).toBe(0);
  });

  it("keeps wall time as given, or the write time", async () => {
    const [runId] = await twoRuns();
    const wallTime = new Date("2025-11-01T12:00:00.123Z");
    await insertMetricPoints(t().db, [{ runId, name: "loss", step: 1, value: 1, wallTime }, { runId, name: "loss", step: 2, value: 1 }]);
    const [series] = await getMetricSeries(t().db, { runIds: [runId] });
    expect(series?.points[0]?.wallTime.toISOString()).toBe(wallTime.toISOString());
    expect(series?.points[1]?.wallTime.getTime()).toBeGreaterThan(wallTime.getTime());
  });

  it("downsamples to at most maxPoints, keeping the last point and each bucket's extremes", async () => {
    const [runId] = await twoRuns();
    const spike = 4_321;
    const dip = 7_777;
    const value = (s: number) => (s === spike ? 1e6 : s === dip ? -1e6 : Math.sin(s / 100));
    await insertMetricPoints(t().db, points(runId, "loss", range(0, 10_000), value));
    for (const maxPoints of [1000, 300, 10, 3, 2, 1]) {
      const [series] = await getMetricSeries(t().db, { runIds: [runId], names: ["loss"], maxPoints });
      const steps = series!.points.map((p) => p.step);
      expect(series!.total).toBe(10_000);
      expect(steps.length).toBeLessThanOrEqual(maxPoints);
      expect(steps.at(-1)).toBe(9_999);
      expect([...steps].sort((a, b) => a - b)).toEqual(steps);
      expect(new Set(steps).size).toBe(steps.length);
      if (maxPoints >= 3) expect(steps).toEqual(expect.arrayContaining([spike, dip]));
      for (const p of series!.points) expect(p.value).toBe(value(p.step));
    }
    const [thousand] = await getMetricSeries(t().db, { runIds: [runId], maxPoints: 1000 });
    // 333 buckets of 30 steps, each keeping 1 to 3 distinct points.
    expect(thousand!.points.length).toBeGreaterThanOrEqual(333);
  });

  it("returns a short series whole and each series of several runs and names bounded separately", async () => {
    const [a, b] = await twoRuns();
    await insertMetricPoints(t().db, [...points(a, "loss", range(0, 500)), ...points(a, "accuracy", range(0, 20)), ...points(b, "loss", range(0, 5000))]);
    const series = await getMetricSeries(t().db, { runIds: [a, b], maxPoints: 60 });
    expect(series.map((s) => [s.runId, s.name, s.total])).toEqual(
      [
        [a, "accuracy", 20],
        [a, "loss", 500],
        [b, "loss", 5000],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    for (const s of series) {
      expect(s.points.length).toBeLessThanOrEqual(60);
      expect(s.points.at(-1)?.step).toBe(s.total - 1);
    }
    expect(series.find((s) => s.name === "accuracy")?.points.map((p) => p.step)).toEqual(range(0, 20));
  });

  it("filters by name and resumes after sinceStep", async () => {
    const [a] = await twoRuns();
    await insertMetricPoints(t().db, [...points(a, "loss", range(0, 100)), ...points(a, "accuracy", range(0, 100))]);
    const [loss, ...rest] = await getMetricSeries(t().db, { runIds: [a], names: ["loss"], sinceStep: 89 });
    expect(rest).toEqual([]);
    expect(loss?.points.map((p) => p.step)).toEqual(range(90, 100));
    expect(await getMetricSeries(t().db, { runIds: [a], names: [] })).toEqual([]);
    expect(await getMetricSeries(t().db, { runIds: ["junk"] })).toEqual([]);
    await expect(getMetricSeries(t().db, { runIds: [a], maxPoints: 0 })).rejects.toThrow(/maxPoints must be a positive integer/);
  });

  it("keeps each chunk summary equal to its stored points through resent, overlapping and shuffled batches", async () => {
    const [runId, other] = await twoRuns();
    const rand = random(7);
    // Few distinct values, so equal values (ties) are common; NaN and ±Infinity among them.
    const palette = [0.5, -2, 3, 3, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, 1e-9];
    const all: MetricPointInput[] = [];
    for (const run of [runId, other]) for (const name of ["loss", "lr"]) for (const step of range(0, 700)) all.push({ runId: run, name, step: step * 3, value: palette[Math.floor(rand() * palette.length)]! });
    let inserted = 0;
    for (let i = 0; i < 25; i++) {
      // A random slice, shuffled, sometimes resent: every point goes in at least once in the end.
      const from = Math.floor(rand() * all.length);
      const batch = all.slice(from, from + 1 + Math.floor(rand() * 400)).sort(() => rand() - 0.5);
      inserted += await insertMetricPoints(t().db, batch);
      if (i % 5 === 0) expect(await insertMetricPoints(t().db, batch)).toBe(0);
    }
    inserted += await insertMetricPoints(t().db, all, { rowsPerInsert: 997 });
    expect(inserted).toBe(all.length);
    for (const run of [runId, other]) {
      for (const name of ["loss", "lr"]) {
        const chunks = await chunksOf(t().db, run, name);
        expect(chunks).toEqual(await chunksFromPoints(t().db, run, name));
        expect(chunks.length).toBe(Math.ceil((700 * 3) / (1 << METRIC_CHUNK_SHIFT)));
        expect(chunks.reduce((n, c) => n + c.n, 0)).toBe(700);
      }
    }
  });

  it("downsamples a series spanning many chunks from its chunk summaries: min, max and last of whole-chunk buckets", async () => {
    const [runId] = await twoRuns();
    const rand = random(11);
    // Steps 10 to 2,559: chunks 0 to 39. maxPoints 31 → 10 buckets of 4 chunks (256 steps) each, aligned to
    // chunks, not to the first step as the buckets of a short series are.
    const steps = range(10, 2560);
    const values = new Map(steps.map((s) => [s, rand() < 0.02 ? Number.NaN : Math.round(rand() * 50) / 10]));
    await insertMetricPoints(t().db, steps.map((step) => ({ runId, name: "loss", step, value: values.get(step)! })).reverse());
    const expected = new Set<number>();
    for (let b = 0; b < 10; b++) {
      const inBucket = steps.filter((s) => s >> METRIC_CHUNK_SHIFT >= b * 4 && s >> METRIC_CHUNK_SHIFT < (b + 1) * 4);
      const byValue = (dir: 1 | -1) => [...inBucket].sort((x, y) => dir * floatCompare(values.get(x)!, values.get(y)!) || x - y)[0]!;
      expected.add(byValue(1)).add(byValue(-1)).add(inBucket.at(-1)!);
    }
    const [series, ...rest] = await getMetricSeries(t().db, { runIds: [runId], names: ["loss"], maxPoints: 31 });
    expect(rest).toEqual([]);
    expect(series!.total).toBe(steps.length);
    expect(series!.points.map((p) => p.step)).toEqual([...expected].sort((x, y) => x - y));
    for (const p of series!.points) expect(p.value).toBe(values.get(p.step));
    expect(series!.points.at(-1)?.step).toBe(2559);
  });

  it("removes a deleted experiment's chunk summaries with its points", async () => {
    const { experiment, runs } = await seedExperiment(t().db, { strategies: ["plain"], seeds: 1 });
    const runId = runs[0]!.id;
    await insertMetricPoints(t().db, points(runId, "loss", range(0, 1000)));
    expect((await chunksOf(t().db, runId, "loss")).length).toBe(16);
    await deleteExperiment(t().db, experiment.id, { artifactDir: t().artifactDir });
    expect(await chunksOf(t().db, runId, "loss")).toEqual([]);
  });
});
