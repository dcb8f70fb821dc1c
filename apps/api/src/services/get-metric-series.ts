import { getMetricSeries as getMetricSeriesRows } from "@orderbench/db/queries";
import { badInput } from "../errors";
import type { ServiceContext } from "./context";
import { pointOut, type MetricPointOut } from "./metric-values";

export interface MetricSeriesOut {
  runId: string;
  name: string;
  total: number;
  points: MetricPointOut[];
}

export const MAX_SERIES_NAMES = 50;

/**
 * Curves of several runs, downsampled in the database to at most maxPoints per series (per bucket the min,
 * max and last point; the series' last point always kept; see db get-metric-series.ts).
 */
export async function getMetricSeries(
  { db, config }: ServiceContext,
  input: { runIds: readonly string[]; names?: readonly string[] | null; maxPoints?: number | null },
): Promise<MetricSeriesOut[]> {
  if (input.runIds.length > config.maxSeriesRuns) {
    throw badInput("runIds", `runIds has ${input.runIds.length} items, more than the limit of ${config.maxSeriesRuns} (ORDERBENCH_MAX_SERIES_RUNS)`, { limit: config.maxSeriesRuns });
  }
  if (input.names && input.names.length > MAX_SERIES_NAMES) {
    throw badInput("names", `names has ${input.names.length} items, more than the limit of ${MAX_SERIES_NAMES}`, { limit: MAX_SERIES_NAMES });
  }
  const maxPoints = input.maxPoints ?? Math.min(1000, config.maxSeriesPoints);
  if (!Number.isInteger(maxPoints) || maxPoints < 1 || maxPoints > config.maxSeriesPoints) {
    throw badInput("maxPoints", `maxPoints must be an integer from 1 to ${config.maxSeriesPoints} (ORDERBENCH_MAX_SERIES_POINTS), got ${maxPoints}`, { limit: config.maxSeriesPoints });
  }
  const series = await getMetricSeriesRows(db, { runIds: input.runIds, ...(input.names && { names: input.names }), maxPoints });
  return series.map((s) => ({ runId: s.runId, name: s.name, total: s.total, points: s.points.map((p) => pointOut(s.name, p)) }));
}
