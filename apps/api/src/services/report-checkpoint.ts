import { saveCheckpoint, type CheckpointInfo } from "@orderbench/db/queries";
import { badInput, conflict } from "../errors";
import type { ServiceContext } from "./context";
import { requireHeldRun } from "./held-run";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Stores a checkpoint of a run the worker holds and makes it the run's resume point. */
export async function reportCheckpoint(
  ctx: ServiceContext,
  input: { workerId: string; runId: string; step: number; bytesBase64: string },
): Promise<CheckpointInfo> {
  if (!Number.isInteger(input.step) || input.step < 0) throw badInput("step", `step must be a non-negative integer, got ${input.step}`);
  if (input.bytesBase64.length === 0 || input.bytesBase64.length % 4 !== 0 || !BASE64.test(input.bytesBase64)) {
    throw badInput("bytesBase64", "bytesBase64 must be the checkpoint's bytes in standard, padded base64 (RFC 4648 §4), and not empty");
  }
  await requireHeldRun(ctx, input.runId, input.workerId);
  const bytes = new Uint8Array(Buffer.from(input.bytesBase64, "base64"));
  const info = await saveCheckpoint(
    ctx.db,
    { runId: input.runId, step: input.step, bytes, workerId: input.workerId },
    { artifactDir: ctx.storage.artifactDir, maxInlineBytes: ctx.storage.maxInlineBytes, keep: ctx.config.checkpointsKept },
  );
  if (!info) throw conflict(`worker ${input.workerId} lost run ${input.runId} while its checkpoint was being stored; stop working on it`, { field: "runId" });
  return info;
}
