import type { Db } from "@orderbench/db/client";
import { checkpoints } from "@orderbench/db/schema";
import { desc, eq } from "drizzle-orm";

export interface CheckpointRef {
  id: string;
  runId: string;
  step: number;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

const refColumns = {
  id: checkpoints.id,
  runId: checkpoints.runId,
  step: checkpoints.step,
  sizeBytes: checkpoints.sizeBytes,
  sha256: checkpoints.sha256,
  createdAt: checkpoints.createdAt,
};

/** The run's newest checkpoint, without its bytes (a worker downloads them with the checkpoint query). */
export async function latestCheckpointRef(db: Db, runId: string): Promise<CheckpointRef | null> {
  const [row] = await db.select(refColumns).from(checkpoints).where(eq(checkpoints.runId, runId)).orderBy(desc(checkpoints.step), desc(checkpoints.createdAt)).limit(1);
  return row ?? null;
}

/** The run's stored checkpoints without their bytes, newest first (the API keeps the newest few per run). */
export async function listCheckpointRefs(db: Db, runId: string): Promise<CheckpointRef[]> {
  return db.select(refColumns).from(checkpoints).where(eq(checkpoints.runId, runId)).orderBy(desc(checkpoints.step), desc(checkpoints.createdAt));
}
