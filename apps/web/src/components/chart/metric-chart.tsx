"use client";

import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { alignSeries, smooth, type CurveStore } from "@/lib/series";

export interface ChartRun {
  id: string;
  label: string;
  color: string;
}

const HEIGHT = 280;

/**
 * One metric of many runs on a uPlot canvas (no DOM per point). The chart is rebuilt when the set of runs
 * changes and otherwise only fed new data, at most once per animation frame however fast points arrive.
 */
export function MetricChart(props: { title: string; metric: string; runs: readonly ChartRun[]; store: CurveStore; smoothing: number; percent?: boolean }) {
  const { title, metric, runs, store, smoothing, percent = false } = props;
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [points, setPoints] = useState(0);
  const runsKey = runs.map((r) => `${r.id}|${r.label}|${r.color}`).join(",");

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const sparse = metric.startsWith("eval/");
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: false }, y: percent ? { range: [0, 1] } : { auto: true } },
      axes: [
        { label: "step", stroke: "#444", grid: { stroke: "#eee" } },
        { stroke: "#444", grid: { stroke: "#eee" }, size: 56, values: percent ? (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) : undefined },
      ],
      series: [
        { label: "step" },
        ...runs.map((r) => ({ label: r.label, stroke: r.color, width: 1.5, spanGaps: true, points: { show: sparse, size: 4, fill: r.color } })),
      ],
    };
    const u = new uPlot(opts, [[], ...runs.map(() => [])] as unknown as uPlot.AlignedData, el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // runsKey stands for `runs`: the chart is rebuilt only when the set of runs changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runsKey, metric, percent]);

  useEffect(() => {
    let frame = 0;
    const ids = runs.map((r) => r.id);
    const draw = () => {
      frame = 0;
      const series = ids.map((id) => {
        const s = store.get(id, metric) ?? { steps: [], values: [] };
        return { steps: s.steps, values: smooth(s.values, smoothing) };
      });
      plot.current?.setData(alignSeries(series) as unknown as uPlot.AlignedData);
      setPoints(store.count(ids, metric));
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
  }, [runsKey, metric, smoothing, store]);

  return (
    <figure className="chart">
      <figcaption id={`chart-${metric}-title`}>{title}</figcaption>
      <div
        ref={box}
        role="img"
        aria-labelledby={`chart-${metric}-title`}
        aria-describedby={`chart-${metric}-desc`}
        data-testid={`chart-${metric}`}
        data-points={points}
      />
      <p id={`chart-${metric}-desc`} className="muted" style={{ margin: "4px 0 0", fontSize: "0.85rem" }}>
        {points.toLocaleString("en-US")} points over {runs.length} run{runs.length === 1 ? "" : "s"}; drag to zoom, double-click to reset.
      </p>
    </figure>
  );
}
