import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { checkpoints, experiments, metricChunks, metricPoints, runs } from "../schema/index";
import { removeCheckpointFiles } from "../checkpoint-files";

export interface DeleteExperimentResult {
  deleted: boolean;
  /** Runs removed with it (and their metric points and checkpoints). */
  runs: number;
  /** Checkpoint files removed from the artifact directory. */
  removedFiles: number;
}

/**
 * Deletes the experiment, its runs, metric points and checkpoints, then the checkpoint files on disk.
 * Workers holding one of its runs find out at their next heartbeat (the run is gone, so not held).
 */
export async function deleteExperiment(db: Db, id: string, options: { artifactDir: string }): Promise<DeleteExperimentResult> {
  if (!isUuid(id)) return { deleted: false, runs: 0, removedFiles: 0 };
  const { deleted, runCount, paths } = await db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: experiments.id }).from(experiments).where(eq(experiments.id, id)).for("update");
    if (!exists) return { deleted: false, runCount: 0, paths: [] as string[] };
    const runIds = tx.select({ id: runs.id }).from(runs).where(eq(runs.experimentId, id));
    // metric_points has no foreign key to cascade (schema/metric-points.ts). Locking the runs first waits for
    // metric inserts in flight (they hold FOR KEY SHARE on their run), and makes later ones find no run.
    await tx.select({ id: runs.id }).from(runs).where(eq(runs.experimentId, id)).for("update");
    await tx.delete(metricPoints).where(inArray(metricPoints.runId, runIds));
    await tx.delete(metricChunks).where(inArray(metricChunks.runId, runIds));
    const files = await tx
      .select({ path: checkpoints.path })
      .from(checkpoints)
      .where(and(inArray(checkpoints.runId, runIds), isNotNull(checkpoints.path)));
    const removed = await tx.delete(runs).where(eq(runs.experimentId, id)).returning({ id: runs.id });
    await tx.delete(experiments).where(eq(experiments.id, id));
    return { deleted: true, runCount: removed.length, paths: files.map((f) => f.path as string) };
  });
  const removedFiles = await removeCheckpointFiles(options.artifactDir, paths);
  return { deleted, runs: runCount, removedFiles };
}
