"use client";

import { useClient, useMutation, useQuery, useSubscription } from "@urql/next";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { CheckpointFieldsFragment, RunCellFragment, RunUpdatedSubscription as RunEvent } from "@/gql/graphql";
import { CancelRunMutation, RetryRunMutation, RunUpdatedSubscription } from "@/graphql/experiment";
import { RunCheckpointsQuery, RunQuery } from "@/graphql/run";
import { formatBytes, formatCount, formatDuration, formatMetric, formatTime } from "@/lib/format";
import { SeqMarks } from "@/lib/live";
import { CurveStore } from "@/lib/series";
import { summarizeSpec } from "@/lib/spec";
import { CurveLoader } from "../chart/curve-loader";
import { MetricChart } from "../chart/metric-chart";
import { StatusBadge } from "../status-badge";
import { StrategyChip } from "../strategy-chip";
import { useRefetchOnReconnect } from "../use-refetch-on-reconnect";
import { useThrottledVersion } from "../use-store-version";
import { RunOrder } from "./run-order";

/** Points per stored series read at load (the API downsamples longer curves; the stream adds the rest). */
const HISTORY_POINTS = 2000;
/** Metric colours (Okabe–Ito): one per curve within a chart. */
const C = { train: "#0072B2", eval: "#D55E00", exact: "#009E73", token: "#E69F00", speed: "#000000" };

