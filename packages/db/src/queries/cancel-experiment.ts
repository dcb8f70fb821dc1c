import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { experiments, runs, type Run } from "../schema/index";
import { cancelChanges } from "./cancel-run";

export interface CancelExperimentResult {
  /** Were queued, now cancelled. */
  cancelled: Run[];
  /** Running; their workers see cancelRequested at the next heartbeat. */
  cancelRequested: Run[];
}

/** Cancels every unfinished run of the experiment; null when the experiment does not exist. */
export async function cancelExperiment(db: Db, experimentId: string): Promise<CancelExperimentResult | null> {
  if (!isUuid(experimentId)) return null;
  return db.transaction(async (tx) => {
    const [found] = await tx.update(experiments).set({ updatedAt: sql`now()` }).where(eq(experiments.id, experimentId)).returning({ id: experiments.id });
    if (!found) return null;
    const changed = await tx
      .update(runs)
      .set(cancelChanges)
      .where(and(eq(runs.experimentId, experimentId), inArray(runs.status, ["queued", "running"])))
      .returning();
    return {
      cancelled: changed.filter((r) => r.status === "cancelled"),
      cancelRequested: changed.filter((r) => r.status === "running"),
    };
  });
}
