import { failRun as failRunRow } from "@orderbench/db/queries";
import type { Run } from "@orderbench/db/schema";
import { badInput, conflict } from "../errors";
import { runEvent } from "../pubsub/events";
import type { ServiceContext } from "./context";
import { requireHeldRun } from "./held-run";

export const MAX_ERROR_LENGTH = 10_000;

/** Ends a run the worker holds with an error (cancelled instead, when a cancel was requested). */
export async function failRun(ctx: ServiceContext, input: { workerId: string; runId: string; error: string; diverged?: boolean | null }): Promise<Run> {
  if (input.error.trim().length === 0) throw badInput("error", "error must say what went wrong; it is empty");
  await requireHeldRun(ctx, input.runId, input.workerId);
  const run = await failRunRow(ctx.db, {
    runId: input.runId,
    workerId: input.workerId,
    error: input.error.slice(0, MAX_ERROR_LENGTH),
    diverged: input.diverged ?? false,
  });
  if (!run) throw conflict(`worker ${input.workerId} lost run ${input.runId} before failing it`, { field: "runId" });
  await ctx.pubsub.publish(runEvent(run), { type: "experiment", experimentId: run.experimentId, deleted: false }, { type: "worker", workerId: input.workerId });
  return run;
}
