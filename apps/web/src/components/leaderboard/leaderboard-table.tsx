"use client";

import type { LeaderboardFieldsFragment } from "@/gql/graphql";
import { formatDelta, formatMetric } from "@/lib/format";
import { download } from "@/lib/export";
import { bestRows, configKey, leaderboardCsv, leaderboardJson, leaderboardLatex } from "@/lib/leaderboard";
import { StrategyChip } from "../strategy-chip";

export function LeaderboardTable({ board }: { board: LeaderboardFieldsFragment }) {
  const best = bestRows(board.rows, board.direction);
  const configs = new Set(board.rows.map(configKey));
  const m = board.metric;
  const file = `leaderboard-${board.task.replace(":", "")}-${board.preset}-${m.replace(/\W+/g, "-")}`;
  return (
    <>
      <div className="row">
        <p className="muted" style={{ margin: 0 }}>
          {board.task} · {board.preset} · final <code>{m}</code> over seeds; Δ is paired by seed against <code>{board.baseline}</code> with a 95% Student-t interval;
          steps-to-threshold read from <code>{board.curve}</code>.
          {board.missingMetric > 0 && ` ${board.missingMetric} succeeded run(s) without ${m} are left out.`}
        </p>
        <span className="spacer" />
        <button type="button" disabled={board.rows.length === 0} onClick={() => download(`${file}.csv`, leaderboardCsv(board), "text/csv")}>
          Export CSV
        </button>
        <button type="button" disabled={board.rows.length === 0} onClick={() => download(`${file}.json`, leaderboardJson(board), "application/json")}>
          Export JSON
        </button>
        <button type="button" disabled={board.rows.length === 0} onClick={() => download(`${file}.tex`, leaderboardLatex(board), "application/x-tex")}>
          Export LaTeX
        </button>
      </div>
      {board.rows.length === 0 ? (
        <p className="muted" data-testid="leaderboard-empty">
          No finished runs of {board.task} on {board.preset} yet. Rows appear as runs succeed.
        </p>
      ) : (
        <table data-testid="leaderboard">
          <caption className="sr-only">
            Leaderboard for {board.task} on {board.preset}; the best mean of each configuration is bold
          </caption>
          <thead>
            <tr>
              <th scope="col">Strategy</th>
              {configs.size > 1 && <th scope="col">Configuration</th>}
              <th scope="col" className="num">n</th>
              <th scope="col" className="num">{m} (mean ± std)</th>
              <th scope="col" className="num">Δ vs {board.baseline} [95% CI]</th>
              {board.thresholds.map((t) => (
                <th scope="col" className="num" key={t}>
                  steps to {formatMetric(m, t, 0)}
                </th>
              ))}
              <th scope="col" className="num">best during training</th>
            </tr>
          </thead>
          <tbody>
            {board.rows.map((r, i) => {
              const isBest = best.has(i);
              const mean = `${formatMetric(m, r.mean)}${r.std !== null ? ` ± ${formatMetric(m, r.std).replace("%", "")}` : ""}`;
              const d = r.vsBaseline;
              return (
                <tr key={`${r.strategy}|${configKey(r)}`} data-testid="leaderboard-row" data-strategy={r.strategy}>
                  <th scope="row">
                    <StrategyChip strategy={r.strategy} />
                  </th>
                  {configs.size > 1 && <td>{r.configLabel}</td>}
                  <td className="num">{r.n}</td>
                  <td className="num">{isBest ? <strong aria-label={`${mean}, best`}>{mean}</strong> : mean}</td>
                  <td className="num">
                    {r.strategy === board.baseline ? (
                      <span className="muted">baseline</span>
                    ) : d ? (
                      <>
                        {formatDelta(m, d.mean)}{" "}
                        <span className="muted">{d.ciLow !== null && d.ciHigh !== null ? `[${formatDelta(m, d.ciLow)}, ${formatDelta(m, d.ciHigh)}]` : "(one seed: no CI)"}</span>
                      </>
                    ) : (
                      <span className="muted">no common seeds</span>
                    )}
                  </td>
                  {board.thresholds.map((t) => {
                    const c = r.convergence.find((x) => x.threshold === t);
                    return (
                      <td className="num" key={t}>
                        {c?.meanSteps != null ? Math.round(c.meanSteps).toLocaleString("en-US") : "—"} <span className="muted">({c?.reached ?? 0}/{r.n})</span>
                      </td>
                    );
                  })}
                  <td className="num">{formatMetric(m, r.best)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
