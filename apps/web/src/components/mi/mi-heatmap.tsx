"use client";

import { useId, useState } from "react";
import { impliedOrder, normalize, textOn, valueRange, viridis, type HeatRow } from "@/lib/heatmap";

export type HeatScale = "row" | "shared";

const GRADIENT = `linear-gradient(to right, ${Array.from({ length: 9 }, (_, i) => viridis(i / 8)).join(", ")})`;

const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3));

/**
 * Target positions (columns) × tables and aggregations (rows), coloured by value with viridis: a table of
 * cells, so it reads with a keyboard and a screen reader too (each cell holds its value). Hovering or
 * focusing a cell shows its value in full, its rank in the row and the source positions behind it. The
 * last column is the order max-mi would train with from that row.
 */
export function MiHeatmap({ rows, scale }: { rows: readonly HeatRow[]; scale: HeatScale }) {
  const [hover, setHover] = useState<{ row: number; position: number } | null>(null);
  const tipId = useId();
  const width = Math.max(0, ...rows.map((r) => r.values.length));
  const shared = valueRange(rows);
  const rangeOf = (r: HeatRow) => (scale === "shared" ? shared : valueRange([r]));
  const h = hover && rows[hover.row];
  const hv = h && hover ? h.values[hover.position] : null;
  const rank = (r: HeatRow, p: number) => (impliedOrder(r.values)?.indexOf(p) ?? -1) + 1;
  return (
    <div className="heatmap" data-testid="mi-heatmap" data-scale={scale}>
      <table>
        <caption className="sr-only">MI per target position; rows are tables and aggregations, values in nats</caption>
        <thead>
          <tr>
            <th scope="col">Table · aggregation</th>
            {Array.from({ length: width }, (_, p) => (
              <th scope="col" key={p} className="num">
                y<sub>{p}</sub>
              </th>
            ))}
            <th scope="col">max-mi order</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, ri) => {
            const range = rangeOf(r);
            const order = impliedOrder(r.values);
            return (
              <tr key={r.key} data-testid="mi-row" data-row={r.key}>
                <th scope="row">
                  <span className="muted">{r.source}</span> {r.label}
                </th>
                {r.values.map((v, p) => {
                  const t = v === null ? null : normalize(v, range);
                  return (
                    <td
                      key={p}
                      className="heat-cell num"
                      tabIndex={0}
                      data-testid="mi-cell"
                      data-position={p}
                      data-value={v ?? ""}
                      aria-describedby={hover?.row === ri && hover.position === p ? tipId : undefined}
                      style={t === null ? undefined : { background: viridis(t), color: textOn(t) }}
                      onMouseEnter={() => setHover({ row: ri, position: p })}
                      onFocus={() => setHover({ row: ri, position: p })}
                      onMouseLeave={() => setHover(null)}
                      onBlur={() => setHover(null)}
                    >
                      {v === null ? "—" : fmt(v)}
                    </td>
                  );
                })}
                {Array.from({ length: width - r.values.length }, (_, i) => (
                  <td key={`pad${i}`} />
                ))}
                <td data-testid="mi-order">{order ? order.map((p) => `y${p}`).join(" ") : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="row heatmap-foot">
        <div className="heatmap-legend" aria-label="Colour scale">
          <span>{scale === "shared" ? `${fmt(shared[0])} nats` : "row minimum"}</span>
          <span className="heatmap-gradient" style={{ background: GRADIENT }} aria-hidden="true" />
          <span>{scale === "shared" ? `${fmt(shared[1])} nats` : "row maximum"}</span>
        </div>
        <span className="spacer" />
        <p id={tipId} role="status" className="heatmap-tip" data-testid="mi-tooltip">
          {h && hover && hv !== null && hv !== undefined ? (
            <>
              <strong>
                {h.label}, y<sub>{hover.position}</sub>
              </strong>
              : {hv.toPrecision(5)} nats{h.aggregation === "entropy" ? "" : ` (rank ${rank(h, hover.position)} of ${h.values.length} by decreasing value)`}
              {(() => {
                const src = h.sources?.[hover.position];
                return src && src.length ? `; source positions ${src.map((s) => `x${s}`).join(", ")}` : "";
              })()}
            </>
          ) : (
            <span className="muted">Hover or focus a cell for its value.</span>
          )}
        </p>
      </div>
    </div>
  );
}
