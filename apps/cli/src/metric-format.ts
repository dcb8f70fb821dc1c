import { EXACT_MATCH_METRIC, type PrimaryMetric } from "@orderbench/core/plan";
import type { RunSummary } from "./summary";

/** A value of the metric as tables show it: ×100 with 2 decimals for fractions, else 2 decimals. */
export function formatValue(metric: PrimaryMetric, value: number): string {
  return metric.percent ? (100 * value).toFixed(2) : value.toFixed(2);
}

/** The short form on progress bars: `acc 45.0%`, `score 61.2`, `ppl 123.4`. */
export function barMetric(metric: PrimaryMetric, value: number | undefined): string {
  const name = metric.name === "exact_match" ? "acc" : metric.name === "perplexity" ? "ppl" : metric.name;
  if (value === undefined) return `${name}   -  `;
  if (metric.name === "exact_match") return `${name} ${(100 * value).toFixed(1)}%`;
  return `${name} ${metric.percent ? (100 * value).toFixed(1) : value.toFixed(1)}`;
}

/** The run's metric; files written before text tasks carry none and were judged by exact match. */
export function metricOf(s: Pick<RunSummary, "metric">): PrimaryMetric {
  return s.metric ?? EXACT_MATCH_METRIC;
}
