import { desc, eq } from "drizzle-orm";
import type { Db } from "../db";
import { readCheckpointFile, sha256Hex } from "../checkpoint-files";
import { isUuid } from "../ids";
import { checkpoints } from "../schema/index";
import type { CheckpointInfo } from "./save-checkpoint";

/** The run's newest checkpoint with its bytes (from the row or its file, checked against sha256); null if none. */
export async function loadLatestCheckpoint(
  db: Db,
  runId: string,
  storage: { artifactDir: string },
): Promise<(CheckpointInfo & { bytes: Uint8Array }) | null> {
  if (!isUuid(runId)) return null;
  const [row] = await db.select().from(checkpoints).where(eq(checkpoints.runId, runId)).orderBy(desc(checkpoints.step), desc(checkpoints.createdAt)).limit(1);
  if (!row) return null;
  let bytes: Uint8Array;
  if (row.bytes !== null) {
    bytes = row.bytes;
  } else if (row.path !== null) {
    bytes = await readCheckpointFile(storage.artifactDir, row.path).catch((e: unknown) => {
      throw new Error(`checkpoint ${row.id} of run ${runId}: cannot read ${row.path} under ${storage.artifactDir}: ${e instanceof Error ? e.message : String(e)}`);
    });
  } else {
    throw new Error(`checkpoint ${row.id} of run ${runId} has neither bytes nor a path`);
  }
  const digest = sha256Hex(bytes);
  if (digest !== row.sha256) {
    throw new Error(`checkpoint ${row.id} of run ${runId} is corrupt: sha256 ${digest}, expected ${row.sha256}; retry the run from scratch or delete the checkpoint`);
  }
  return { ...row, bytes };
}
