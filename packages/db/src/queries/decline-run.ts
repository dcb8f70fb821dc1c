import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { runs, workers, type Run } from "../schema/index";
import { GIVE_BACK, heldBy } from "./release-run";

/**
 * A worker gives back a run it cannot train on its backend (a model beyond the wasm heap): the run is
 * re-queued at its original position, the claim is not counted as an attempt, and the worker's backend is
 * added to `declined_backends`, so claim-run hands the run only to workers of other backends. The reason
 * is kept for whoever looks at the queued run. A run with a cancel request becomes `cancelled` instead, as
 * with release-run. Null when the worker does not hold the run.
 */
export async function declineRun(db: Db, input: { runId: string; workerId: string; reason: string }): Promise<Run | null> {
  if (!isUuid(input.runId) || !isUuid(input.workerId)) return null;
  const backend = sql`(SELECT ${workers.backend} FROM ${workers} WHERE ${workers.id} = ${input.workerId})`;
  const [run] = await db
    .update(runs)
    .set({
      ...GIVE_BACK,
      declinedBackends: sql`CASE WHEN ${backend} = ANY(${runs.declinedBackends}) THEN ${runs.declinedBackends} ELSE array_append(${runs.declinedBackends}, ${backend}) END`,
      declineReason: input.reason,
    })
    .where(heldBy(input))
    .returning();
  return run ?? null;
}
