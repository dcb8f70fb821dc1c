"use client";

import { useMutation } from "@urql/next";
import Link from "next/link";
import type { RunCellFragment } from "@/gql/graphql";
import { CancelRunMutation, RetryRunMutation } from "@/graphql/experiment";
import { formatMetric } from "@/lib/format";
import type { CurveStore } from "@/lib/series";
import { runGridLabel } from "@/lib/spec";
import { StatusBadge } from "../status-badge";
import { StrategyChip } from "../strategy-chip";
import { useThrottledVersion } from "../use-store-version";
import { primaryMetricOf } from "@/lib/task-metric";

/** Strategy × seed; a cell holds every run of that pair (more than one when the spec sweeps lr or batch size). */
export function RunGrid(props: {
  runs: readonly RunCellFragment[];
  curves: CurveStore;
  experimentSpec: unknown;
  strategies: string[];
  seeds: number[];
  onError: (message: string | null) => void;
  /** Runs picked for the compare page. */
  selected: ReadonlySet<string>;
  onSelect: (runIds: readonly string[], on: boolean) => void;
}) {
  const { runs, curves, experimentSpec, onError, selected, onSelect } = props;
  useThrottledVersion(curves, 1000);
  const strategies = [...new Set([...props.strategies, ...runs.map((r) => r.strategy)])];
  const seeds = [...new Set([...props.seeds, ...runs.map((r) => r.seed)])].sort((a, b) => a - b);
  const [cancelState, cancelRun] = useMutation(CancelRunMutation);
  const [retryState, retryRun] = useMutation(RetryRunMutation);
  const busy = cancelState.fetching || retryState.fetching;

  const act = async (what: "cancel" | "retry", run: RunCellFragment) => {
    onError(null);
    const r = what === "cancel" ? await cancelRun({ id: run.id }) : await retryRun({ id: run.id });
    if (r.error) onError(`Could not ${what} run ${run.strategy} seed ${run.seed}: ${r.error.graphQLErrors[0]?.message ?? r.error.message}`);
  };

  return (
    <div style={{ overflowX: "auto" }}>
      <table className="grid-table" data-testid="run-grid">
        <caption className="sr-only">Runs by strategy (rows) and seed (columns)</caption>
        <thead>
          <tr>
            <th scope="col">Strategy</th>
            {seeds.map((s) => (
              <th scope="col" key={s}>
                seed {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {strategies.map((strategy) => {
            const ids = runs.filter((r) => r.strategy === strategy).map((r) => r.id);
            const all = ids.length > 0 && ids.every((id) => selected.has(id));
            return (
              <tr key={strategy}>
                <th scope="row">
                  <StrategyChip strategy={strategy} />
                  {ids.length > 0 && (
                    <label className="select-all">
                      <input type="checkbox" checked={all} onChange={(e) => onSelect(ids, e.target.checked)} aria-label={`Compare all ${strategy} runs`} />
                      all seeds
                    </label>
                  )}
                </th>
                {seeds.map((seed) => (
                  <td key={seed}>
                    {runs
                      .filter((r) => r.strategy === strategy && r.seed === seed)
                      .map((run) => (
                        <RunCell
                          key={run.id}
                          run={run}
                          liveStep={curves.lastStep(run.id)}
                          gridLabel={runGridLabel(run.spec, experimentSpec)}
                          busy={busy}
                          onAct={act}
                          selected={selected.has(run.id)}
                          onSelect={(on) => onSelect([run.id], on)}
                        />
                      ))}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RunCell(props: {
  run: RunCellFragment;
  liveStep: number | null;
  gridLabel: string | null;
  busy: boolean;
  onAct: (what: "cancel" | "retry", run: RunCellFragment) => void;
  selected: boolean;
  onSelect: (on: boolean) => void;
}) {
  const { run, gridLabel, busy, onAct, selected, onSelect } = props;
  const name = `${run.strategy} seed ${run.seed}${gridLabel ? ` (${gridLabel})` : ""}`;
  const steps = (run.spec as { budget?: { steps?: number } } | null)?.budget?.steps;
  // The API's step and progress come with the worker's heartbeats (every ~10 s); streamed metrics are newer.
  const step = run.status === "running" ? Math.max(run.step, props.liveStep ?? 0) : run.step;
  const progress = run.status === "running" && steps ? Math.max(run.progress, Math.min(1, step / steps)) : run.progress;
  // The task's primary metric (exact match, score or perplexity), as the worker stored it.
  const task = (run.spec as { task?: unknown } | null)?.task;
  const metric = primaryMetricOf(typeof task === "string" ? task : "");
  const final = (run.finalMetrics as Record<string, number | null> | null)?.[metric.name];
  const canCancel = (run.status === "queued" || run.status === "running") && !run.cancelRequested;
  const canRetry = run.status === "failed" || run.status === "cancelled";
  return (
    <div className="cell" data-testid="run-cell" data-run-id={run.id} data-strategy={run.strategy} data-seed={run.seed} data-status={run.status}>
      <div className="row" style={{ gap: 6 }}>
        <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={`Compare ${name}`} />
        <StatusBadge status={run.status} />
        <Link href={`/runs/${run.id}`} aria-label={`Open run ${name}`}>
          details
        </Link>
        {gridLabel && <span className="muted">{gridLabel}</span>}
        {run.diverged && <span className="badge failed">diverged</span>}
      </div>
      {(run.status === "running" || progress > 0) && (
        <span className="row" style={{ gap: 6 }}>
          <progress max={1} value={progress} aria-label={`${name}: ${Math.round(progress * 100)}% done`} />
          <span className="muted">
            step {step}
            {steps ? `/${steps}` : ""}
          </span>
        </span>
      )}
      {final !== undefined && (
        <span>
          {metric.label} {formatMetric(metric.name, final)}
        </span>
      )}
      {run.worker && run.status === "running" && <span className="muted">on {run.worker.name}</span>}
      {run.attempt > 1 && <span className="muted">attempt {run.attempt}/{run.maxAttempts}</span>}
      {run.cancelRequested && run.status === "running" && <span className="muted">cancelling…</span>}
      {run.status === "queued" && run.declinedBackends.length > 0 && (
        <span className="muted" data-testid="run-declined" title={run.declineReason ?? undefined}>
          declined by {run.declinedBackends.join(", ")}: waits for another backend
        </span>
      )}
      {run.error && run.status !== "cancelled" && (
        <span className="muted" title={run.error}>
          error: {run.error.length > 80 ? `${run.error.slice(0, 80)}…` : run.error}
        </span>
      )}
      <span className="row" style={{ gap: 4 }}>
        {canCancel && (
          <button type="button" className="small danger" disabled={busy} aria-label={`Cancel run ${name}`} onClick={() => onAct("cancel", run)}>
            Cancel
          </button>
        )}
        {canRetry && (
          <button type="button" className="small" disabled={busy} aria-label={`Retry run ${name}`} onClick={() => onAct("retry", run)}>
            Retry
          </button>
        )}
      </span>
    </div>
  );
}
