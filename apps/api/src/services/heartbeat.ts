import { heartbeatRun, listRuns, touchWorker, type HeartbeatResult } from "@orderbench/db/queries";
import { badInput, notFound } from "../errors";
import { runEvent } from "../pubsub/events";
import type { ServiceContext } from "./context";

export interface RunProgress {
  runId: string;
  step?: number | null;
  progress?: number | null;
  tokens?: number | null;
}

export interface HeartbeatInput {
  workerId: string;
  runIds: readonly string[];
  progress?: readonly RunProgress[] | null;
}

export const MAX_HEARTBEAT_RUNS = 1000;

/**
 * Renews the leases of the runs the worker still holds and records their progress. Per run it answers
 * `held` (false: the worker lost it, stop) and `cancelRequested` (stop, then failRun or releaseRun).
 */
export async function heartbeat({ db, pubsub, config }: ServiceContext, input: HeartbeatInput): Promise<(HeartbeatResult & { runId: string })[]> {
  if (input.runIds.length > MAX_HEARTBEAT_RUNS) {
    throw badInput("runIds", `runIds has ${input.runIds.length} items, more than the limit of ${MAX_HEARTBEAT_RUNS}`, { limit: MAX_HEARTBEAT_RUNS });
  }
  if (!(await touchWorker(db, input.workerId))) throw notFound("worker", input.workerId, "workerId");
  const progress = new Map((input.progress ?? []).map((p) => [p.runId, p]));
  const results: (HeartbeatResult & { runId: string })[] = [];
  for (const runId of new Set([...input.runIds, ...progress.keys()])) {
    const p = progress.get(runId);
    const result = await heartbeatRun(db, {
      runId,
      workerId: input.workerId,
      leaseSeconds: config.leaseSeconds,
      ...(p?.step != null && { step: p.step }),
      ...(p?.progress != null && { progress: p.progress }),
      ...(p?.tokens != null && { tokens: p.tokens }),
    });
    results.push({ runId, ...result });
  }
  // Progress shows on dashboards through runUpdated; a heartbeat without progress changes nothing visible.
  const moved = results.filter((r) => r.held && progress.has(r.runId)).map((r) => r.runId);
  if (moved.length > 0) await pubsub.publish(...(await listRuns(db, { ids: moved })).map(runEvent));
  return results;
}
