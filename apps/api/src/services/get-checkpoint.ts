import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { checkpoints } from "@orderbench/db/schema";
import { eq } from "drizzle-orm";
import { notFound } from "../errors";
import type { ServiceContext } from "./context";
import { requireHeldRun } from "./held-run";
import type { CheckpointRef } from "./latest-checkpoint";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A checkpoint with its bytes, from its row or its file under the artifact directory, checked against its
 * SHA-256. `workerId` (required of worker keys) restricts it to a run that worker holds.
 */
export async function getCheckpoint(ctx: ServiceContext, input: { checkpointId: string; workerId?: string | null }): Promise<CheckpointRef & { bytes: Uint8Array }> {
  if (!UUID.test(input.checkpointId)) throw notFound("checkpoint", input.checkpointId);
  const [row] = await ctx.db.select().from(checkpoints).where(eq(checkpoints.id, input.checkpointId));
  if (!row) throw notFound("checkpoint", input.checkpointId);
  if (input.workerId) await requireHeldRun(ctx, row.runId, input.workerId);
  const bytes = row.bytes ?? (row.path !== null ? await readArtifact(ctx.storage.artifactDir, row.path) : null);
  if (!bytes) throw new Error(`checkpoint ${row.id} has neither bytes nor a path`);
  const digest = createHash("sha256").update(bytes).digest("hex");
  if (digest !== row.sha256) throw new Error(`checkpoint ${row.id} of run ${row.runId} is corrupt: sha256 ${digest}, expected ${row.sha256}`);
  const { bytes: _stored, path: _path, ...ref } = row;
  return { ...ref, bytes };
}

async function readArtifact(artifactDir: string, path: string): Promise<Uint8Array> {
  const full = resolve(artifactDir, path);
  const rel = relative(resolve(artifactDir), full);
  if (rel.startsWith("..") || isAbsolute(rel)) throw new Error(`checkpoint path "${path}" is outside the artifact directory`);
  const buffer = await readFile(full);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