/** The newest finite value of a run's metric. */
function latest(store: CurveStore, runId: string, name: string): number | null {
  const s = store.get(runId, name);
  if (!s) return null;
  for (let i = s.values.length - 1; i >= 0; i--) {
    const v = s.values[i];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

/**
 * One run: its spec, status, worker, order and MI table, live curves (history, then `runMetrics` from the
 * step before the last one seen, resumed after a reconnect), checkpoints and error. `runUpdated` moves the
 * run forward; a newer checkpoint list is read whenever the run reports progress.
 */
export function RunView({ id }: { id: string }) {
  const client = useClient();
  const [{ data, error }, reexecute] = useQuery({ query: RunQuery, variables: { id } });
  useRefetchOnReconnect(() => reexecute({ requestPolicy: "network-only" }));
  const experimentId = data?.run?.experimentId ?? "";
  const [events] = useSubscription(
    { query: RunUpdatedSubscription, variables: { experimentId }, pause: !experimentId },
    (prev: { seq: number; run: RunCellFragment | null } | undefined, e: RunEvent) => (e.runUpdated.id === id ? { seq: (prev?.seq ?? 0) + 1, run: e.runUpdated } : (prev ?? { seq: 0, run: null })),
  );
  const [marks] = useState(() => new SeqMarks());
  const since = marks.mark(data, events.data?.seq ?? 0);
  const live = events.data && events.data.seq > since ? events.data.run : null;
  const [store] = useState(() => new CurveStore());
  useThrottledVersion(store, 1000);
  const [curveError, setCurveError] = useState<string | null>(null);
  const [checkpoints, setCheckpoints] = useState<readonly CheckpointFieldsFragment[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [cancelState, cancelRun] = useMutation(CancelRunMutation);
  const [retryState, retryRun] = useMutation(RetryRunMutation);

  // Checkpoints bring no event of their own: read them again when the run moves (heartbeats, status).
  const seq = events.data?.seq ?? 0;
  useEffect(() => {
    if (seq === 0) return;
    void client
      .query(RunCheckpointsQuery, { id }, { requestPolicy: "network-only" })
      .toPromise()
      .then((r) => {
        if (r.data?.run) setCheckpoints(r.data.run.checkpoints);
      });
  }, [client, id, seq]);

  // A run that starts or ends is read again in full (worker details, tokens, the order it reported).
  const status = live?.status ?? data?.run?.status ?? null;
  const seenStatus = useRef(status);
  useEffect(() => {
    if (status === null || status === seenStatus.current) return;
    seenStatus.current = status;
    reexecute({ requestPolicy: "network-only" });
  }, [status, reexecute]);

  if (error && !data) {
    return (
      <div role="alert" className="alert">
        Could not load run {id}: {error.graphQLErrors[0]?.message ?? error.message}
      </div>
    );
  }
  if (!data?.run) {
    return (
      <>
        <h1>Run not found</h1>
        <p>
          No run has the id <code>{id}</code>. <Link href="/">All experiments</Link>
        </p>
      </>
    );
  }
  const base = data.run;
  const run = { ...base, ...(live ?? {}) };
  const spec = summarizeSpec(run.spec);
  const name = `${run.strategy} seed ${run.seed}`;
  // A text run's size and order come from its dataset, which the API does not read: those plan fields are
  // null (with DATA_REQUIRED errors beside the data), and the spec's step budget stands in.
  const steps = base.plan.steps ?? spec.steps;
  const metric = base.plan.metric;
  const step = run.status === "running" ? Math.max(run.step, store.lastStep(run.id) ?? 0) : run.step;
  const progress = run.status === "running" && steps ? Math.max(run.progress, Math.min(1, step / steps)) : run.progress;
  const canCancel = (run.status === "queued" || run.status === "running") && !run.cancelRequested;
  const canRetry = run.status === "failed" || run.status === "cancelled";
  const finals = (run.finalMetrics ?? {}) as Record<string, number | null>;
  const shape = (base.plan.shape ?? {}) as { nLayer?: number; nHead?: number; nEmbd?: number };
  const ckpts = checkpoints ?? base.checkpoints;
  const tokensPerSec = latest(store, run.id, "tokens_per_sec");
  // The event's worker has its name, backend and device; the query's also its cores, GPUs and version.
  const details = base.worker && run.worker?.id === base.worker.id ? base.worker : null;
  const mutationError = (what: string, e: { graphQLErrors: { message: string }[]; message: string }) => `Could not ${what} ${name}: ${e.graphQLErrors[0]?.message ?? e.message}`;

  const onCancel = async () => {
    setActionError(null);
    const r = await cancelRun({ id: run.id });
    setConfirming(false);
    if (r.error) setActionError(mutationError("cancel", r.error));
  };
  const onRetry = async (fromScratch: boolean) => {
    setActionError(null);
    const r = await retryRun({ id: run.id, fromScratch });
    if (r.error) setActionError(mutationError("retry", r.error));
    else reexecute({ requestPolicy: "network-only" });
  };

  return (
    <>
      <p className="muted" style={{ margin: "0 0 4px" }}>
        <Link href={`/experiments/${base.experiment.id}`}>{base.experiment.name}</Link> / run {run.gridIndex + 1}
      </p>
      <div className="row">
        <h1 data-testid="run-title">
          <StrategyChip strategy={run.strategy} /> seed {run.seed}
        </h1>
        <span data-testid="run-status" data-status={run.status}>
          <StatusBadge status={run.status} />
        </span>
        {run.diverged && <span className="badge failed">diverged</span>}
        {run.cancelRequested && run.status === "running" && <span className="muted">cancelling at the worker&apos;s next heartbeat…</span>}
        <span className="spacer" />
        {canRetry && (
          <>
            <button type="button" onClick={() => onRetry(false)} disabled={retryState.fetching}>
              Retry{ckpts.length ? " from checkpoint" : ""}
            </button>
            {ckpts.length > 0 && (
              <button type="button" onClick={() => onRetry(true)} disabled={retryState.fetching}>
                Retry from scratch
              </button>
            )}
          </>
        )}
        {canCancel && !confirming && (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Cancel run
          </button>
        )}
      </div>
      {canCancel && confirming && (
        <div className="confirm" role="group" aria-labelledby="confirm-cancel" data-testid="confirm-cancel">
          <p id="confirm-cancel" style={{ margin: 0 }}>
            <strong>Cancel {name}?</strong>{" "}
            {run.status === "running" ? "It stops at its worker's next heartbeat (a few seconds) and keeps its curves and checkpoints; Retry resumes it." : "It leaves the queue; Retry queues it again."}
          </p>
          <div className="row">
            <button type="button" className="danger" onClick={onCancel} disabled={cancelState.fetching} autoFocus>
              Yes, cancel the run
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      {actionError && (
        <div role="alert" className="alert">
          {actionError}
        </div>
      )}
      {run.error && (run.status === "failed" || run.diverged) && (
        <div role="alert" className="alert" data-testid="run-error">
          <strong>{run.diverged ? "Diverged" : "Failed"}</strong>
          {run.attempt > 1 ? ` on attempt ${run.attempt} of ${run.maxAttempts}` : ""}:
          <pre className="error-text">{run.error}</pre>
        </div>
      )}
      {run.error && run.status === "cancelled" && <p className="muted">Ended: {run.error}</p>}
      {run.declinedBackends.length > 0 && (run.status === "queued" || run.status === "running") && (
        <p className="muted" data-testid="run-declined">
          Declined by {run.declinedBackends.join(" and ")} workers{run.declineReason ? `: ${run.declineReason}` : ""}.{" "}
          {run.status === "queued" ? "It waits for a worker of another backend." : ""}
        </p>
      )}

      <div className="run-facts">
        <dl className="facts" data-testid="run-facts">
          <dt>Progress</dt>
          <dd>
            <span className="row" style={{ gap: 6 }}>
              <progress max={1} value={progress} aria-label={`${Math.round(progress * 100)}% done`} />
              <span data-testid="run-step">
                step {formatCount(step)}/{steps !== null ? formatCount(steps) : "—"}
              </span>
            </span>
          </dd>
          <dt>Attempt</dt>
          <dd>
            {run.attempt} of {run.maxAttempts}
          </dd>
          <dt>Worker</dt>
          <dd data-testid="run-worker">
            {run.worker ? (
              <>
                {run.worker.name} · {run.worker.backend} · {run.worker.device}
                {details && (
                  <span className="muted">
                    {" "}
                    ({details.cores} cores{details.gpus ? `, ${details.gpus} GPU${details.gpus === 1 ? "" : "s"}` : ""}, v{details.version})
                  </span>
                )}
              </>
            ) : (
              <span className="muted">none yet</span>
            )}
          </dd>
          <dt>Tokens/s</dt>
          <dd>{tokensPerSec !== null ? `${Math.round(tokensPerSec).toLocaleString("en-US")} (latest)` : "—"}</dd>
          <dt>Tokens seen</dt>
          <dd>{formatCount(run.tokens)}</dd>
          <dt>Time</dt>
          <dd>
            queued <time dateTime={base.queuedAt}>{formatTime(base.queuedAt)}</time>
            {run.startedAt && (
              <>
                , started <time dateTime={run.startedAt}>{formatTime(run.startedAt)}</time>
              </>
            )}
            {run.finishedAt && <>, took {formatDuration(run.startedAt, run.finishedAt)}</>}
          </dd>
        </dl>
        <dl className="facts" data-testid="run-spec">
          <dt>Task</dt>
          <dd>{base.task}</dd>
          <dt>Model</dt>
          <dd>
            {base.preset}: {shape.nLayer} layer{shape.nLayer === 1 ? "" : "s"} · {shape.nHead} head{shape.nHead === 1 ? "" : "s"} · {shape.nEmbd} wide, {base.plan.numParams !== null ? `${formatCount(base.plan.numParams)} parameters, block ${base.plan.blockSize ?? "—"}` : "parameters and block size from the data (worker)"}
          </dd>
          <dt>Training</dt>
          <dd>
            {steps !== null ? formatCount(steps) : "—"} steps, batch {spec.batchSize ?? "—"}, lr {spec.lr ?? "—"}
          </dd>
          <dt>Estimator</dt>
          <dd>{spec.estimator ?? "—"}</dd>
          <dt>Metric</dt>
          <dd data-testid="run-metric">
            {metric.label} (<code>{metric.name}</code>, {metric.direction === "min" ? "lower" : "higher"} is better)
            {base.plan.orderable === false && base.plan.orderReason && <span className="muted"> · strategies cannot differ: {base.plan.orderReason}</span>}
          </dd>
          <dt>Final</dt>
          <dd data-testid="run-final">
            {Object.keys(finals).length === 0 ? (
              <span className="muted">when the run succeeds</span>
            ) : (
              [...new Set([metric.name, "exact_match", "token_accuracy", "loss", "perplexity"])]
                .filter((k) => k in finals)
                .map((k) => `${k} ${formatMetric(k, finals[k])}`)
                .join(" · ")
            )}
            {run.bestMetric !== null && run.bestMetric !== undefined && <span className="muted"> (best {metric.label} {formatMetric(metric.name, run.bestMetric)} at step {run.bestStep})</span>}
          </dd>
        </dl>
      </div>
      <details>
        <summary>RunSpec</summary>
        <pre className="spec-json" data-testid="run-spec-json">
          {JSON.stringify(run.spec, null, 2)}
        </pre>
      </details>

      <h2>Curves</h2>
      <CurveLoader runs={[run]} store={store} names={null} maxPoints={HISTORY_POINTS} onError={setCurveError} />
      {curveError && (
        <div role="alert" className="alert">
          {curveError}
        </div>
      )}
      {run.status === "queued" ? (
        <p className="muted">The run is queued; its curves appear once a worker has claimed it.</p>
      ) : (
        <div className="charts">
          <MetricChart
            id="run-loss"
            title="Loss"
            store={store}
            smoothing={0}
            hoverLegend
            lines={[
              { key: "loss", runId: run.id, metric: "loss", label: "training loss", color: C.train },
              { key: "eval/loss", runId: run.id, metric: "eval/loss", label: "eval loss", color: C.eval, dash: [6, 3] },
            ]}
          />
          <MetricChart
            id="run-eval"
            title={metric.direction === "min" ? `Evaluation: ${metric.label} (lower is better)` : metric.name === "exact_match" ? "Evaluation accuracy" : `Evaluation: ${metric.label}`}
            store={store}
            smoothing={0}
            percent={metric.percent}
            sparse
            hoverLegend
            lines={[
              { key: "exact", runId: run.id, metric: `eval/${metric.name}`, label: metric.label, color: C.exact },
              // Generation decodes nothing: no token accuracy to draw beside perplexity.
              ...(metric.direction === "min" ? [] : [{ key: "token", runId: run.id, metric: "eval/token_accuracy", label: "token accuracy", color: C.token, dash: [6, 3] }]),
            ]}
          />
          <MetricChart id="run-throughput" title="Throughput (tokens/s)" store={store} smoothing={0} hoverLegend lines={[{ key: "tps", runId: run.id, metric: "tokens_per_sec", label: "tokens/s", color: C.speed }]} />
        </div>
      )}

      <h2>Order</h2>
      {base.permutation ?? base.plan.permutation ? (
        <RunOrder
          strategy={run.strategy}
          permutation={(base.permutation ?? base.plan.permutation) as number[]}
          planned={base.plan.permutation ?? base.permutation ?? []}
          miTable={base.plan.miTable}
          store={store}
          runId={run.id}
        />
      ) : (
        <p className="muted" data-testid="run-order-pending">
          {base.task}&apos;s order is estimated from its dataset by the worker that trains the run; it shows here once the run has finished.
        </p>
      )}

      <h2>Checkpoints</h2>
      {ckpts.length === 0 ? (
        <p className="muted">None yet: the worker stores one every {String((run.spec as { checkpointInterval?: number } | null)?.checkpointInterval ?? "—")} steps, and a resumed run starts from the newest.</p>
      ) : (
        <table data-testid="checkpoints">
          <caption className="sr-only">Stored checkpoints, newest first</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Step
              </th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">SHA-256</th>
              <th scope="col">Stored</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {ckpts.map((c, i) => (
              <tr key={c.id} data-testid="checkpoint-row">
                <td className="num">{formatCount(c.step)}</td>
                <td className="num">{formatBytes(c.sizeBytes)}</td>
                <td>
                  <code title={c.sha256}>{c.sha256.slice(0, 16)}…</code>
                </td>
                <td>
                  <time dateTime={c.createdAt}>{formatTime(c.createdAt)}</time>
                </td>
                <td className="muted">{i === 0 ? "resume point" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
