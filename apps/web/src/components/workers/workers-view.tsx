"use client";

import { useQuery, useSubscription } from "@urql/next";
import { useEffect, useState } from "react";
import type { WorkerFieldsFragment, WorkerUpdatedSubscription as WorkerEvent } from "@/gql/graphql";
import { WorkersQuery, WorkerUpdatedSubscription } from "@/graphql/workers";
import { formatAge, formatTime } from "@/lib/format";
import { newer, newerEntries, SeqMarks, track, type Tracked } from "@/lib/live";
import { useRefetchOnReconnect } from "../use-refetch-on-reconnect";

/**
 * A worker counts as online while it was heard from within this window. Workers poll for runs every few
 * seconds and heartbeat within their lease (30 s by default), but the API pushes no event for either, so
 * the page re-reads the list every POLL_MS.
 */
const ONLINE_WITHIN_MS = 60_000;
const POLL_MS = 10_000;

export function WorkersView() {
  const [{ data, error }, reexecute] = useQuery({ query: WorkersQuery });
  useRefetchOnReconnect(() => reexecute({ requestPolicy: "network-only" }));
  const [events] = useSubscription({ query: WorkerUpdatedSubscription }, (prev: Tracked<WorkerFieldsFragment> | undefined, e: WorkerEvent) =>
    track(prev, e.workerUpdated.id, e.workerUpdated),
  );
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => {
      setNow(Date.now());
      reexecute({ requestPolicy: "network-only" });
    }, POLL_MS);
    return () => clearInterval(t);
  }, [reexecute]);
  const [marks] = useState(() => new SeqMarks());
  const since = marks.mark(data, events.data?.seq ?? 0);

  if (error && !data) {
    return (
      <div role="alert" className="alert">
        Could not load workers: {error.message}
      </div>
    );
  }
  const listed = (data?.workers ?? []).map((w) => newer(events.data, w.id, since) ?? w);
  const known = new Set(listed.map((w) => w.id));
  const workers = [...newerEntries(events.data, since).filter(([id]) => !known.has(id)).map(([, w]) => w), ...listed];

  return (
    <>
      <h1>Workers</h1>
      {workers.length === 0 ? (
        <p className="muted">
          No worker has registered. Start one with <code>npm start -w @orderbench/worker -- --api &lt;url&gt;</code>.
        </p>
      ) : (
        <table data-testid="workers">
          <caption className="sr-only">Registered workers, most recently heard from first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Backend</th>
              <th scope="col">Device</th>
              <th scope="col" className="num">Cores</th>
              <th scope="col" className="num">GPUs</th>
              <th scope="col" className="num">Current runs</th>
              <th scope="col">Last heard</th>
              <th scope="col">Version</th>
              <th scope="col">Registered</th>
            </tr>
          </thead>
          <tbody>
            {workers.map((w) => {
              const online = now - Date.parse(w.lastHeartbeat) < ONLINE_WITHIN_MS;
              return (
                <tr key={w.id} data-testid="worker-row">
                  <th scope="row">{w.name}</th>
                  <td>
                    <span className={`badge ${online ? "succeeded" : "queued"}`}>{online ? "online" : "offline"}</span>
                  </td>
                  <td>{w.backend}</td>
                  <td>{w.device}</td>
                  <td className="num">{w.cores}</td>
                  <td className="num">{w.gpus}</td>
                  <td className="num" title={w.runIds.join(", ")}>
                    {w.runIds.length}
                  </td>
                  <td>
                    <time dateTime={w.lastHeartbeat} suppressHydrationWarning>{formatAge(w.lastHeartbeat, now)}</time>
                  </td>
                  <td>{w.version}</td>
                  <td>
                    <time dateTime={w.createdAt}>{formatTime(w.createdAt)}</time>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
