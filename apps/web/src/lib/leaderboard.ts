import type { LeaderboardFieldsFragment } from "@/gql/graphql";
import type { MetricDirection } from "@orderbench/core/plan";
import { isFractionMetric } from "./format";

export type LeaderboardRow = LeaderboardFieldsFragment["rows"][number];

/**
 * Rows are pooled only within one configuration (runs whose settings agree but for strategy and seed), and
 * "best" is per configuration. The API names each configuration by what sets it apart (`configLabel`).
 */
export function configKey(r: Pick<LeaderboardRow, "configId">): string {
  return r.configId;
}

/** Row indices with the best mean in their configuration (ties all count), lowest for direction "min". */
export function bestRows(rows: readonly LeaderboardRow[], direction: MetricDirection | string): Set<number> {
  const sign = direction === "min" ? -1 : 1;
  const best = new Map<string, number>();
  for (const r of rows) {
    const k = configKey(r);
    best.set(k, Math.max(best.get(k) ?? Number.NEGATIVE_INFINITY, sign * r.mean));
  }
  const out = new Set<number>();
  rows.forEach((r, i) => {
    if (sign * r.mean === best.get(configKey(r))) out.add(i);
  });
  return out;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The leaderboard as CSV, raw values (fractions, not percentages), one column pair per threshold. */
export function leaderboardCsv(board: LeaderboardFieldsFragment): string {
  const header = [
    "task", "preset", "metric", "direction", "strategy", "configuration", "estimator", "lr", "batch_size", "n", "mean", "std", "min", "max", "best",
    `delta_vs_${board.baseline}`, "delta_n", "ci95_low", "ci95_high",
    ...board.thresholds.flatMap((t) => [`steps_to_${t}`, `reached_${t}`]),
    "run_ids",
  ];
  const lines = board.rows.map((r) => [
    board.task, board.preset, board.metric, board.direction, r.strategy, r.configLabel, r.estimator, r.lr, r.batchSize, r.n, r.mean, r.std, r.min, r.max, r.best,
    r.vsBaseline?.mean, r.vsBaseline?.n, r.vsBaseline?.ciLow, r.vsBaseline?.ciHigh,
    ...board.thresholds.flatMap((t) => {
      const c = r.convergence.find((x) => x.threshold === t);
      return [c?.meanSteps, c?.reached];
    }),
    r.runIds.join(" "),
  ]);
  return [header, ...lines].map((l) => l.map(csvCell).join(",")).join("\n") + "\n";
}

/** The leaderboard as JSON: the API's answer without GraphQL's __typename fields. */
export function leaderboardJson(board: LeaderboardFieldsFragment): string {
  return `${JSON.stringify(board, (key, value) => (key === "__typename" ? undefined : value), 2)}\n`;
}

const LATEX_SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  $: "\\$",
  "&": "\\&",
  "#": "\\#",
  "%": "\\%",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

export function latexEscape(s: string): string {
  return s.replace(/[\\{}$&#%_~^]/g, (c) => LATEX_SPECIALS[c] as string);
}

/** A number for a LaTeX cell: percentages for fractions, with a real minus sign. */
function latexNumber(metric: string, v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "--";
  const x = isFractionMetric(metric) ? v * 100 : v;
  const s = x.toFixed(isFractionMetric(metric) ? digits : digits + 2);
  return s.startsWith("-") ? `$-$${s.slice(1)}` : s;
}

function latexSigned(metric: string, v: number): string {
  const s = latexNumber(metric, v);
  return v > 0 ? `+${s}` : s;
}

/**
 * The leaderboard as a LaTeX table (booktabs): mean ± std over seeds with the best mean of each
 * configuration in bold, Δ vs the baseline with its 95% CI, and steps to each threshold. Fractions are in
 * percent (the column heads say so); the caption states task, preset, metric and what Δ means.
 */
export function leaderboardLatex(board: LeaderboardFieldsFragment): string {
  const m = board.metric;
  const pct = isFractionMetric(m);
  const best = bestRows(board.rows, board.direction);
  const configs = new Set(board.rows.map(configKey));
  const unit = pct ? " (\\%)" : "";
  const head = [
    "Strategy",
    ...(configs.size > 1 ? ["Configuration"] : []),
    "$n$",
    `${latexEscape(m)}${unit}`,
    `$\\Delta$ vs ${latexEscape(board.baseline)}${pct ? " (pp)" : ""} [95\\% CI]`,
    ...board.thresholds.map((t) => `Steps to ${pct ? `${Math.round(t * 100)}\\%` : t}`),
  ];
  const body = board.rows.map((r, i) => {
    const mean = `${latexNumber(m, r.mean)}${r.std !== null ? ` $\\pm$ ${latexNumber(m, r.std)}` : ""}`;
    const d = r.vsBaseline;
    const delta =
      r.strategy === board.baseline
        ? "baseline"
        : d
          ? `${latexSigned(m, d.mean)}${d.ciLow !== null && d.ciHigh !== null ? ` [${latexSigned(m, d.ciLow)}, ${latexSigned(m, d.ciHigh)}]` : ""}`
          : "--";
    const steps = board.thresholds.map((t) => {
      const c = r.convergence.find((x) => x.threshold === t);
      return c?.meanSteps != null ? `${Math.round(c.meanSteps).toLocaleString("en-US").replace(/,/g, "{,}")} (${c.reached}/${r.n})` : `-- (${c?.reached ?? 0}/${r.n})`;
    });
    return [
      latexEscape(r.strategy),
      ...(configs.size > 1 ? [latexEscape(r.configLabel)] : []),
      String(r.n),
      best.has(i) ? `\\textbf{${mean}}` : mean,
      delta,
      ...steps,
    ].join(" & ");
  });
  const caption =
    `${latexEscape(board.task)} on ${latexEscape(board.preset)}: final ${latexEscape(m)} over seeds (mean $\\pm$ sample std; best per configuration in bold). ` +
    `$\\Delta$ is paired by seed against ${latexEscape(board.baseline)} with a 95\\% Student-$t$ interval; steps to threshold from ${latexEscape(board.curve)}, mean over the runs that reached it.`;
  return [
    "% orderbench leaderboard; needs \\usepackage{booktabs}",
    "\\begin{table}[t]",
    "\\centering",
    `\\caption{${caption}}`,
    `\\begin{tabular}{l${configs.size > 1 ? "l" : ""}r${"r".repeat(2 + board.thresholds.length)}}`,
    "\\toprule",
    `${head.join(" & ")} \\\\`,
    "\\midrule",
    ...body.map((l) => `${l} \\\\`),
    "\\bottomrule",
    "\\end{tabular}",
    "\\end{table}",
    "",
  ].join("\n");
}
