"use client";

import { useClient, useMutation, useQuery, useSubscription } from "@urql/next";
import Link from "next/link";
import { useMemo, useState } from "react";
import type { ExperimentRowFragment, ExperimentUpdatedSubscription as ExperimentEvent, RunCellFragment, RunUpdatedSubscription as RunEvent } from "@/gql/graphql";
import { CancelExperimentMutation } from "@/graphql/experiments";
import { ExperimentQuery, ExperimentUpdatedSubscription, RunUpdatedSubscription } from "@/graphql/experiment";
import { MetricHistoryQuery } from "@/graphql/metrics";
import { runsPerRequest } from "@/lib/cost";
import { download, experimentExport, fileSlug, type ExportCurve } from "@/lib/export";
import { formatTime } from "@/lib/format";
import { newer, SeqMarks, track, type Tracked } from "@/lib/live";
import { CurveStore } from "@/lib/series";
import { summarizeSpec } from "@/lib/spec";
import { cannotDifferReason, directionLabel, isTextTaskName, primaryMetricOf } from "@/lib/task-metric";
import { ExperimentProgress } from "../experiments/experiment-row";
import { ExperimentMi } from "../mi/experiment-mi";
import { StatusBadge } from "../status-badge";
import { useRefetchOnReconnect } from "../use-refetch-on-reconnect";
import { RunCharts } from "./run-charts";
import { RunGrid } from "./run-grid";

/** Points per series in the JSON export (the API downsamples longer curves to this). */
const EXPORT_POINTS = 2000;

/**
 * One experiment, live: the query gives the state at load, `runUpdated` and `experimentUpdated` move it
 * forward. Each event replaces the run (or header) it names until the query is read again.
 */
