import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { runs, runStatus, type FinalMetrics, type Run } from "../schema/index";

export interface FailRunInput {
  runId: string;
  workerId: string;
  error: string;
  /** The loss became NaN/Infinity. */
  diverged?: boolean;
  finalMetrics?: FinalMetrics | null;
  bestMetric?: number | null;
  bestStep?: number | null;
}

/**
 * Ends a run the worker holds with an error. A run whose cancel was requested ends `cancelled` (the worker
 * stopped because of it), any other `failed`; retry-run puts either back in the queue. Null when not held.
 */
export async function failRun(db: Db, input: FailRunInput): Promise<Run | null> {
  if (!isUuid(input.runId) || !isUuid(input.workerId)) return null;
  const [run] = await db
    .update(runs)
    .set({
      status: sql`CASE WHEN ${runs.cancelRequested} THEN 'cancelled'::${runStatus} ELSE 'failed'::${runStatus} END`,
      finishedAt: sql`now()`,
      error: input.error,
      diverged: input.diverged ?? false,
      ...(input.finalMetrics !== undefined && { finalMetrics: input.finalMetrics }),
      ...(input.bestMetric !== undefined && { bestMetric: input.bestMetric }),
      ...(input.bestStep !== undefined && { bestStep: input.bestStep }),
      leaseExpiresAt: null,
    })
    .where(and(eq(runs.id, input.runId), eq(runs.workerId, input.workerId), eq(runs.status, "running")))
    .returning();
  return run ?? null;
}
