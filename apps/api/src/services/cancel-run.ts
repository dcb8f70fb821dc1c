import { cancelRun as cancelRunRow } from "@orderbench/db/queries";
import type { Run } from "@orderbench/db/schema";
import { conflict, notFound } from "../errors";
import { runEvent } from "../pubsub/events";
import type { ServiceContext } from "./context";

/** A queued run is cancelled at once; a running one is flagged, and its worker sees it at its next heartbeat. */
export async function cancelRun({ db, pubsub }: ServiceContext, runId: string): Promise<Run> {
  const { outcome, run } = await cancelRunRow(db, runId);
  if (outcome === "not-found" || !run) throw notFound("run", runId);
  if (outcome === "already-finished") throw conflict(`run ${runId} has already finished (${run.status}); nothing to cancel`, { status: run.status });
  await pubsub.publish(runEvent(run), { type: "experiment", experimentId: run.experimentId, deleted: false });
  return run;
}
