import Table from "cli-table3";
import type { StrategyRow } from "@orderbench/core/leaderboard";
import { aggregateInDirection } from "@orderbench/core/leaderboard-direction";
import type { PrimaryMetric } from "@orderbench/core/plan";
import { formatValue, metricOf } from "../metric-format";
import type { RunSummary } from "../summary";

/** Steps-to-threshold of exact match (arithmetic); other metrics get thresholds only when asked for. */
export const THRESHOLDS = [0.5, 0.9];

/** Rows per strategy with the metric they aggregate and the thresholds they were checked against. */
export interface Comparison {
  metric: PrimaryMetric;
  thresholds: number[];
  rows: StrategyRow[];
}

/** The primary metric's final value, best value and curve of a run (older files: exact match). */
function outcome(s: RunSummary) {
  return {
    final: s.final?.primary ?? s.final?.exactMatch ?? Number.NaN,
    best: s.best?.value ?? s.best?.exactMatch ?? Number.NaN,
    curve: s.curve.map((c) => ({ step: c.step, value: c.primary ?? c.exactMatch })),
  };
}

export function aggregate(summaries: readonly RunSummary[], thresholds?: readonly number[]): Comparison {
  const first = summaries[0];
  const metric = first ? metricOf(first) : metricOf({});
  const t = [...(thresholds ?? (metric.name === "exact_match" ? THRESHOLDS : []))];
  const rows = aggregateInDirection(
    summaries.map((s) => ({ strategy: s.strategy, seed: s.seed, ...outcome(s), wallMs: s.wallMs })),
    { direction: metric.direction, baseline: "plain", thresholds: t },
  );
  return { metric, thresholds: t, rows };
}

function thresholdName(metric: PrimaryMetric, t: number): string {
  const value = metric.percent ? `${+(100 * t).toFixed(2)}%` : String(t);
  return `steps to ${metric.direction === "min" ? "≤ " : ""}${value}`;
}

function head(c: Comparison): string[] {
  const { metric } = c;
  const unit = metric.percent ? " %" : "";
  const better = metric.direction === "min" ? ", lower is better" : "";
  return [
    "strategy",
    `${metric.label}${unit} (mean ± std${better})`,
    "n",
    `best${unit}`,
    `Δ vs plain${metric.percent ? ", pts" : ""} [95% CI]`,
    ...c.thresholds.map((t) => thresholdName(metric, t)),
    "wall/run",
  ];
}

function cells(c: Comparison, r: StrategyRow, star: number): string[] {
  const f = (x: number): string => formatValue(c.metric, x);
  const std = r.final.std === null ? "" : ` ± ${f(r.final.std)}`;
  const mean = `${f(r.final.mean)}${std}`;
  const d = r.vsBaseline;
  const delta = !d ? "—" : `${d.mean >= 0 ? "+" : ""}${f(d.mean)}${d.ci95 ? ` [${f(d.ci95[0])}, ${f(d.ci95[1])}]` : ""}`;
  const reach = r.convergence.map((x) => (x.meanSteps === null ? `— (0/${r.final.n})` : `${Math.round(x.meanSteps)} (${x.reached}/${r.final.n})`));
  return [r.strategy, r.final.mean === star ? `*${mean}*` : mean, String(r.final.n), f(r.best), delta, ...reach, r.meanWallMs === null ? "—" : `${(r.meanWallMs / 1000).toFixed(0)} s`];
}

/** The best mean in the metric's direction, which the table marks. */
function bestMean(c: Comparison): number {
  const means = c.rows.map((r) => r.final.mean);
  return c.metric.direction === "min" ? Math.min(...means) : Math.max(...means);
}

/** The terminal table; the best mean is starred. */
export function renderTable(c: Comparison): string {
  const star = bestMean(c);
  const table = new Table({ head: head(c), style: { head: [], border: [], compact: true } });
  for (const r of c.rows) table.push(cells(c, r, star));
  return table.toString();
}

/** The same table as Markdown, for docs/results.md; the best mean is bold. */
export function renderMarkdown(c: Comparison): string {
  const star = bestMean(c);
  const h = head(c);
  const lines = [`| ${h.join(" | ")} |`, `|${h.map(() => "---").join("|")}|`];
  for (const r of c.rows) lines.push(`| ${cells(c, r, star).map((x) => x.replace(/^\*(.*)\*$/, "**$1**")).join(" | ")} |`);
  return lines.join("\n");
}

/** The caption of renderCurveMarkdown's table. */
export function curveCaption(metric: PrimaryMetric): string {
  return `Mean ${metric.label}${metric.percent ? " (%)" : ""} by step:`;
}

/**
 * Mean primary metric per strategy at evaluated steps (every `every`-th evaluation and the last), as
 * Markdown: the learning curves behind the table, for docs/results.md.
 */
export function renderCurveMarkdown(summaries: readonly RunSummary[], every = 3): string {
  const metric = summaries[0] ? metricOf(summaries[0]) : metricOf({});
  const strategies = [...new Set(summaries.map((s) => s.strategy))];
  const steps = [...new Set(summaries.flatMap((s) => s.curve.map((c) => c.step)))].sort((a, b) => a - b);
  const shown = steps.filter((_, i) => (i + 1) % every === 0 || i === steps.length - 1);
  const lines = [`| strategy | ${shown.map((s) => `step ${s}`).join(" | ")} |`, `|---|${shown.map(() => "---").join("|")}|`];
  for (const strategy of strategies) {
    const runs = summaries.filter((s) => s.strategy === strategy);
    const row = shown.map((step) => {
      const values = runs.flatMap((r) => outcome(r).curve.filter((c) => c.step === step).map((c) => c.value));
      return values.length ? formatValue(metric, values.reduce((a, b) => a + b, 0) / values.length) : "—";
    });
    lines.push(`| ${strategy} | ${row.join(" | ")} |`);
  }
  return lines.join("\n");
}
