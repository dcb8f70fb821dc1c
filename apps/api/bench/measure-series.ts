import { ExperimentSpecSchema, expandGrid } from "@orderbench/core/spec";
import type { Db } from "@orderbench/db/client";
import { insertExperimentWithRuns, insertMetricPoints, type MetricPointInput } from "@orderbench/db/queries";
import { ok } from "../src/test/graphql-client";
import type { BenchServer } from "./bench-server";
import { median } from "./stats";

export interface SeriesResult {
  medianMs: number;
  calls: number;
  points: number;
  maxPoints: number;
  returned: number;
}

const SERIES = `query($runs: [ID!]!, $names: [String!], $max: Int) {
  metricSeries(runIds: $runs, names: $names, maxPoints: $max) { runId name total points { step value nonFinite wallTime } }
}`;

/**
 * metricSeries of one `points`-long loss curve downsampled to `maxPoints`, the call a dashboard makes to
 * draw it. The curve is written straight into the database (db insertMetricPoints); the calls go through
 * GraphQL over HTTP with a viewer key.
 */
export async function measureSeries(server: BenchServer, db: Db, sizes: { points: number; maxPoints: number; calls: number }): Promise<SeriesResult> {
  const spec = ExperimentSpecSchema.parse({ name: "bench: long curve", task: "mul:2", strategies: ["plain"], seeds: 1, budget: { steps: sizes.points } });
  const { runs } = await insertExperimentWithRuns(db, { spec, runs: expandGrid(spec, { maxRuns: 1 }) });
  const runId = (runs[0] as { id: string }).id;
  const points: MetricPointInput[] = [];
  for (let step = 0; step < sizes.points; step++) points.push({ runId, name: "loss", step, value: 3 * Math.exp(-step / (sizes.points / 4)) + 0.05 * Math.sin(step) });
  for (let i = 0; i < points.length; i += 20_000) await insertMetricPoints(db, points.slice(i, i + 20_000));

  const variables = { runs: [runId], names: ["loss"], max: sizes.maxPoints };
  const call = async () => {
    const start = performance.now();
    const data = await ok(server.url, SERIES, variables, server.keys.viewer);
    return { ms: performance.now() - start, series: data.metricSeries as { total: number; points: { step: number }[] }[] };
  };
  const first = await call();
  const series = first.series[0];
  if (first.series.length !== 1 || series?.total !== sizes.points || series.points.length > sizes.maxPoints || series.points.at(-1)?.step !== sizes.points - 1) {
    throw new Error(`metricSeries returned an unexpected series: ${JSON.stringify({ series: first.series.length, total: series?.total, points: series?.points.length, last: series?.points.at(-1) })}`);
  }
  const times: number[] = [];
  for (let i = 0; i < sizes.calls; i++) times.push((await call()).ms);
  return { medianMs: median(times), calls: sizes.calls, points: sizes.points, maxPoints: sizes.maxPoints, returned: series.points.length };
}
