import type { LeaderboardFieldsFragment } from "@/gql/graphql";
import { lowerIsBetter } from "./format";

export type LeaderboardRow = LeaderboardFieldsFragment["rows"][number];

/** Rows are pooled only within one configuration; "best" is per configuration. */
export function configKey(r: Pick<LeaderboardRow, "estimator" | "lr" | "batchSize">): string {
  return `${r.estimator} · lr ${r.lr} · batch ${r.batchSize}`;
}

/** Row indices with the best mean in their configuration (ties all count). */
export function bestRows(rows: readonly LeaderboardRow[], metric: string): Set<number> {
  const sign = lowerIsBetter(metric) ? -1 : 1;
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
    "task", "preset", "metric", "strategy", "estimator", "lr", "batch_size", "n", "mean", "std", "min", "max", "best",
    `delta_vs_${board.baseline}`, "delta_n", "ci95_low", "ci95_high",
    ...board.thresholds.flatMap((t) => [`steps_to_${t}`, `reached_${t}`]),
    "run_ids",
  ];
  const lines = board.rows.map((r) => [
    board.task, board.preset, board.metric, r.strategy, r.estimator, r.lr, r.batchSize, r.n, r.mean, r.std, r.min, r.max, r.best,
    r.vsBaseline?.mean, r.vsBaseline?.n, r.vsBaseline?.ciLow, r.vsBaseline?.ciHigh,
    ...board.thresholds.flatMap((t) => {
      const c = r.convergence.find((x) => x.threshold === t);
      return [c?.meanSteps, c?.reached];
    }),
    r.runIds.join(" "),
  ]);
  return [header, ...lines].map((l) => l.map(csvCell).join(",")).join("\n") + "\n";
}
