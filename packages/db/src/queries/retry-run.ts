import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db";
import { removeCheckpointFiles } from "../checkpoint-files";
import { isUuid } from "../ids";
import { checkpoints, metricChunks, metricPoints, runs, type Run } from "../schema/index";

export interface RetryRunOptions {
  /** Also delete its metric points and checkpoints so it starts from step 0 (default: resume from the last checkpoint). */
  fromScratch?: boolean;
  /** Needed with fromScratch to remove checkpoint files. */
  artifactDir?: string;
}

/** Puts a failed or cancelled run at the back of the queue with fresh attempts; null when not found or not finished that way. */
export async function retryRun(db: Db, runId: string, options: RetryRunOptions = {}): Promise<Run | null> {
  if (!isUuid(runId)) return null;
  if (options.fromScratch && options.artifactDir === undefined) throw new RangeError("retryRun with fromScratch needs artifactDir to remove checkpoint files");
  const { run, paths } = await db.transaction(async (tx) => {
    const [run] = await tx
      .update(runs)
      .set({
        status: "queued",
        queuedAt: sql`now()`,
        attempt: 0,
        workerId: null,
        leaseExpiresAt: null,
        cancelRequested: false,
        finishedAt: null,
        error: null,
        diverged: false,
        finalMetrics: null,
        ...(options.fromScratch && { progress: 0, step: 0, tokens: 0, bestMetric: null, bestStep: null, checkpointId: null, startedAt: null }),
      })
      .where(and(eq(runs.id, runId), inArray(runs.status, ["failed", "cancelled"])))
      .returning();
    if (!run || !options.fromScratch) return { run: run ?? null, paths: [] as string[] };
    await tx.delete(metricPoints).where(eq(metricPoints.runId, runId));
    await tx.delete(metricChunks).where(eq(metricChunks.runId, runId));
    const removed = await tx.delete(checkpoints).where(eq(checkpoints.runId, runId)).returning({ path: checkpoints.path });
    return { run, paths: removed.flatMap((c) => (c.path === null ? [] : [c.path])) };
  });
  if (paths.length > 0 && options.artifactDir !== undefined) await removeCheckpointFiles(options.artifactDir, paths);
  return run;
}
