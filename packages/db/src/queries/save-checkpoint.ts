import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { checkpointPath, removeCheckpointFiles, sha256Hex, writeCheckpointFile } from "../checkpoint-files";
import { isUuid } from "../ids";
import { checkpoints, runs, type Checkpoint } from "../schema/index";

export type CheckpointInfo = Omit<Checkpoint, "bytes">;

export interface SaveCheckpointInput {
  runId: string;
  step: number;
  bytes: Uint8Array;
  /** When given, the checkpoint is refused (null) unless this worker holds the running run. */
  workerId?: string;
}

export interface CheckpointStorage {
  artifactDir: string;
  /** Checkpoints up to this many bytes are stored in the database; larger ones as files. */
  maxInlineBytes: number;
  /** Checkpoints kept per run, newest first; older ones (and their files) are deleted (default 2). */
  keep?: number;
}

/**
 * Stores a checkpoint and makes it the run's resume point. A large checkpoint's file is written (atomically)
 * before the row, outside the transaction, so no lock is held during the write; if the row is then refused,
 * the file is removed.
 */
export async function saveCheckpoint(db: Db, input: SaveCheckpointInput, storage: CheckpointStorage): Promise<CheckpointInfo | null> {
  const keep = storage.keep ?? 2;
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a positive integer, got ${keep}`);
  if (!Number.isInteger(input.step) || input.step < 0) throw new RangeError(`step must be a non-negative integer, got ${input.step}`);
  if (!isUuid(input.runId) || (input.workerId !== undefined && !isUuid(input.workerId))) return null;
  const id = randomUUID();
  const inline = input.bytes.byteLength <= storage.maxInlineBytes;
  const path = inline ? null : checkpointPath(input.runId, id);
  if (path !== null) await writeCheckpointFile(storage.artifactDir, path, input.bytes);

  let saved: { info: CheckpointInfo | null; pruned: string[] };
  try {
    saved = await db.transaction(async (tx) => {
      const holder = input.workerId === undefined ? undefined : and(eq(runs.workerId, input.workerId), eq(runs.status, "running"));
      const [run] = await tx.select({ id: runs.id }).from(runs).where(and(eq(runs.id, input.runId), holder)).for("update");
      if (!run) return { info: null, pruned: [] };
      const [info] = await tx
        .insert(checkpoints)
        .values({ id, runId: input.runId, step: input.step, sizeBytes: input.bytes.byteLength, sha256: sha256Hex(input.bytes), bytes: inline ? input.bytes : null, path })
        .returning({
          id: checkpoints.id,
          runId: checkpoints.runId,
          step: checkpoints.step,
          sizeBytes: checkpoints.sizeBytes,
          sha256: checkpoints.sha256,
          path: checkpoints.path,
          createdAt: checkpoints.createdAt,
        });
      await tx.update(runs).set({ checkpointId: id }).where(eq(runs.id, input.runId));
      const old = await tx
        .select({ id: checkpoints.id, path: checkpoints.path })
        .from(checkpoints)
        .where(eq(checkpoints.runId, input.runId))
        .orderBy(desc(checkpoints.step), desc(checkpoints.createdAt))
        .offset(keep);
      if (old.length > 0) await tx.delete(checkpoints).where(inArray(checkpoints.id, old.map((c) => c.id)));
      return { info: info ?? null, pruned: old.flatMap((c) => (c.path === null ? [] : [c.path])) };
    });
  } catch (e) {
    if (path !== null) await removeCheckpointFiles(storage.artifactDir, [path]);
    throw e;
  }
  if (saved.info === null && path !== null) await removeCheckpointFiles(storage.artifactDir, [path]);
  await removeCheckpointFiles(storage.artifactDir, saved.pruned);
  return saved.info;
}
