"use client";

import { useState } from "react";
import type { RunCellFragment } from "@/gql/graphql";
import { strategyColor } from "@/lib/palette";
import type { CurveStore } from "@/lib/series";
import { runGridLabel } from "@/lib/spec";
import { directionLabel, primaryMetricOf } from "@/lib/task-metric";
import { CurveLoader } from "../chart/curve-loader";
import { MetricChart, type ChartBand, type ChartLine } from "../chart/metric-chart";
import { StrategyChip } from "../strategy-chip";

const HISTORY_POINTS = 1000;
/** Dash patterns that tell apart groups of one strategy (an lr or batch-size sweep). */
const DASHES: (number[] | undefined)[] = [undefined, [6, 3], [2, 3], [10, 3, 2, 3]];

/** The runs' groups for the bands: strategy, and the grid values a sweep adds (lr, batch size). */
export function strategyGroups(runs: readonly RunCellFragment[], experimentSpec: unknown) {
  const groups = new Map<string, { strategy: string; gridLabel: string | null; runs: RunCellFragment[] }>();
  for (const r of runs) {
    const gridLabel = runGridLabel(r.spec, experimentSpec);
    const key = `${r.strategy}|${gridLabel ?? ""}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { strategy: r.strategy, gridLabel, runs: [] }));
    g.runs.push(r);
  }
  return [...groups.entries()].map(([key, g]) => ({ key, ...g }));
}

/**
 * Loss and primary-metric curves of the experiment (eval/exact_match, eval/score or eval/perplexity), coloured by strategy: by default each strategy's mean
 * over its seeds inside a ± 1 std band; "Individual seeds" draws every run instead.
 */
export function RunCharts({ runs, store, experimentSpec }: { runs: readonly RunCellFragment[]; store: CurveStore; experimentSpec: unknown }) {
  const [error, setError] = useState<string | null>(null);
  const [smoothing, setSmoothing] = useState(0);
  const [seeds, setSeeds] = useState(false);

  const started = runs.filter((r) => r.status !== "queued");
  const groups = strategyGroups(started, experimentSpec);
  const dashOf = new Map<string, number[] | undefined>();
  const perStrategy = new Map<string, number>();
  for (const g of groups) {
    const i = perStrategy.get(g.strategy) ?? 0;
    perStrategy.set(g.strategy, i + 1);
    dashOf.set(g.key, DASHES[i % DASHES.length]);
  }
  const chart = (metric: string) => {
    if (seeds) {
      const lines: ChartLine[] = groups.flatMap((g) =>
        g.runs.map((r) => ({
          key: r.id,
          runId: r.id,
          metric,
          label: `${r.strategy} s${r.seed}${g.gridLabel ? ` (${g.gridLabel})` : ""}`,
          color: strategyColor(r.strategy),
          dash: dashOf.get(g.key),
        })),
      );
      return { lines };
    }
    const bands: ChartBand[] = groups.map((g) => ({
      key: g.key,
      label: `${g.strategy}${g.gridLabel ? ` (${g.gridLabel})` : ""}, ${g.runs.length} seed${g.runs.length === 1 ? "" : "s"}`,
      color: strategyColor(g.strategy),
      dash: dashOf.get(g.key),
      members: g.runs.map((r) => ({ runId: r.id, metric })),
    }));
    return { bands };
  };
  const strategies = [...new Set(runs.map((r) => r.strategy))];
  const task = (experimentSpec as { task?: unknown } | null)?.task;
  const metric = primaryMetricOf(typeof task === "string" ? task : "");
  const series = `eval/${metric.name}`;

  return (
    <section aria-label="Training curves">
      <CurveLoader runs={runs} store={store} names={["loss", series]} maxPoints={HISTORY_POINTS} onError={setError} />
      <div className="row">
        <div className="legend" aria-label="Strategy colours">
          {strategies.map((s) => (
            <StrategyChip key={s} strategy={s} />
          ))}
        </div>
        <span className="spacer" />
        <label className="row" style={{ gap: 6 }}>
          <input type="checkbox" checked={seeds} onChange={(e) => setSeeds(e.target.checked)} aria-describedby="seeds-view-hint" />
          Individual seeds
        </label>
        <span id="seeds-view-hint" className="sr-only">
          Off: each strategy&apos;s mean over its seeds with a band of one standard deviation. On: one curve per run.
        </span>
        <label htmlFor="smoothing">Smoothing</label>
        <input id="smoothing" type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} aria-valuetext={smoothing.toFixed(2)} />
        <output htmlFor="smoothing">{smoothing.toFixed(2)}</output>
      </div>
      {error && (
        <div role="alert" className="alert">
          {error}
        </div>
      )}
      {started.length === 0 ? (
        <p className="muted">No run has started yet; curves appear as soon as a worker reports the first steps.</p>
      ) : (
        <>
          {!seeds && <p className="muted" style={{ margin: "0 0 6px", fontSize: "0.85rem" }}>Lines: mean over seeds per strategy; shaded: ± 1 standard deviation (sample, across seeds).</p>}
          <div className="charts">
            <MetricChart id="loss" title="Training loss" {...chart("loss")} store={store} smoothing={smoothing} />
            <MetricChart
              id={series}
              title={`${metric.label[0]?.toUpperCase() ?? ""}${metric.label.slice(1)} (eval${metric.direction === "min" ? `, ${directionLabel(metric)}` : ""})`}
              {...chart(series)}
              store={store}
              smoothing={smoothing}
              percent={metric.percent}
              sparse
            />
          </div>
        </>
      )}
    </section>
  );
}
