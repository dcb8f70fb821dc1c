"use client";

import { useClient } from "@urql/next";
import { useEffect, useRef, useState } from "react";
import { MetricHistoryQuery, RunMetricsSubscription } from "@/graphql/metrics";
import { runsPerRequest } from "@/lib/cost";
import type { CurveStore } from "@/lib/series";

export interface CurveRun {
  id: string;
  status: string;
  attempt: number;
}

/**
 * Fills the store with the runs' curves: each started run's stored history once (downsampled by the API),
 * then, while it runs, the points `runMetrics` streams after that history. A stream starts one step before
 * the history's last step, since other metrics of that step may still have been on their way; the store
 * drops the repeats. It resumes by itself after a reconnect (urql/resume.ts) and ends with the run.
 */
export function CurveLoader(props: { runs: readonly CurveRun[]; store: CurveStore; names: readonly string[] | null; maxPoints: number; onError: (message: string | null) => void }) {
  const { runs, store, names, maxPoints, onError } = props;
  const client = useClient();
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(() => new Set());
  const requested = useRef(new Set<string>());
  const report = useRef(onError);
  report.current = onError;
  const namesKey = names?.join("\n") ?? null;

  useEffect(() => {
    const pending = runs.filter((r) => r.status !== "queued" && !requested.current.has(r.id)).map((r) => r.id);
    for (const id of pending) requested.current.add(id);
    const chunkSize = runsPerRequest(names, maxPoints);
    for (let i = 0; i < pending.length; i += chunkSize) {
      const chunk = pending.slice(i, i + chunkSize);
      void client
        .query(MetricHistoryQuery, { runIds: chunk, names: names ? [...names] : null, maxPoints }, { requestPolicy: "network-only" })
        .toPromise()
        .then((r) => {
          if (!r.data) {
            for (const id of chunk) requested.current.delete(id);
            report.current(`Could not load curves: ${r.error?.graphQLErrors[0]?.message ?? r.error?.message ?? "no data"}`);
            return;
          }
          report.current(null);
          for (const s of r.data.metricSeries) store.setHistory(s.runId, s.name, s.points);
          setLoaded((prev) => new Set([...prev, ...chunk]));
        });
    }
    // namesKey stands for names.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runs, client, store, namesKey, maxPoints]);

  // One stream per run attempt that has been seen running; it ends by itself once the run has finished.
  const [feeds, setFeeds] = useState<ReadonlyMap<string, { runId: string; since: number | null }>>(() => new Map());
  useEffect(() => {
    const add = runs.filter((r) => r.status === "running" && loaded.has(r.id) && !feeds.has(`${r.id}:${r.attempt}`));
    if (add.length === 0) return;
    setFeeds((prev) => {
      const next = new Map(prev);
      for (const r of add) {
        const last = store.lastStep(r.id);
        next.set(`${r.id}:${r.attempt}`, { runId: r.id, since: last === null ? null : last - 1 });
      }
      return next;
    });
  }, [runs, loaded, feeds, store]);

  return (
    <>
      {[...feeds].map(([key, f]) => (
        <LiveFeed key={key} runId={f.runId} since={f.since} store={store} />
      ))}
    </>
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
