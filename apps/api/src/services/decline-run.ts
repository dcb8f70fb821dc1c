import { declineRun as declineRunRow } from "@orderbench/db/queries";
import type { Run } from "@orderbench/db/schema";
import { badInput, conflict } from "../errors";
import { runEvent } from "../pubsub/events";
import type { ServiceContext } from "./context";
import { MAX_ERROR_LENGTH } from "./fail-run";
import { requireHeldRun } from "./held-run";

/**
 * A worker gives back a run its backend cannot train (db decline-run.ts): the run goes back to the queue,
 * not as a failure, and is handed next to a worker of another backend.
 */
export async function declineRun(ctx: ServiceContext, input: { workerId: string; runId: string; reason: string }): Promise<Run> {
  if (input.reason.trim().length === 0) throw badInput("reason", "reason must say why this worker cannot train the run; it is empty");
  await requireHeldRun(ctx, input.runId, input.workerId);
  const run = await declineRunRow(ctx.db, { runId: input.runId, workerId: input.workerId, reason: input.reason.slice(0, MAX_ERROR_LENGTH) });
  if (!run) throw conflict(`worker ${input.workerId} lost run ${input.runId} before declining it`, { field: "runId" });
  await ctx.pubsub.publish(runEvent(run), { type: "experiment", experimentId: run.experimentId, deleted: false }, { type: "worker", workerId: input.workerId });
  return run;
}
