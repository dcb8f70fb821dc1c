import { getRun, retryRun as retryRunRow } from "@orderbench/db/queries";
import type { Run } from "@orderbench/db/schema";
import { conflict, notFound } from "../errors";
import { runEvent } from "../pubsub/events";
import type { ServiceContext } from "./context";

/** Queues a failed or cancelled run again, resuming from its checkpoint unless fromScratch. */
export async function retryRun({ db, pubsub, storage }: ServiceContext, input: { runId: string; fromScratch?: boolean | null }): Promise<Run> {
  const run = await retryRunRow(db, input.runId, { fromScratch: input.fromScratch ?? false, artifactDir: storage.artifactDir });
  if (!run) {
    const existing = await getRun(db, input.runId);
    if (!existing) throw notFound("run", input.runId);
    throw conflict(`run ${input.runId} is ${existing.status}; only failed or cancelled runs can be retried`, { status: existing.status });
  }
  await pubsub.publish(runEvent(run), { type: "experiment", experimentId: run.experimentId, deleted: false });
  return run;
}
