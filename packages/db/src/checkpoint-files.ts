import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

/**
 * Checkpoints too large for the database live in files under the artifact directory, at
 * `checkpoints/<runId>/<checkpointId>.ckpt`; the database stores that path relative to the directory, so the
 * directory can move (or be mounted elsewhere in a container) without rewriting rows.
 */
export function checkpointPath(runId: string, checkpointId: string): string {
  return join("checkpoints", runId, `${checkpointId}.ckpt`);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function absolute(artifactDir: string, path: string): string {
  const full = resolve(artifactDir, path);
  const rel = relative(resolve(artifactDir), full);
  if (rel.startsWith("..") || isAbsolute(rel)) throw new Error(`checkpoint path "${path}" is outside the artifact directory ${artifactDir}`);
  return full;
}

/** Writes to a temporary name then renames, so a crash never leaves a truncated file at the final path. */
export async function writeCheckpointFile(artifactDir: string, path: string, bytes: Uint8Array): Promise<void> {
  const full = absolute(artifactDir, path);
  await mkdir(dirname(full), { recursive: true });
  const tmp = `${full}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, full);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export async function readCheckpointFile(artifactDir: string, path: string): Promise<Uint8Array> {
  const buffer = await readFile(absolute(artifactDir, path));
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Best effort: a file already gone counts as removed. Returns how many paths were handled. */
export async function removeCheckpointFiles(artifactDir: string, paths: readonly string[]): Promise<number> {
  let removed = 0;
  for (const path of paths) {
    await rm(absolute(artifactDir, path), { force: true });
    removed++;
  }
  return removed;
}
