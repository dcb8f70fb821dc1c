import Table from "cli-table3";
import { aggregateByStrategy, type StrategyRow } from "@orderbench/core/leaderboard";
import type { RunSummary } from "../summary";

export const THRESHOLDS = [0.5, 0.9];

export function aggregate(summaries: readonly RunSummary[]): StrategyRow[] {
  return aggregateByStrategy(
    summaries.map((s) => ({
      strategy: s.strategy,
      seed: s.seed,
      final: s.final?.exactMatch ?? 0,
      best: s.best?.exactMatch ?? 0,
      curve: s.curve.map((c) => ({ step: c.step, value: c.exactMatch })),
      wallMs: s.wallMs,
    })),
    { baseline: "plain", thresholds: THRESHOLDS },
  );
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}`;

function cells(r: StrategyRow, bestMean: number): string[] {
  const std = r.final.std === null ? "" : ` ± ${pct(r.final.std)}`;
  const mean = `${pct(r.final.mean)}${std}`;
  const d = r.vsBaseline;
  const delta = !d
    ? "—"
    : `${d.mean >= 0 ? "+" : ""}${pct(d.mean)}${d.ci95 ? ` [${pct(d.ci95[0])}, ${pct(d.ci95[1])}]` : ""}`;
  const reach = r.convergence.map((c) => (c.meanSteps === null ? `— (0/${r.final.n})` : `${Math.round(c.meanSteps)} (${c.reached}/${r.final.n})`));
  return [r.strategy, r.final.mean === bestMean ? `*${mean}*` : mean, String(r.final.n), pct(r.best), delta, ...reach, r.meanWallMs === null ? "—" : `${(r.meanWallMs / 1000).toFixed(0)} s`];
}

const HEAD = ["strategy", "exact match % (mean ± std)", "n", "best %", "Δ vs plain, pts [95% CI]", ...THRESHOLDS.map((t) => `steps to ${100 * t}%`), "wall/run"];

/** The terminal table; the best mean is starred. */
export function renderTable(rows: readonly StrategyRow[]): string {
  const best = Math.max(...rows.map((r) => r.final.mean));
  const table = new Table({ head: HEAD, style: { head: [], border: [], compact: true } });
  for (const r of rows) table.push(cells(r, best));
  return table.toString();
}

/** The same table as Markdown, for docs/results.md; the best mean is bold. */
export function renderMarkdown(rows: readonly StrategyRow[]): string {
  const best = Math.max(...rows.map((r) => r.final.mean));
  const lines = [`| ${HEAD.join(" | ")} |`, `|${HEAD.map(() => "---").join("|")}|`];
  for (const r of rows) lines.push(`| ${cells(r, best).map((c) => c.replace(/^\*(.*)\*$/, "**$1**")).join(" | ")} |`);
  return lines.join("\n");
}

/**
 * Mean exact match per strategy at evaluated steps (every `every`-th evaluation and the last), as
 * Markdown: the learning curves behind the table, for docs/results.md.
 */
export function renderCurveMarkdown(summaries: readonly RunSummary[], every = 3): string {
  const strategies = [...new Set(summaries.map((s) => s.strategy))];
  const steps = [...new Set(summaries.flatMap((s) => s.curve.map((c) => c.step)))].sort((a, b) => a - b);
  const shown = steps.filter((_, i) => (i + 1) % every === 0 || i === steps.length - 1);
  const lines = [`| strategy | ${shown.map((s) => `step ${s}`).join(" | ")} |`, `|---|${shown.map(() => "---").join("|")}|`];
  for (const strategy of strategies) {
    const runs = summaries.filter((s) => s.strategy === strategy);
    const cells = shown.map((step) => {
      const values = runs.flatMap((r) => r.curve.filter((c) => c.step === step).map((c) => c.exactMatch));
      return values.length ? pct(values.reduce((a, b) => a + b, 0) / values.length) : "—";
    });
    lines.push(`| ${strategy} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}
