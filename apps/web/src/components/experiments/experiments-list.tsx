"use client";

import { useQuery, useSubscription } from "@urql/next";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import type { ExperimentFilter, ExperimentRowFragment, ExperimentsUpdatedSubscription as Event, RunStatus } from "@/gql/graphql";
import { ExperimentsQuery, ExperimentsUpdatedSubscription } from "@/graphql/experiments";
import { newer, newerEntries, SeqMarks, track, type Tracked } from "@/lib/live";
import { useRefetchOnReconnect } from "../use-refetch-on-reconnect";
import { ExperimentRow } from "./experiment-row";

const PAGE_SIZE = 20;
const STATUSES: RunStatus[] = ["queued", "running", "succeeded", "failed", "cancelled"];
/** Latest event per experiment: the row as it is now, or null once deleted. */
type LiveRows = Tracked<ExperimentRowFragment | null> | undefined;

function filterFrom(params: URLSearchParams): ExperimentFilter {
  const f: ExperimentFilter = {};
  const search = params.get("search");
  const status = params.get("status");
  const task = params.get("task");
  const tag = params.get("tag");
  if (search) f.search = search;
  if (status && (STATUSES as string[]).includes(status)) f.status = status as RunStatus;
  if (task) f.task = task;
  if (tag) f.tag = tag;
  return f;
}

export function ExperimentsList() {
  const params = useSearchParams();
  const filter = useMemo(() => filterFrom(new URLSearchParams(params.toString())), [params]);
  const filterKey = JSON.stringify(filter);
  // Every change to any experiment, kept as the newest event per id (lib/live.ts).
  const [events] = useSubscription({ query: ExperimentsUpdatedSubscription }, (prev: LiveRows, data: Event) =>
    track(prev, data.experimentUpdated.id, data.experimentUpdated.deleted ? null : (data.experimentUpdated.experiment ?? null)),
  );
  const live = events.data;

  return (
    <>
      <div className="row">
        <h1>Experiments</h1>
        <span className="spacer" />
        <Link className="button primary" href="/experiments/new">
          New experiment
        </Link>
      </div>
      <Filters key={`filters:${filterKey}`} filter={filter} />
      <Pages key={`pages:${filterKey}`} filter={filter} live={live} />
    </>
  );
}

function Filters({ filter }: { filter: ExperimentFilter }) {
  const router = useRouter();
  const path = usePathname();
  const [search, setSearch] = useState(filter.search ?? "");
  const [task, setTask] = useState(filter.task ?? "");
  const [tag, setTag] = useState(filter.tag ?? "");
  const apply = (next: ExperimentFilter) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) qs.set(k, String(v));
    router.replace(qs.size ? `${path}?${qs}` : path);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    apply({ ...filter, search: search.trim(), task: task.trim(), tag: tag.trim() });
  };
  return (
    <form className="filters" role="search" aria-label="Filter experiments" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="f-search">Search names</label>
        <input id="f-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="f-status">Status</label>
        <select id="f-status" value={filter.status ?? ""} onChange={(e) => apply({ ...filter, status: (e.target.value || undefined) as RunStatus | undefined })}>
          <option value="">any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-task">Task</label>
        <input id="f-task" value={task} placeholder="mul:2" size={8} onChange={(e) => setTask(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="f-tag">Tag</label>
        <input id="f-tag" value={tag} size={10} onChange={(e) => setTag(e.target.value)} />
      </div>
      <button type="submit">Filter</button>
      {Object.keys(filter).length > 0 && (
        <button type="button" onClick={() => apply({})}>
          Clear filters
        </button>
      )}
    </form>
  );
}

function Pages({ filter, live }: { filter: ExperimentFilter; live: LiveRows }) {
  // Keyset pages: each "Load more" adds the next page after the last one's endCursor.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <table>
      <caption className="sr-only">Experiments, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Progress</th>
          <th scope="col">Task</th>
          <th scope="col">Model</th>
          <th scope="col">Strategies</th>
          <th scope="col" className="num">
            Seeds
          </th>
          <th scope="col">Tags</th>
          <th scope="col">Owner</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      {cursors.map((after, i) => (
        <Suspense key={after ?? "first"} fallback={<LoadingRow text="Loading experiments…" />}>
          <Page
            filter={filter}
            after={after}
            live={live}
            first={i === 0}
            last={i === cursors.length - 1}
            onMore={(cursor) => setCursors((c) => (c.includes(cursor) ? c : [...c, cursor]))}
          />
        </Suspense>
      ))}
    </table>
  );
}

function LoadingRow({ text }: { text: string }) {
  return (
    <tbody>
      <tr>
        <td colSpan={10} className="muted">
          {text}
        </td>
      </tr>
    </tbody>
  );
}

function Page(props: { filter: ExperimentFilter; after: string | null; live: LiveRows; first: boolean; last: boolean; onMore: (cursor: string) => void }) {
  const { filter, after, live, first, last, onMore } = props;
  const [{ data, error }, reexecute] = useQuery({ query: ExperimentsQuery, variables: { first: PAGE_SIZE, after, filter } });
  useRefetchOnReconnect(() => reexecute({ requestPolicy: "network-only" }));
  const nodes = data?.experiments.nodes ?? [];

  const [marks] = useState(() => new SeqMarks());
  const since = marks.mark(data, live?.seq ?? 0);

  // A new experiment belongs on the first page: read it again when an event names one it does not show.
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (!first || !data) return;
    const shown = new Set(data.experiments.nodes.map((n) => n.id));
    const newest = data.experiments.nodes[0]?.createdAt ?? "";
    for (const [id, e] of newerEntries(live, since)) {
      if (e && !shown.has(id) && !asked.current.has(id) && e.createdAt >= newest) {
        asked.current.add(id);
        reexecute({ requestPolicy: "network-only" });
        return;
      }
    }
  }, [first, data, live, since, reexecute]);

  if (error && !data) {
    return (
      <tbody>
        <tr>
          <td colSpan={10}>
            <div role="alert" className="alert">
              Could not load experiments: {error.message}
            </div>
          </td>
        </tr>
      </tbody>
    );
  }
  const rows = nodes.flatMap((n) => {
    const now = newer(live, n.id, since);
    if (now === null) return [];
    return [now ?? n];
  });
  return (
    <tbody>
      {rows.map((e) => (
        <ExperimentRow key={e.id} e={e} />
      ))}
      {first && rows.length === 0 && (
        <tr>
          <td colSpan={10} className="muted">
            {Object.keys(filter).length ? "No experiment matches these filters." : "No experiments yet."} <Link href="/experiments/new">Create one</Link>.
          </td>
        </tr>
      )}
      {last && data?.experiments.pageInfo.hasNextPage && data.experiments.pageInfo.endCursor && (
        <tr>
          <td colSpan={10}>
            <button type="button" onClick={() => onMore(data.experiments.pageInfo.endCursor as string)}>
              Load more
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}
