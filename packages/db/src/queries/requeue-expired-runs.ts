import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../db";
import { runs, runStatus, type Run } from "../schema/index";

export interface RequeueExpiredResult {
  /** Back in the queue at their original position; attempt is kept, so the next claim is attempt + 1. */
  requeued: Run[];
  /** Lost their lease on the last allowed attempt (attempt ≥ max_attempts). */
  failed: Run[];
  /** Had a cancel request pending when their worker vanished. */
  cancelled: Run[];
}

/**
 * Takes runs away from workers that stopped heart-beating. Call it periodically (every few seconds) from
 * one place; concurrent callers are safe: each row is updated once, and a heartbeat that extends the lease
 * first wins (the UPDATE re-checks lease_expires_at after waiting for the row lock).
 * `asOf` (default the database's now()) lets callers and tests choose the cut-off.
 */
export async function requeueExpiredRuns(db: Db, options: { asOf?: Date } = {}): Promise<RequeueExpiredResult> {
  const cutoff = options.asOf ? sql`${options.asOf.toISOString()}::timestamptz` : sql`now()`;
  const exhausted = sql`${runs.attempt} >= ${runs.maxAttempts}`;
  const changed = await db
    .update(runs)
    .set({
      status: sql`CASE WHEN ${runs.cancelRequested} THEN 'cancelled'::${runStatus}
        WHEN ${exhausted} THEN 'failed'::${runStatus} ELSE 'queued'::${runStatus} END`,
      finishedAt: sql`CASE WHEN ${runs.cancelRequested} OR ${exhausted} THEN now() ELSE NULL END`,
      error: sql`CASE WHEN NOT ${runs.cancelRequested} AND ${exhausted}
        THEN 'lease expired on attempt ' || ${runs.attempt} || ' of ' || ${runs.maxAttempts} || ': the worker stopped heart-beating'
        ELSE ${runs.error} END`,
      workerId: null,
      leaseExpiresAt: null,
    })
    .where(and(eq(runs.status, "running"), lt(runs.leaseExpiresAt, cutoff)))
    .returning();
  return {
    requeued: changed.filter((r) => r.status === "queued"),
    failed: changed.filter((r) => r.status === "failed"),
    cancelled: changed.filter((r) => r.status === "cancelled"),
  };
}
