"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { strategyColor } from "@/lib/palette";
import { CurveStore } from "@/lib/series";
import { MetricChart, type ChartBand, type ChartLine, type DrawInfo } from "../chart/metric-chart";

/** What the benchmark script reads from the page, all in ms of performance.now() (0 = navigation start). */
export interface ChartBenchResult {
  runs: number;
  pointsPerRun: number;
  view: "seeds" | "bands";
  /** Stored points drawn and uPlot series. */
  points: number;
  series: number;
  /** The page's script ran (hydrated). */
  hydratedAt: number;
  /** Making the synthetic curves (stands in for reading them from the API). */
  generateMs: number;
  /** Curves in the store → first full draw. */
  drawMs: number;
  /** Curves in the store → the main thread free after that draw's frame. */
  interactiveMs: number;
  /** Navigation start → interactive. */
  navigationToInteractiveMs: number;
}

const STRATEGIES = ["plain", "reverse", "max-mi", "min-mi"];

/** Deterministic curves: a decaying loss with noise, a different rate and floor per run. */
function fill(store: CurveStore, runs: number, points: number): void {
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  for (let r = 0; r < runs; r++) {
    const rate = 800 + 2400 * rand();
    const floor = 0.05 + 0.3 * rand();
    const steps = new Array<number>(points);
    const values = new Array<number>(points);
    for (let i = 0; i < points; i++) {
      steps[i] = i;
      values[i] = floor + 2.5 * Math.exp(-i / rate) + 0.08 * (rand() - 0.5);
    }
    store.setHistory(`run-${r}`, "loss", steps.map((step, i) => ({ step, value: values[i] as number })));
  }
}

/**
 * `?runs=100&points=10000&view=seeds|bands`: fills a CurveStore with runs × points synthetic loss values,
 * then draws them with the experiment page's chart (MetricChart): one curve per run ("seeds"), or the runs
 * in four strategies as mean ± std bands ("bands"). The timings land in window.__chartBench.
 */
export function ChartBench() {
  const params = useSearchParams();
  const runs = Math.max(1, Math.min(1000, Number(params.get("runs") ?? 100) || 100));
  const pointsPerRun = Math.max(2, Math.min(100_000, Number(params.get("points") ?? 10_000) || 10_000));
  const view = params.get("view") === "bands" ? "bands" : "seeds";
  const [ready, setReady] = useState<{ store: CurveStore; generateMs: number; hydratedAt: number; filledAt: number } | null>(null);
  const done = useRef(false);

  useEffect(() => {
    const hydratedAt = performance.now();
    const store = new CurveStore();
    fill(store, runs, pointsPerRun);
    const filledAt = performance.now();
    setReady({ store, generateMs: filledAt - hydratedAt, hydratedAt, filledAt });
  }, [runs, pointsPerRun]);

  const onDrawn = (info: DrawInfo) => {
    if (done.current || !ready || info.points < runs * pointsPerRun) return;
    done.current = true;
    const drawnAt = performance.now();
    // Interactive: the drawn frame has been painted and the main thread has nothing left to do for it.
    requestAnimationFrame(() =>
      setTimeout(() => {
        const at = performance.now();
        const result: ChartBenchResult = {
          runs,
          pointsPerRun,
          view,
          points: info.points,
          series: info.series,
          hydratedAt: ready.hydratedAt,
          generateMs: ready.generateMs,
          drawMs: drawnAt - ready.filledAt,
          interactiveMs: at - ready.filledAt,
          navigationToInteractiveMs: at,
        };
        (window as unknown as { __chartBench?: ChartBenchResult }).__chartBench = result;
        document.body.dataset.chartBench = "done";
      }, 0),
    );
  };

  const ids = Array.from({ length: runs }, (_, r) => `run-${r}`);
  const lines: ChartLine[] = view === "seeds" ? ids.map((id, r) => ({ key: id, runId: id, metric: "loss", label: id, color: strategyColor(STRATEGIES[r % STRATEGIES.length] as string) })) : [];
  const bands: ChartBand[] =
    view === "bands"
      ? STRATEGIES.map((s, k) => ({ key: s, label: s, color: strategyColor(s), members: ids.filter((_, r) => r % STRATEGIES.length === k).map((runId) => ({ runId, metric: "loss" })) }))
      : [];
  return (
    <>
      <h1>Chart benchmark</h1>
      <p className="muted">
        {runs} runs × {pointsPerRun.toLocaleString("en-US")} points, {view === "seeds" ? "one curve per run" : "mean ± std bands of 4 strategies"}.
      </p>
      {ready && <MetricChart id="bench" title="Synthetic loss" lines={lines} bands={bands} store={ready.store} smoothing={0} onDrawn={onDrawn} />}
    </>
  );
}
