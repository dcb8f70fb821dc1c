"use client";

import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { bandGrid, meanStd, resample } from "@/lib/bands";
import { alignSeries, smooth, type CurveStore, type Series } from "@/lib/series";

/** One curve: a metric of a run. */
export interface ChartLine {
  key: string;
  runId: string;
  metric: string;
  label: string;
  color: string;
  /** Canvas dash pattern, e.g. [6, 4] for a pinned baseline. */
  dash?: number[];
  width?: number;
}

/** Mean ± standard deviation over several curves (the seeds of a strategy), drawn as a line in a band. */
export interface ChartBand {
  key: string;
  label: string;
  color: string;
  members: readonly { runId: string; metric: string }[];
  dash?: number[];
}

export interface DrawInfo {
  /** Stored points behind the chart (what data-points says). */
  points: number;
  /** uPlot series drawn, the x axis left out. */
  series: number;
}

const HEIGHT = 280;
/** Above this many curves a chart draws thinner lines and no hover markers. */
const MANY_LINES = 20;

/** `#rrggbb` with an alpha, for band fills. */
function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const n = parseInt(m[1] as string, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * Curves on a uPlot canvas (no DOM per point): `lines` one per run and metric, `bands` a mean line inside
 * a ± 1 std band (uPlot bands) per group of runs. The chart is rebuilt when its set of curves changes and
 * otherwise only fed new data, at most once per animation frame however fast points arrive. A drag zooms
 * (and live data then keeps the zoom); a double-click resets it.
 */
export function MetricChart(props: {
  id: string;
  title: string;
  lines?: readonly ChartLine[];
  bands?: readonly ChartBand[];
  store: CurveStore;
  smoothing: number;
  percent?: boolean;
  /** Draw the points too (sparse series such as evaluations). */
  sparse?: boolean;
  /** uPlot's legend under the chart, with the values under the cursor. */
  hoverLegend?: boolean;
  height?: number;
  onDrawn?: (info: DrawInfo) => void;
}) {
  const { id, title, lines = [], bands = [], store, smoothing, percent = false, sparse = false, hoverLegend = false, height = HEIGHT, onDrawn } = props;
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const zoomed = useRef(false);
  const pointCount = useRef(0);
  const drawn = useRef(onDrawn);
  drawn.current = onDrawn;
  const [points, setPoints] = useState(0);
  const shape = [
    ...lines.map((l) => `L${l.key}|${l.runId}|${l.metric}|${l.label}|${l.color}|${l.dash?.join(" ") ?? ""}|${l.width ?? ""}`),
    ...bands.map((b) => `B${b.key}|${b.label}|${b.color}|${b.dash?.join(" ") ?? ""}|${b.members.map((m) => `${m.runId}:${m.metric}`).join(" ")}`),
  ].join(",");
  const curves = new Set([...lines.map((l) => `${l.runId}\n${l.metric}`), ...bands.flatMap((b) => b.members.map((m) => `${m.runId}\n${m.metric}`))]).size;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const pointStyle = (color: string) => ({ show: sparse, size: 4, fill: color });
    const series: uPlot.Series[] = [{ label: "step" }];
    // Many curves are drawn as 1 px lines: the browser rasterises thin lines several times faster.
    const lineWidth = lines.length > MANY_LINES ? 1 : 1.5;
    for (const l of lines) series.push({ label: l.label, stroke: l.color, width: l.width ?? lineWidth, dash: l.dash, spanGaps: true, points: pointStyle(l.color) });
    const uBands: uPlot.Band[] = [];
    for (const b of bands) {
      const mean = series.length;
      series.push({ label: `${b.label} (mean)`, stroke: b.color, width: 2, dash: b.dash, spanGaps: true, points: pointStyle(b.color) });
      series.push({ label: `${b.label} (+1 sd)`, stroke: withAlpha(b.color, 0.3), width: 1, spanGaps: true, points: { show: false } });
      series.push({ label: `${b.label} (−1 sd)`, stroke: withAlpha(b.color, 0.3), width: 1, spanGaps: true, points: { show: false } });
      uBands.push({ series: [mean + 1, mean + 2], fill: withAlpha(b.color, b.color === "#000000" ? 0.12 : 0.2) });
    }
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      legend: { show: hoverLegend, live: true },
      // Hover markers are one element per series; past a few dozen curves they cost more than they show.
      cursor: { drag: { x: true, y: false }, points: { show: series.length <= MANY_LINES * 2 } },
      scales: { x: { time: false }, y: percent ? { range: [0, 1] } : { auto: true } },
      axes: [
        { label: "step", stroke: "#444", grid: { stroke: "#eee" } },
        { stroke: "#444", grid: { stroke: "#eee" }, size: 56, values: percent ? (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) : undefined },
      ],
      series,
      bands: uBands,
      hooks: {
        setSelect: [() => void (zoomed.current = true)],
        draw: [
          (u) => {
            if (u.data[0].length > 0) drawn.current?.({ points: pointCount.current, series: series.length - 1 });
          },
        ],
      },
    };
    const u = new uPlot(opts, series.map(() => []) as unknown as uPlot.AlignedData, el);
    plot.current = u;
    // The band edges need no legend entries of their own: the mean's entry stands for its band.
    if (hoverLegend) {
      const entries = u.root.querySelectorAll<HTMLElement>(".u-legend .u-series");
      for (const b of uBands) for (const i of b.series) entries[i]?.style.setProperty("display", "none");
    }
    zoomed.current = false;
    const unzoom = () => void (zoomed.current = false);
    u.over.addEventListener("dblclick", unzoom);
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.over.removeEventListener("dblclick", unzoom);
      u.destroy();
      plot.current = null;
    };
    // `shape` stands for lines and bands: the chart is rebuilt only when the set of curves changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, percent, sparse, hoverLegend, height]);

  useEffect(() => {
    let frame = 0;
    const read = (runId: string, metric: string): Series => {
      const s = store.get(runId, metric) ?? { steps: [], values: [] };
      return { steps: s.steps, values: smooth(s.values, smoothing) };
    };
    const draw = () => {
      frame = 0;
      const lineSeries = lines.map((l) => read(l.runId, l.metric));
      let data: (number | null)[][];
      if (bands.length === 0) {
        data = alignSeries(lineSeries);
      } else {
        const bandSeries = bands.map((b) => b.members.map((m) => read(m.runId, m.metric)));
        const xs = bandGrid([...lineSeries, ...bandSeries.flat()]);
        data = [xs, ...lineSeries.map((s) => resample(s, xs))];
        for (const members of bandSeries) {
          const band = meanStd(members, xs);
          data.push(band.mean, band.hi, band.lo);
        }
      }
      let n = 0;
      const seen = new Set<string>();
      for (const c of [...lines, ...bands.flatMap((b) => b.members)]) {
        const k = `${c.runId}\n${c.metric}`;
        if (seen.has(k)) continue;
        seen.add(k);
        n += store.get(c.runId, c.metric)?.steps.length ?? 0;
      }
      pointCount.current = n;
      plot.current?.setData(data as unknown as uPlot.AlignedData, !zoomed.current);
      setPoints(n);
    };
    draw();
    const unsubscribe = store.subscribe(() => {
      if (!frame) frame = requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, percent, sparse, hoverLegend, height, smoothing, store]);

  const what = bands.length > 0 ? `${bands.length} group${bands.length === 1 ? "" : "s"} (mean ± std) of ${curves} curve${curves === 1 ? "" : "s"}` : `${lines.length} curve${lines.length === 1 ? "" : "s"}`;
  return (
    <figure className="chart">
      <figcaption id={`chart-${id}-title`}>{title}</figcaption>
      <div
        ref={box}
        role="img"
        aria-labelledby={`chart-${id}-title`}
        aria-describedby={`chart-${id}-desc`}
        data-testid={`chart-${id}`}
        data-points={points}
        data-lines={lines.length}
        data-bands={bands.length}
      />
      <p id={`chart-${id}-desc`} className="muted" style={{ margin: "4px 0 0", fontSize: "0.85rem" }}>
        {points.toLocaleString("en-US")} points over {what}; drag to zoom, double-click to reset.
      </p>
    </figure>
  );
}
