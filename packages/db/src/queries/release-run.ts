import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { runs, runStatus, type Run } from "../schema/index";

/**
 * A worker gives a run back (SIGTERM, or after stopping for a cancel request). The run is re-queued at its
 * original queue position and the claim is not counted as an attempt; a run with a cancel request becomes
 * `cancelled` instead. Null when the worker does not hold it.
 */
export async function releaseRun(db: Db, input: { runId: string; workerId: string }): Promise<Run | null> {
  if (!isUuid(input.runId) || !isUuid(input.workerId)) return null;
  const [run] = await db.update(runs).set(GIVE_BACK).where(heldBy(input)).returning();
  return run ?? null;
}

/**
 * A running run back to the queue at its original position, the claim not counted as an attempt; a run
 * with a cancel request `cancelled` instead. Shared by release-run and decline-run.
 */
export const GIVE_BACK = {
  status: sql`CASE WHEN ${runs.cancelRequested} THEN 'cancelled'::${runStatus} ELSE 'queued'::${runStatus} END`,
  attempt: sql`CASE WHEN ${runs.cancelRequested} THEN ${runs.attempt} ELSE greatest(${runs.attempt} - 1, 0) END`,
  finishedAt: sql`CASE WHEN ${runs.cancelRequested} THEN now() ELSE NULL END`,
  workerId: null,
  leaseExpiresAt: null,
};

/** The run, while `workerId` holds it (running). */
export function heldBy(input: { runId: string; workerId: string }): SQL | undefined {
  return and(eq(runs.id, input.runId), eq(runs.workerId, input.workerId), eq(runs.status, "running"));
}
