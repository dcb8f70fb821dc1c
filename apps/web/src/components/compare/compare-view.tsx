"use client";

import { useClient, useQuery, useSubscription } from "@urql/next";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useMemo, useRef, useState } from "react";
import type { CompareRunQuery as CompareRunData, RunUpdatedSubscription as RunEvent } from "@/gql/graphql";
import { RunUpdatedSubscription } from "@/graphql/experiment";
import { CompareChoicesQuery, CompareRunQuery, ExperimentRunsQuery } from "@/graphql/run";
import { BASELINE_STYLE, compareQuery, groupKey, MAX_COMPARE_RUNS, parseCompare, runStyle, type CompareState, type CompareView as View } from "@/lib/compare";
import { formatDelta, formatMetric } from "@/lib/format";
import { strategyColor } from "@/lib/palette";
import { CurveStore } from "@/lib/series";
import { runGridLabel } from "@/lib/spec";
import { CurveLoader } from "../chart/curve-loader";
import { MetricChart, type ChartBand, type ChartLine } from "../chart/metric-chart";
import { StatusBadge } from "../status-badge";
import { StrategyChip } from "../strategy-chip";
import { useRefetchOnReconnect } from "../use-refetch-on-reconnect";
import { EXACT_MATCH_METRIC, type PrimaryMetric } from "@orderbench/core/plan";
import { primaryMetricOf } from "@/lib/task-metric";

type CompareRun = NonNullable<CompareRunData["run"]>;

/**
 * The charts: loss, the runs' primary metric (exact match, a text task's score, or perplexity, lower is
 * better), token accuracy where runs decode, throughput.
 */
const capitalized = (s: string): string => `${s[0]?.toUpperCase() ?? ""}${s.slice(1)}`;

function chartMetrics(metric: PrimaryMetric) {
  const label = capitalized(metric.label);
  return [
    { id: "loss", title: "Training loss", percent: false, sparse: false },
    { id: `eval/${metric.name}`, title: `${label} (eval${metric.direction === "min" ? ", lower is better" : ""})`, percent: metric.percent, sparse: true },
    ...(metric.direction === "min" ? [] : [{ id: "eval/token_accuracy", title: "Token accuracy (eval)", percent: true, sparse: true }]),
    { id: "tokens_per_sec", title: "Throughput (tokens/s)", percent: false, sparse: false },
  ];
}

/** The primary metric of the compared runs' task; exact match when they mix tasks of different metrics. */
function sharedMetric(runs: readonly CompareRun[]): PrimaryMetric {
  const metrics = runs.map((r) => primaryMetricOf(r.experiment.task));
  const first = metrics[0] ?? EXACT_MATCH_METRIC;
  return metrics.every((m) => m.name === first.name && m.label === first.label) ? first : EXACT_MATCH_METRIC;
}
const HISTORY_POINTS = 1000;

