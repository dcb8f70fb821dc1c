import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { runs, type FinalMetrics, type Run } from "../schema/index";

export interface CompleteRunInput {
  runId: string;
  workerId: string;
  finalMetrics: FinalMetrics;
  bestMetric?: number | null;
  bestStep?: number | null;
  step?: number;
  tokens?: number;
}

/** Marks a run the worker holds as succeeded; null when it does not hold it (lease lost, cancelled, deleted). */
export async function completeRun(db: Db, input: CompleteRunInput): Promise<Run | null> {
  if (!isUuid(input.runId) || !isUuid(input.workerId)) return null;
  const [run] = await db
    .update(runs)
    .set({
      status: "succeeded",
      finishedAt: sql`now()`,
      progress: 1,
      finalMetrics: input.finalMetrics,
      bestMetric: input.bestMetric ?? null,
      bestStep: input.bestStep ?? null,
      ...(input.step !== undefined && { step: input.step }),
      ...(input.tokens !== undefined && { tokens: input.tokens }),
      leaseExpiresAt: null,
      error: null,
    })
    .where(and(eq(runs.id, input.runId), eq(runs.workerId, input.workerId), eq(runs.status, "running")))
    .returning();
  return run ?? null;
}
