import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { runs } from "../schema/index";
import { leaseUntil } from "../lease";

export interface HeartbeatRunInput {
  runId: string;
  workerId: string;
  leaseSeconds: number;
  /** Fraction done, clamped to 0…1; non-finite values are ignored. */
  progress?: number;
  step?: number;
  tokens?: number;
}

export interface HeartbeatResult {
  /** False when the worker no longer holds the run (lease lost and re-queued, run finished or deleted): stop it. */
  held: boolean;
  cancelRequested: boolean;
  leaseExpiresAt: Date | null;
}

/** Extends the lease of a run the worker still holds and records its progress; step and tokens never go back. */
export async function heartbeatRun(db: Db, input: HeartbeatRunInput): Promise<HeartbeatResult> {
  const lost: HeartbeatResult = { held: false, cancelRequested: false, leaseExpiresAt: null };
  if (!isUuid(input.runId) || !isUuid(input.workerId)) return lost;
  const progress = input.progress !== undefined && Number.isFinite(input.progress) ? Math.min(1, Math.max(0, input.progress)) : undefined;
  const [row] = await db
    .update(runs)
    .set({
      leaseExpiresAt: leaseUntil(input.leaseSeconds),
      ...(progress !== undefined && { progress }),
      ...(input.step !== undefined && { step: sql`greatest(${runs.step}, ${Math.trunc(input.step)}::int)` }),
      ...(input.tokens !== undefined && { tokens: sql`greatest(${runs.tokens}, ${Math.trunc(input.tokens)}::bigint)` }),
    })
    .where(and(eq(runs.id, input.runId), eq(runs.workerId, input.workerId), eq(runs.status, "running")))
    .returning({ cancelRequested: runs.cancelRequested, leaseExpiresAt: runs.leaseExpiresAt });
  return row ? { held: true, ...row } : lost;
}
