import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "../db";
import { metricPoints } from "../schema/index";
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
});
