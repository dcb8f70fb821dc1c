"use client";

import { ESTIMATORS } from "@orderbench/core/mi";
import { MI_STRATEGIES } from "@orderbench/core/ordering";
import { useClient } from "@urql/next";
import { useEffect, useRef, useState } from "react";
import { MiAnalysisQuery, RunMiTableQuery } from "@/graphql/mi";
import { miRows, type HeatRow, type MiTableLike } from "@/lib/heatmap";
import { MiHeatmap, type HeatScale } from "./mi-heatmap";

type Loaded = { state: "loading" } | { state: "error"; message: string } | { state: "done"; table: MiTableLike; note: string };

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const int = (v: unknown, fallback: number) => (typeof v === "number" && Number.isInteger(v) ? v : fallback);

/** The estimators computed without asking: the plug-in ones take well under a second; the probe trains a model. */
const AUTO: readonly string[] = ["plugin-pairwise", "plugin-joint-k"];

/**
 * The experiment's MI tables as a heatmap: the table its MI strategies ordered by (from a run's plan, on
 * the experiment's own training split), and the task's table per estimator from `miAnalysis` (the API
 * computes each once, on 8,000 training examples, and caches it), with the experiment's k and data seed.
 */
export function ExperimentMi({ task, spec, runs }: { task: string; spec: unknown; runs: readonly { id: string; strategy: string }[] }) {
  const client = useClient();
  const s = obj(spec);
  const estimator = typeof s.estimator === "string" ? s.estimator : "plugin-joint-k";
  const k = int(s.miK, 2);
  const dataSeed = int(obj(s.data).dataSeed, 0);
  const miRun = runs.find((r) => (MI_STRATEGIES as readonly string[]).includes(r.strategy));
  const [wanted, setWanted] = useState<ReadonlySet<string>>(() => new Set(AUTO));
  const [entropy, setEntropy] = useState(false);
  const [scale, setScale] = useState<HeatScale>("row");
  const [loaded, setLoaded] = useState<ReadonlyMap<string, Loaded>>(() => new Map());
  const asked = useRef(new Set<string>());

  const load = (key: string, fetch: () => Promise<{ table: MiTableLike; note: string }>) => {
    if (asked.current.has(key)) return;
    asked.current.add(key);
    setLoaded((m) => new Map(m).set(key, { state: "loading" }));
    fetch().then(
      (r) => setLoaded((m) => new Map(m).set(key, { state: "done", ...r })),
      (e: unknown) => {
        asked.current.delete(key);
        setLoaded((m) => new Map(m).set(key, { state: "error", message: e instanceof Error ? e.message : String(e) }));
      },
    );
  };

  useEffect(() => {
    if (miRun)
      load("experiment", async () => {
        const r = await client.query(RunMiTableQuery, { id: miRun.id }, { requestPolicy: "network-only" }).toPromise();
        const table = r.data?.run?.plan.miTable;
        if (!table) throw new Error(r.error?.graphQLErrors[0]?.message ?? r.error?.message ?? "the run has no MI table");
        const t = table as MiTableLike;
        return { table: t, note: `the table the experiment's ${miRun.strategy} runs ordered by (${typeof t.n === "number" ? t.n.toLocaleString("en-US") : "?"} training examples)` };
      });
    for (const e of wanted)
      load(`task:${e}`, async () => {
        const r = await client.query(MiAnalysisQuery, { task, estimator: e, k, dataSeed }, { requestPolicy: "network-only" }).toPromise();
        if (!r.data) throw new Error(r.error?.graphQLErrors[0]?.message ?? r.error?.message ?? "no data");
        const a = r.data.miAnalysis;
        return { table: a.table as MiTableLike, note: `miAnalysis of ${a.task} with ${a.estimator} (k ${a.k}, data seed ${a.dataSeed}, ${a.n.toLocaleString("en-US")} examples)` };
      });
    // load is stable in effect: it only reads refs and setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, miRun?.id, wanted, task, k, dataSeed]);

  const sources: { key: string; source: string }[] = [...(miRun ? [{ key: "experiment", source: "experiment" }] : []), ...ESTIMATORS.filter((e) => wanted.has(e)).map((e) => ({ key: `task:${e}`, source: "task" }))];
  const rows: HeatRow[] = [];
  const notes: string[] = [];
  const pending: string[] = [];
  const errors: string[] = [];
  for (const { key, source } of sources) {
    const l = loaded.get(key);
    if (!l || l.state === "loading") pending.push(key === "experiment" ? "the experiment's table" : key.slice(5));
    else if (l.state === "error") errors.push(`${key === "experiment" ? "the experiment's table" : key.slice(5)}: ${l.message}`);
    else {
      rows.push(...miRows(l.table, source, { withEntropy: entropy }));
      notes.push(`${source}: ${l.note}`);
    }
  }

  return (
    <section aria-label="MI heatmap" data-testid="experiment-mi">
      <p className="muted" style={{ marginTop: 0 }}>
        Estimated information each target position y<sub>i</sub> carries about the source, in nats (the experiment uses <code>{estimator}</code>, k {k}).
        max-mi trains the positions in decreasing score, min-mi in increasing.
      </p>
      <form className="filters" aria-label="Heatmap rows and scale" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="choices">
          <legend>Task tables (miAnalysis)</legend>
          {ESTIMATORS.map((e) => (
            <label key={e}>
              <input
                type="checkbox"
                checked={wanted.has(e)}
                onChange={(ev) =>
                  setWanted((w) => {
                    const next = new Set(w);
                    if (ev.target.checked) next.add(e);
                    else next.delete(e);
                    return next;
                  })
                }
              />
              {e}
              {e === "probe" && <span className="muted"> (trains a probe: seconds on first request)</span>}
            </label>
          ))}
        </fieldset>
        <fieldset className="choices">
          <legend>Colour scale</legend>
          <label>
            <input type="radio" name="mi-scale" checked={scale === "row"} onChange={() => setScale("row")} /> per row
          </label>
          <label>
            <input type="radio" name="mi-scale" checked={scale === "shared"} onChange={() => setScale("shared")} /> shared (nats)
          </label>
          <label>
            <input type="checkbox" checked={entropy} onChange={(e) => setEntropy(e.target.checked)} /> H(yᵢ) rows
          </label>
        </fieldset>
      </form>
      {errors.length > 0 && (
        <div role="alert" className="alert">
          Could not load {errors.join("; ")}
        </div>
      )}
      {rows.length > 0 ? <MiHeatmap rows={rows} scale={scale} /> : pending.length === 0 && <p className="muted">No MI table to show: tick an estimator above.</p>}
      {pending.length > 0 && (
        <p className="muted" role="status">
          Computing or reading {pending.join(", ")}…
        </p>
      )}
      {notes.length > 0 && (
        <ul className="muted" style={{ fontSize: "0.85rem", margin: "6px 0 0", paddingLeft: 18 }}>
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
