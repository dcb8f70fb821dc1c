"use client";

import { useClient } from "@urql/next";
import { useEffect, useRef, useState } from "react";
import type { RunCellFragment } from "@/gql/graphql";
import { MetricHistoryQuery, RunMetricsSubscription } from "@/graphql/metrics";
import { strategyColor } from "@/lib/palette";
import type { CurveStore } from "@/lib/series";
import { MetricChart, type ChartRun } from "../chart/metric-chart";
import { StrategyChip } from "../strategy-chip";

const CHART_METRICS = ["loss", "eval/exact_match"] as const;
/**
 * History per request: the API's cost of metricSeries is runs × names × maxPoints/10 against a limit of
 * 20,000 (docs/api.md), so 50 runs × 2 names × 1,000 points (10,000) stays well inside it.
 */
const HISTORY_RUNS_PER_REQUEST = 50;
const HISTORY_POINTS = 1000;

/**
 * Loss and exact-match curves of every run, coloured by strategy. A run's stored history is read once
 * (downsampled by the API) when it has started; while it runs, `runMetrics` streams the points after the
 * history's last step into the same store.
 */
export function RunCharts({ runs, store }: { runs: readonly RunCellFragment[]; store: CurveStore }) {
  const client = useClient();
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(() => new Set());
  const requested = useRef(new Set<string>());
  const [error, setError] = useState<string | null>(null);
  const [smoothing, setSmoothing] = useState(0);

  useEffect(() => {
    const pending = runs.filter((r) => r.status !== "queued" && !requested.current.has(r.id)).map((r) => r.id);
    for (const id of pending) requested.current.add(id);
    for (let i = 0; i < pending.length; i += HISTORY_RUNS_PER_REQUEST) {
      const chunk = pending.slice(i, i + HISTORY_RUNS_PER_REQUEST);
      void client
        .query(MetricHistoryQuery, { runIds: chunk, names: [...CHART_METRICS], maxPoints: HISTORY_POINTS }, { requestPolicy: "network-only" })
        .toPromise()
        .then((r) => {
          if (!r.data) {
            for (const id of chunk) requested.current.delete(id);
            setError(`Could not load curves: ${r.error?.message ?? "no data"}`);
            return;
          }
          setError(null);
          for (const s of r.data.metricSeries) store.setHistory(s.runId, s.name, s.points);
          setLoaded((prev) => new Set([...prev, ...chunk]));
        });
    }
  }, [runs, client, store]);

  // One stream per run attempt that has been seen running; it ends by itself once the run has finished.
  const [feeds, setFeeds] = useState<ReadonlyMap<string, { runId: string; since: number | null }>>(() => new Map());
  useEffect(() => {
    const add = runs.filter((r) => r.status === "running" && loaded.has(r.id) && !feeds.has(`${r.id}:${r.attempt}`));
    if (add.length === 0) return;
    setFeeds((prev) => {
      const next = new Map(prev);
      for (const r of add) next.set(`${r.id}:${r.attempt}`, { runId: r.id, since: store.lastStep(r.id) });
      return next;
    });
  }, [runs, loaded, feeds, store]);

  const chartRuns: ChartRun[] = runs
    .filter((r) => r.status !== "queued")
    .map((r) => ({ id: r.id, label: `${r.strategy} s${r.seed}`, color: strategyColor(r.strategy) }));
  const strategies = [...new Set(runs.map((r) => r.strategy))];

  return (
    <section aria-label="Training curves">
      {[...feeds].map(([key, f]) => (
        <LiveFeed key={key} runId={f.runId} since={f.since} store={store} />
      ))}
      <div className="row">
        <div className="legend" aria-label="Strategy colours">
          {strategies.map((s) => (
            <StrategyChip key={s} strategy={s} />
          ))}
        </div>
        <span className="spacer" />
        <label htmlFor="smoothing">Smoothing</label>
        <input id="smoothing" type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} aria-valuetext={smoothing.toFixed(2)} />
        <output htmlFor="smoothing">{smoothing.toFixed(2)}</output>
      </div>
      {error && (
        <div role="alert" className="alert">
          {error}
        </div>
      )}
      {chartRuns.length === 0 ? (
        <p className="muted">No run has started yet; curves appear as soon as a worker reports the first steps.</p>
      ) : (
        <div className="charts">
          <MetricChart title="Training loss" metric="loss" runs={chartRuns} store={store} smoothing={smoothing} />
          <MetricChart title="Exact match (eval)" metric="eval/exact_match" runs={chartRuns} store={store} smoothing={smoothing} percent />
        </div>
      )}
    </section>
  );
}

/** A run's live points into the store; the exchange resumes it after a reconnect (urql/resume.ts). */
function LiveFeed({ runId, since, store }: { runId: string; since: number | null; store: CurveStore }) {
  const client = useClient();
  useEffect(() => {
    const sub = client.subscription(RunMetricsSubscription, { runId, sinceStep: since }).subscribe((r) => {
      if (r.data) store.append(runId, r.data.runMetrics.points);
    });
    return () => sub.unsubscribe();
  }, [client, runId, since, store]);
  return null;
}
