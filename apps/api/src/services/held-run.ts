import { getRun } from "@orderbench/db/queries";
import type { Run } from "@orderbench/db/schema";
import { conflict, notFound } from "../errors";
import type { ServiceContext } from "./context";

/**
 * The run, if `workerId` holds it (running under that worker's lease). A worker may act only on runs it
 * holds: one whose lease expired, was cancelled, or went to another worker is a CONFLICT, telling it to stop.
 */
export async function requireHeldRun({ db }: Pick<ServiceContext, "db">, runId: string, workerId: string): Promise<Run> {
  const run = await getRun(db, runId);
  if (!run) throw notFound("run", runId, "runId");
  if (run.status !== "running" || run.workerId !== workerId) {
    const state = run.status === "running" ? `held by another worker` : run.status;
    throw conflict(`worker ${workerId} does not hold run ${runId} (it is ${state}); stop working on it`, { field: "runId", status: run.status });
  }
  return run;
}
