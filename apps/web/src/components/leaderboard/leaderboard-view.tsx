"use client";

import { PRESET_NAMES } from "@orderbench/core/presets";
import { useQuery, useSubscription } from "@urql/next";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useMemo, useState } from "react";
import type { LeaderboardFieldsFragment, LeaderboardUpdatedSubscription as BoardEvent } from "@/gql/graphql";
import { LeaderboardChoicesQuery, LeaderboardQuery, LeaderboardUpdatedSubscription } from "@/graphql/leaderboard";
import { SeqMarks } from "@/lib/live";
import { summarizeSpec } from "@/lib/spec";
import { useRefetchOnReconnect } from "../use-refetch-on-reconnect";
import { LeaderboardTable } from "./leaderboard-table";
import { directionLabel, primaryMetricOf } from "@/lib/task-metric";

/** Final metrics offered besides the task's primary one (exact_match, score or perplexity). */
const METRICS = ["exact_match", "token_accuracy", "loss"];

/** Picks task, preset and metric (kept in the URL), then shows that leaderboard live. */
export function LeaderboardView() {
  const params = useSearchParams();
  const router = useRouter();
  const path = usePathname();
  const [{ data: choices }] = useQuery({ query: LeaderboardChoicesQuery });
  const tasks = useMemo(() => [...new Set((choices?.experiments.nodes ?? []).map((n) => n.task))], [choices]);
  const task = params.get("task") ?? tasks[0] ?? "";
  const presetForTask = choices?.experiments.nodes.find((n) => n.task === task);
  const preset = params.get("preset") ?? (presetForTask ? summarizeSpec(presetForTask.spec).preset : null) ?? "nanogpt";
  const primary = primaryMetricOf(task);
  const metric = params.get("metric") ?? primary.name;
  const metrics = [...new Set([primary.name, ...(primary.name === "perplexity" ? ["loss", "scored_token_loss"] : METRICS)])];
  const go = (next: Record<string, string>) => {
    const qs = new URLSearchParams({ task, preset, metric, ...next });
    router.replace(`${path}?${qs}`);
  };

  return (
    <>
      <h1>Leaderboard</h1>
      <form className="filters" aria-label="Choose leaderboard" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="lb-task">Task</label>
          <select id="lb-task" value={task} onChange={(e) => go({ task: e.target.value })}>
            {tasks.length === 0 && <option value="">no experiments yet</option>}
            {!tasks.includes(task) && task && <option value={task}>{task}</option>}
            {tasks.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lb-preset">Model preset</label>
          <select id="lb-preset" value={preset} onChange={(e) => go({ preset: e.target.value })}>
            {PRESET_NAMES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lb-metric">Metric</label>
          <select id="lb-metric" value={metric} onChange={(e) => go({ metric: e.target.value })}>
            {metrics.map((m) => (
              <option key={m} value={m}>
                {m}
                {m === primary.name ? ` (${primary.label}, ${directionLabel(primary)})` : ""}
              </option>
            ))}
          </select>
        </div>
      </form>
      {task ? (
        <Suspense fallback={<p className="muted">Loading leaderboard…</p>}>
          <Board key={`${task}|${preset}|${metric}`} task={task} preset={preset} metric={metric} />
        </Suspense>
      ) : (
        <p className="muted">No experiments yet: the leaderboard ranks strategies once runs of a task have finished.</p>
      )}
    </>
  );
}

function Board({ task, preset, metric }: { task: string; preset: string; metric: string }) {
  const variables = { task, preset, metric };
  const [{ data, error }, reexecute] = useQuery({ query: LeaderboardQuery, variables });
  useRefetchOnReconnect(() => reexecute({ requestPolicy: "network-only" }));
  // The API sends the whole leaderboard again whenever a run of the task finishes.
  const [live] = useSubscription({ query: LeaderboardUpdatedSubscription, variables }, (prev: { seq: number; board: LeaderboardFieldsFragment } | undefined, e: BoardEvent) => ({
    seq: (prev?.seq ?? 0) + 1,
    board: e.leaderboardUpdated,
  }));
  const [marks] = useState(() => new SeqMarks());
  const since = marks.mark(data, live.data?.seq ?? 0);
  const board = live.data && live.data.seq > since ? live.data.board : data?.leaderboard;

  if (error && !board) {
    return (
      <div role="alert" className="alert">
        Could not load the leaderboard: {error.graphQLErrors[0]?.message ?? error.message}
      </div>
    );
  }
  if (!board) return null;
  return <LeaderboardTable board={board} />;
}
