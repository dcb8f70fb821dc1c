"use client";

import { readPositions, normalize, textOn, valueRange, viridis, type MiTableLike } from "@/lib/heatmap";
import { formatMetric } from "@/lib/format";
import type { CurveStore } from "@/lib/series";

/** The newest value of the run's per-position eval accuracy (plain position i). */
function positionAccuracy(store: CurveStore, runId: string, position: number): number | null {
  const s = store.get(runId, `eval/position_${position}_accuracy`);
  const v = s?.values[s.values.length - 1];
  return v === undefined ? null : v;
}

/**
 * The run's target order π and, for MI strategies, the table it came from: per target position its
 * entropy, the score max-mi / min-mi order by (coloured), the source positions behind it, where π trains
 * it, and the latest evaluation's accuracy at that position.
 */
export function RunOrder(props: { strategy: string; permutation: readonly number[]; planned: readonly number[]; miTable: unknown; store: CurveStore; runId: string }) {
  const { strategy, permutation, planned, miTable, store, runId } = props;
  const positions = readPositions(miTable as MiTableLike | null);
  const byPosition = new Map(positions.map((p) => [p.position, p]));
  const scores = valueRange([{ values: positions.map((p) => p.score) }]);
  const hasPairwise = positions.some((p) => p.sum !== null || p.max !== null);
  const m = permutation.length;
  const differs = planned.length !== m || planned.some((p, i) => p !== permutation[i]);
  const table = miTable as MiTableLike | null;
  return (
    <section aria-label="Target order" data-testid="run-order">
      <p style={{ margin: "0 0 8px" }}>
        <strong>π = [{permutation.join(", ")}]</strong>: the model emits the target as{" "}
        <span data-testid="run-permutation">{permutation.map((p) => `y${p}`).join(" ")}</span> (step i of the target is plain position π[i]).
        {differs && <span className="muted"> The worker reported this order; the plan today gives [{planned.join(", ")}].</span>}
      </p>
      {positions.length === 0 ? (
        <p className="muted">{strategy} does not use an MI table: its order is fixed by the strategy{strategy === "random" ? " and the data seed" : ""}.</p>
      ) : (
        <p className="muted" style={{ margin: "0 0 8px" }}>
          From the {String(table?.estimator ?? "")} table on {typeof table?.n === "number" ? table.n.toLocaleString("en-US") : "?"} training examples, in nats.
        </p>
      )}
      <table data-testid="run-mi-table" style={{ width: "auto" }}>
        <caption className="sr-only">Per target position: training order, MI and accuracy</caption>
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col" className="num">
              Trained as
            </th>
            {positions.length > 0 && (
              <>
                <th scope="col" className="num">
                  H(y<sub>i</sub>)
                </th>
                <th scope="col" className="num">
                  MI score
                </th>
                {hasPairwise && (
                  <>
                    <th scope="col" className="num">
                      Σ<sub>j</sub> I
                    </th>
                    <th scope="col" className="num">
                      max<sub>j</sub> I
                    </th>
                  </>
                )}
                <th scope="col">Sources</th>
              </>
            )}
            <th scope="col" className="num">
              Eval accuracy
            </th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: m }, (_, position) => {
            const p = byPosition.get(position);
            const t = p?.score === null || p?.score === undefined ? null : normalize(p.score, scores);
            const acc = positionAccuracy(store, runId, position);
            return (
              <tr key={position} data-testid="run-position" data-position={position}>
                <th scope="row">
                  y<sub>{position}</sub>
                </th>
                <td className="num">{permutation.indexOf(position) + 1}.</td>
                {positions.length > 0 && (
                  <>
                    <td className="num">{p?.entropy?.toFixed(3) ?? "—"}</td>
                    <td className="num" style={t === null ? undefined : { background: viridis(t), color: textOn(t) }}>
                      {p?.score?.toFixed(3) ?? "—"}
                    </td>
                    {hasPairwise && (
                      <>
                        <td className="num">{p?.sum?.toFixed(3) ?? "—"}</td>
                        <td className="num">{p?.max?.toFixed(3) ?? "—"}</td>
                      </>
                    )}
                    <td>{p?.sources?.length ? p.sources.map((s) => `x${s}`).join(", ") : "—"}</td>
                  </>
                )}
                <td className="num">{formatMetric("exact_match", acc)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
