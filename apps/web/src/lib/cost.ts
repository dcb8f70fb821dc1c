/**
 * The API's cost limit (ORDERBENCH_MAX_COST, 20,000 by default) counts metricSeries as runs × names ×
 * maxPoints/10 (4 names when all are asked for), plus 10 (docs/api.md); requests stay under this share.
 */
export const SERIES_COST_BUDGET = 18_000;

/** Runs per metricSeries request for these names and points, within the budget (1 to 100, the API's maximum). */
export function runsPerRequest(names: readonly string[] | null, maxPoints: number): number {
  const perRun = (names?.length ?? 4) * Math.ceil(maxPoints / 10);
  return Math.max(1, Math.min(100, Math.floor((SERIES_COST_BUDGET - 10) / perRun)));
}
