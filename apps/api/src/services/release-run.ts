import { releaseRun as releaseRunRow } from "@orderbench/db/queries";
import type { Run } from "@orderbench/db/schema";
import { conflict } from "../errors";
import { runEvent } from "../pubsub/events";
import type { ServiceContext } from "./context";
import { requireHeldRun } from "./held-run";

/** A worker shutting down gives a run back to the queue (its next holder resumes from the checkpoint). */
export async function releaseRun(ctx: ServiceContext, input: { workerId: string; runId: string }): Promise<Run> {
  await requireHeldRun(ctx, input.runId, input.workerId);
  const run = await releaseRunRow(ctx.db, input);
  if (!run) throw conflict(`worker ${input.workerId} lost run ${input.runId} before releasing it`, { field: "runId" });
  await ctx.pubsub.publish(runEvent(run), { type: "experiment", experimentId: run.experimentId, deleted: false }, { type: "worker", workerId: input.workerId });
  return run;
}