export function ExperimentView({ id }: { id: string }) {
  const [{ data, error }, reexecute] = useQuery({ query: ExperimentQuery, variables: { id } });
  useRefetchOnReconnect(() => reexecute({ requestPolicy: "network-only" }));
  const [runEvents] = useSubscription({ query: RunUpdatedSubscription, variables: { experimentId: id } }, (prev: Tracked<RunCellFragment> | undefined, e: RunEvent) =>
    track(prev, e.runUpdated.id, e.runUpdated),
  );
  const [expEvents] = useSubscription({ query: ExperimentUpdatedSubscription, variables: { id } }, (prev: Tracked<ExperimentEvent["experimentUpdated"]> | undefined, e: ExperimentEvent) =>
    track(prev, e.experimentUpdated.id, e.experimentUpdated),
  );
  const [cancelState, cancelExperiment] = useMutation(CancelExperimentMutation);
  const [actionError, setActionError] = useState<string | null>(null);

  // A query result shows until an event newer than it arrives (lib/live.ts).
  const [marks] = useState(() => ({ runs: new SeqMarks(), exp: new SeqMarks() }));
  const runsSince = marks.runs.mark(data, runEvents.data?.seq ?? 0);
  const expSince = marks.exp.mark(data, expEvents.data?.seq ?? 0);
  const runs = useMemo(
    () => (data?.experiment?.runs ?? []).map((r) => newer(runEvents.data, r.id, runsSince) ?? r),
    [data, runEvents.data, runsSince],
  );
  const live = newer(expEvents.data, id, expSince);
  // Curves of the runs, shared by the charts and the grid (which shows the newest step streamed).
  const [curves] = useState(() => new CurveStore());
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const onSelect = (ids: readonly string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const rid of ids) if (on) next.add(rid);
      else next.delete(rid);
      return next;
    });
  const client = useClient();
  const [exporting, setExporting] = useState(false);

  if (error && !data) {
    return (
      <div role="alert" className="alert">
        Could not load experiment {id}: {error.message}
      </div>
    );
  }
  if (!data?.experiment || live?.deleted) {
    return (
      <>
        <h1>Experiment not found</h1>
        <p>
          No experiment has the id <code>{id}</code>
          {live?.deleted ? " any more (it was deleted)" : ""}. <Link href="/">All experiments</Link>
        </p>
      </>
    );
  }
  const experiment: ExperimentRowFragment & { notes?: string | null } = { ...data.experiment, ...(live?.experiment ?? {}) };
  const spec = summarizeSpec(experiment.spec);
  const metric = primaryMetricOf(experiment.task);
  const cannotDiffer = runs[0] ? cannotDifferReason(runs[0].spec) : null;
  const active = experiment.runCounts.queued + experiment.runCounts.running > 0;

  const onCancelExperiment = async () => {
    setActionError(null);
    const r = await cancelExperiment({ id });
    if (r.error) setActionError(`Could not cancel the experiment: ${r.error.graphQLErrors[0]?.message ?? r.error.message}`);
  };

  // Every run with all its curves (each downsampled by the API) as one JSON file.
  const onExportJson = async () => {
    setActionError(null);
    setExporting(true);
    try {
      const maxPoints = EXPORT_POINTS;
      const ids = runs.filter((r) => r.status !== "queued").map((r) => r.id);
      const size = runsPerRequest(null, maxPoints);
      const series: ExportCurve[] = [];
      for (let i = 0; i < ids.length; i += size) {
        const r = await client.query(MetricHistoryQuery, { runIds: ids.slice(i, i + size), names: null, maxPoints }, { requestPolicy: "network-only" }).toPromise();
        if (!r.data) throw new Error(r.error?.graphQLErrors[0]?.message ?? r.error?.message ?? "no data");
        series.push(...r.data.metricSeries);
      }
      const doc = experimentExport({ ...experiment, notes: data.experiment?.notes ?? null }, runs, series, { maxPoints, exportedAt: new Date().toISOString() });
      download(`${fileSlug(experiment.name)}-${experiment.id.slice(0, 8)}.json`, `${JSON.stringify(doc, null, 2)}\n`, "application/json");
    } catch (e) {
      setActionError(`Could not export the experiment: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setExporting(false);
    }
  };
  const compareHref = `/compare?runs=${[...selected].join(",")}`;

  return (
    <>
      <div className="row">
        <h1>{experiment.name}</h1>
        <StatusBadge status={experiment.status} />
        <span className="spacer" />
        <Link className="button" href={`/experiments/new?from=${experiment.id}`}>
          Clone
        </Link>
        <button type="button" onClick={onExportJson} disabled={exporting}>
          {exporting ? "Exporting…" : "Export JSON"}
        </button>
        {active && (
          <button type="button" className="danger" onClick={onCancelExperiment} disabled={cancelState.fetching}>
            Cancel experiment
          </button>
        )}
      </div>
      <dl className="facts">
        <dt>Progress</dt>
        <dd>
          <ExperimentProgress counts={experiment.runCounts} />
        </dd>
        <dt>Task</dt>
        <dd>{experiment.task}</dd>
        <dt>Metric</dt>
        <dd data-testid="primary-metric">
          {metric.label} (<code>eval/{metric.name}</code>, {directionLabel(metric)})
        </dd>
        {cannotDiffer && (
          <>
            <dt>Order</dt>
            <dd data-testid="order-reason">Strategies cannot differ here: {cannotDiffer}.</dd>
          </>
        )}
        <dt>Model</dt>
        <dd>{spec.preset ?? "—"}</dd>
        <dt>Estimator</dt>
        <dd>{spec.estimator ?? "—"}</dd>
        <dt>Budget</dt>
        <dd>{spec.steps !== null ? `${spec.steps} steps` : spec.tokens !== null ? `${spec.tokens} tokens` : "—"}, batch {spec.batchSize ?? "—"}, lr {spec.lr ?? "—"}</dd>
        <dt>Tags</dt>
        <dd>{experiment.tags.length ? experiment.tags.map((t) => <span className="tag" key={t}>{t}</span>) : <span className="muted">none</span>}</dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={experiment.createdAt}>{formatTime(experiment.createdAt)}</time> by {experiment.owner ?? "local user"}
        </dd>
        {data.experiment.notes && (
          <>
            <dt>Notes</dt>
            <dd>{data.experiment.notes}</dd>
          </>
        )}
      </dl>
      {actionError && (
        <div role="alert" className="alert">
          {actionError}
        </div>
      )}
      <div className="row">
        <h2>Runs</h2>
        <span className="spacer" />
        <span className="muted" aria-live="polite">
          {selected.size === 0 ? "Tick runs (or all seeds of a strategy) to compare them." : `${selected.size} run${selected.size === 1 ? "" : "s"} selected`}
        </span>
        {selected.size >= 2 ? (
          <Link className="button primary" href={compareHref} data-testid="compare-selected">
            Compare {selected.size} runs
          </Link>
        ) : (
          <button type="button" disabled>
            Compare
          </button>
        )}
        {selected.size > 0 && (
          <button type="button" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        )}
      </div>
      <RunGrid
        runs={runs}
        curves={curves}
        experimentSpec={experiment.spec}
        strategies={spec.strategies}
        seeds={spec.seeds}
        onError={setActionError}
        selected={selected}
        onSelect={onSelect}
      />
      <h2>Curves</h2>
      <RunCharts runs={runs} store={curves} experimentSpec={experiment.spec} />
      <h2>Mutual information by target position</h2>
      {isTextTaskName(experiment.task) ? (
        <p className="muted" data-testid="text-mi-note">
          {experiment.task}&apos;s MI is estimated from its dataset, which the API does not read: <code>orderbench mi --task {experiment.task} --data-dir …</code> prints it, and
          each run&apos;s page shows the order its worker trained.
        </p>
      ) : (
        <ExperimentMi task={experiment.task} spec={experiment.spec} runs={runs} />
      )}
    </>
  );
}