const finalOf = (r: CompareRun, key: string): number | null => {
  const v = (r.finalMetrics as Record<string, unknown> | null)?.[key];
  return typeof v === "number" ? v : null;
};
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const std = (xs: number[]) => {
  const m = mean(xs);
  if (m === null || xs.length < 2) return null;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

/**
 * Runs overlaid, also across experiments: each run's curves (coloured in the order the runs were added),
 * or per strategy the mean ± std over its seeds. One run or group can be pinned as the baseline: drawn
 * black and dashed, and the tables give every final metric's difference to it.
 */
export function CompareView() {
  const params = useSearchParams();
  const router = useRouter();
  const path = usePathname();
  // The URL holds the state; a change shows at once and the URL follows (router.replace is a transition).
  const fromUrl = useMemo(() => parseCompare(new URLSearchParams(params.toString())), [params]);
  const [state, setState] = useState(fromUrl);
  const urlKey = compareQuery(fromUrl);
  useEffect(() => setState(fromUrl), [urlKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const go = (next: Partial<CompareState>) => {
    const s = { ...state, ...next };
    setState(s);
    const q = compareQuery(s);
    router.replace(q ? `${path}?${q}` : path);
  };
  const client = useClient();
  const [loaded, setLoaded] = useState<ReadonlyMap<string, CompareRun | null>>(() => new Map());
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(() => new Map());
  const [curveError, setCurveError] = useState<string | null>(null);
  const [smoothing, setSmoothing] = useState(0);
  const [store] = useState(() => new CurveStore());
  const asked = useRef(new Set<string>());

  const fetchRun = (id: string) =>
    client
      .query(CompareRunQuery, { id }, { requestPolicy: "network-only" })
      .toPromise()
      .then((r) => {
        if (r.error && !r.data) {
          asked.current.delete(id);
          setErrors((m) => new Map(m).set(id, r.error?.graphQLErrors[0]?.message ?? r.error?.message ?? "failed"));
          return;
        }
        setLoaded((m) => new Map(m).set(id, r.data?.run ?? null));
      });

  useEffect(() => {
    for (const id of state.runs) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      void fetchRun(id);
    }
    // fetchRun only reads the client and setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.runs, client]);
  // Events sent while the WebSocket was down are lost: read the runs again after a reconnect.
  useRefetchOnReconnect(() => {
    for (const id of state.runs) void fetchRun(id);
  });

  const onEvent = (run: CompareRun) => setLoaded((m) => (m.has(run.id) ? new Map(m).set(run.id, { ...(m.get(run.id) ?? run), ...run }) : m));
  const runs = state.runs.map((id) => loaded.get(id)).filter((r): r is CompareRun => !!r);
  const missing = state.runs.filter((id) => loaded.has(id) && loaded.get(id) === null);
  const experiments = [...new Set(runs.map((r) => r.experimentId))];
  const multi = experiments.length > 1;

  const groups = useMemo(() => {
    const out = new Map<string, { key: string; strategy: string; label: string; experimentName: string; runs: CompareRun[] }>();
    for (const r of runs) {
      const grid = runGridLabel(r.spec, null);
      const key = groupKey(r.experimentId, r.strategy, grid);
      let g = out.get(key);
      if (!g) out.set(key, (g = { key, strategy: r.strategy, label: `${r.strategy}${grid ? ` (${grid})` : ""}${multi ? ` · ${r.experiment.name}` : ""}`, experimentName: r.experiment.name, runs: [] }));
      g.runs.push(r);
    }
    return [...out.values()];
  }, [runs, multi]);

  const runLabel = (r: CompareRun) => `${r.strategy} s${r.seed}${multi ? ` · ${r.experiment.name}` : ""}`;
  const baselineRun = state.view === "runs" ? runs.find((r) => r.id === state.baseline) : undefined;
  const baselineGroup = state.view === "strategies" ? groups.find((g) => g.key === state.baseline) : undefined;

  const chartProps = (metric: string): { lines?: ChartLine[]; bands?: ChartBand[] } => {
    if (state.view === "runs") {
      return {
        lines: runs.map((r, i) => {
          const base = r.id === state.baseline;
          const style = base ? BASELINE_STYLE : runStyle(i);
          return { key: r.id, runId: r.id, metric, label: `${runLabel(r)}${base ? " (baseline)" : ""}`, color: style.color, dash: style.dash, width: base ? BASELINE_STYLE.width : undefined };
        }),
      };
    }
    return {
      bands: groups.map((g, i) => {
        const base = g.key === state.baseline;
        const sameStrategy = groups.filter((h) => h.strategy === g.strategy).indexOf(g);
        return {
          key: g.key,
          label: `${g.label}${base ? " (baseline)" : ""}`,
          color: base ? BASELINE_STYLE.color : multi || sameStrategy > 0 ? runStyle(i).color : strategyColor(g.strategy),
          dash: base ? BASELINE_STYLE.dash : undefined,
          members: g.runs.map((r) => ({ runId: r.id, metric })),
        };
      }),
    };
  };

  const metric = sharedMetric(runs);
  const metrics = chartMetrics(metric);
  const names = metrics.map((m) => m.id);
  const remove = (ids: string[]) => go({ runs: state.runs.filter((x) => !ids.includes(x)), baseline: state.baseline && ids.includes(state.baseline) ? null : state.baseline });

  return (
    <>
      <h1>Compare runs</h1>
      {experiments.map((e) => (
        <RunEvents key={e} experimentId={e} onRun={onEvent} />
      ))}
      <CurveLoader runs={runs} store={store} names={names} maxPoints={HISTORY_POINTS} onError={setCurveError} />
      <Suspense fallback={<p className="muted">Loading experiments…</p>}>
        <AddRuns current={state.runs} onAdd={(ids) => go({ runs: [...state.runs, ...ids.filter((x) => !state.runs.includes(x))].slice(0, MAX_COMPARE_RUNS) })} />
      </Suspense>
      {state.runs.length === 0 ? (
        <p className="muted" data-testid="compare-empty">
          No runs picked yet. Tick runs in an experiment&apos;s grid and press <em>Compare</em>, or add them above.
        </p>
      ) : (
        <>
          <form className="filters" aria-label="How to compare" onSubmit={(e) => e.preventDefault()}>
            <fieldset className="choices">
              <legend>Show</legend>
              {(
                [
                  ["runs", "each run"],
                  ["strategies", "mean ± std per strategy"],
                ] as [View, string][]
              ).map(([v, label]) => (
                <label key={v}>
                  <input type="radio" name="compare-view" checked={state.view === v} onChange={() => go({ view: v, baseline: null })} /> {label}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="compare-baseline">Pinned baseline</label>
              <select id="compare-baseline" value={state.baseline ?? ""} onChange={(e) => go({ baseline: e.target.value || null })}>
                <option value="">none</option>
                {state.view === "runs"
                  ? runs.map((r) => (
                      <option key={r.id} value={r.id}>
                        {runLabel(r)}
                      </option>
                    ))
                  : groups.map((g) => (
                      <option key={g.key} value={g.key}>
                        {g.label}
                      </option>
                    ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="compare-smoothing">Smoothing {smoothing.toFixed(2)}</label>
              <input id="compare-smoothing" type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} />
            </div>
          </form>
          {[...errors].map(([id, message]) => (
            <div role="alert" className="alert" key={id}>
              Could not load run {id}: {message}
            </div>
          ))}
          {missing.length > 0 && (
            <div role="alert" className="alert">
              No run has the id {missing.join(", ")} (deleted?).{" "}
              <button type="button" className="small" onClick={() => remove(missing)}>
                Remove from the comparison
              </button>
            </div>
          )}
          {curveError && (
            <div role="alert" className="alert">
              {curveError}
            </div>
          )}
          {state.view === "runs" ? (
            <RunsTable runs={runs} metric={metric} baseline={baselineRun} label={runLabel} onRemove={(id) => remove([id])} />
          ) : (
            <GroupsTable groups={groups} metric={metric} baseline={baselineGroup} onRemove={(ids) => remove(ids)} />
          )}
          <div className="charts" data-testid="compare-charts" data-view={state.view}>
            {metrics.map((m) => (
              <MetricChart key={m.id} id={`compare-${m.id}`} title={m.title} {...chartProps(m.id)} store={store} smoothing={smoothing} percent={m.percent} sparse={m.sparse} hoverLegend={runs.length <= 12} />
            ))}
          </div>
        </>
      )}
    </>
  );
}

/** Status changes of an experiment's runs (a run that starts gets its live curve). */
function RunEvents({ experimentId, onRun }: { experimentId: string; onRun: (run: CompareRun) => void }) {
  const [events] = useSubscription({ query: RunUpdatedSubscription, variables: { experimentId } });
  const latest = useRef(onRun);
  latest.current = onRun;
  const run = events.data?.runUpdated;
  useEffect(() => {
    if (run) latest.current(run as CompareRun);
  }, [run]);
  return null;
}

function RunsTable(props: { runs: CompareRun[]; metric: PrimaryMetric; baseline: CompareRun | undefined; label: (r: CompareRun) => string; onRemove: (id: string) => void }) {
  const { runs, metric, baseline, label, onRemove } = props;
  const base = baseline ? finalOf(baseline, metric.name) : null;
  return (
    <table data-testid="compare-table">
      <caption className="sr-only">Runs compared</caption>
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Experiment</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Step
          </th>
          <th scope="col" className="num">
            {capitalized(metric.label)}
            {metric.direction === "min" ? " (lower is better)" : ""}
          </th>
          <th scope="col" className="num">
            Δ vs baseline
          </th>
          <th scope="col" className="num">
            Loss
          </th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => {
          const em = finalOf(r, metric.name);
          return (
            <tr key={r.id} data-testid="compare-row" data-run-id={r.id}>
              <th scope="row">
                <Link href={`/runs/${r.id}`}>{label(r)}</Link>
                {baseline?.id === r.id && <span className="muted"> (baseline)</span>}
              </th>
              <td>
                <Link href={`/experiments/${r.experimentId}`}>{r.experiment.name}</Link> <span className="muted">{r.experiment.task}</span>
              </td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td className="num">{r.step.toLocaleString("en-US")}</td>
              <td className="num">{formatMetric(metric.name, em)}</td>
              <td className="num">{baseline && baseline.id !== r.id && em !== null && base !== null ? formatDelta(metric.name, em - base) : "—"}</td>
              <td className="num">{formatMetric("loss", finalOf(r, "loss"))}</td>
              <td>
                <button type="button" className="small" onClick={() => onRemove(r.id)} aria-label={`Remove ${label(r)} from the comparison`}>
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

type Group = { key: string; strategy: string; label: string; runs: CompareRun[] };

function GroupsTable({ groups, metric, baseline, onRemove }: { groups: Group[]; metric: PrimaryMetric; baseline: Group | undefined; onRemove: (ids: string[]) => void }) {
  const finals = (g: Group) => g.runs.map((r) => finalOf(r, metric.name)).filter((x): x is number => x !== null);
  const base = baseline ? mean(finals(baseline)) : null;
  return (
    <table data-testid="compare-table">
      <caption className="sr-only">Strategies compared, over their seeds</caption>
      <thead>
        <tr>
          <th scope="col">Strategy</th>
          <th scope="col" className="num">
            Runs
          </th>
          <th scope="col" className="num">
            {capitalized(metric.label)} (mean ± std of finished{metric.direction === "min" ? ", lower is better" : ""})
          </th>
          <th scope="col" className="num">
            Δ mean vs baseline
          </th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => {
          const f = finals(g);
          const m = mean(f);
          const s = std(f);
          return (
            <tr key={g.key} data-testid="compare-group" data-strategy={g.strategy}>
              <th scope="row">
                <StrategyChip strategy={g.label} />
                {baseline?.key === g.key && <span className="muted"> (baseline)</span>}
              </th>
              <td className="num">
                {g.runs.length} <span className="muted">({f.length} finished)</span>
              </td>
              <td className="num">{m === null ? "—" : `${formatMetric(metric.name, m)}${s !== null ? ` ± ${formatMetric(metric.name, s).replace("%", "")}` : ""}`}</td>
              <td className="num">{baseline && baseline.key !== g.key && m !== null && base !== null ? formatDelta(metric.name, m - base) : "—"}</td>
              <td>
                <button type="button" className="small" onClick={() => onRemove(g.runs.map((r) => r.id))} aria-label={`Remove ${g.label} from the comparison`}>
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Picks runs of any experiment to add: one run, or every run of a strategy. */
function AddRuns({ current, onAdd }: { current: readonly string[]; onAdd: (ids: string[]) => void }) {
  const [{ data }] = useQuery({ query: CompareChoicesQuery });
  const [experiment, setExperiment] = useState("");
  return (
    <details className="add-runs" open={current.length === 0}>
      <summary>Add runs</summary>
      <div className="filters" style={{ marginTop: 8 }}>
        <div className="field">
          <label htmlFor="add-experiment">Experiment</label>
          <select id="add-experiment" value={experiment} onChange={(e) => setExperiment(e.target.value)}>
            <option value="">— pick one —</option>
            {(data?.experiments.nodes ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {e.name} ({e.task})
              </option>
            ))}
          </select>
        </div>
        {experiment && (
          <Suspense fallback={<span className="muted">Loading runs…</span>}>
            <AddFromExperiment key={experiment} experimentId={experiment} current={current} onAdd={onAdd} />
          </Suspense>
        )}
      </div>
    </details>
  );
}

function AddFromExperiment({ experimentId, current, onAdd }: { experimentId: string; current: readonly string[]; onAdd: (ids: string[]) => void }) {
  const [{ data }] = useQuery({ query: ExperimentRunsQuery, variables: { id: experimentId } });
  const runs = (data?.runs ?? []).filter((r) => r.status !== "queued");
  const [pick, setPick] = useState("");
  const strategies = [...new Set(runs.map((r) => r.strategy))];
  const ids = (value: string) => (value.startsWith("strategy:") ? runs.filter((r) => r.strategy === value.slice(9)).map((r) => r.id) : value ? [value] : []);
  return (
    <>
      <div className="field">
        <label htmlFor="add-run">Runs</label>
        <select id="add-run" value={pick} onChange={(e) => setPick(e.target.value)}>
          <option value="">— pick —</option>
          {strategies.map((s) => (
            <option key={`s-${s}`} value={`strategy:${s}`}>
              all {s} runs
            </option>
          ))}
          {runs.map((r) => (
            <option key={r.id} value={r.id} disabled={current.includes(r.id)}>
              {r.strategy} seed {r.seed} ({r.status})
            </option>
          ))}
        </select>
      </div>
      <button type="button" disabled={ids(pick).length === 0} onClick={() => onAdd(ids(pick))}>
        Add
      </button>
      {runs.length === 0 && <span className="muted">No run of this experiment has started yet.</span>}
    </>
  );
}
