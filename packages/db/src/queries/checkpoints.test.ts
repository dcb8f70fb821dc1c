import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { checkpoints } from "../schema/index";
import { describeEachBackend } from "../testing/describe-backends";
import { seedExperiment, seedWorker } from "../testing/fixtures";
import { claimRun } from "./claim-run";
import { getRun } from "./get-run";
import { loadLatestCheckpoint } from "./load-latest-checkpoint";
import { saveCheckpoint } from "./save-checkpoint";

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 256);

describeEachBackend("checkpoints", (t) => {
  async function runAndWorker() {
    const { runs } = await seedExperiment(t().db, { strategies: ["plain"], seeds: 1 });
    const worker = await seedWorker(t().db);
    await claimRun(t().db, { workerId: worker.id, leaseSeconds: 30 });
    return { runId: runs[0]!.id, workerId: worker.id };
  }

  it("keeps a checkpoint up to the size limit in the database and reads it back", async () => {
    const { db, artifactDir } = t();
    const { runId, workerId } = await runAndWorker();
    const data = bytes(1024, 1);
    const info = await saveCheckpoint(db, { runId, step: 100, bytes: data, workerId }, { artifactDir, maxInlineBytes: 1024 });
    expect(info).toMatchObject({ runId, step: 100, sizeBytes: 1024, path: null });
    const [row] = await db.select().from(checkpoints).where(eq(checkpoints.id, info!.id));
    expect(row?.bytes).toEqual(data);
    expect(await readdir(artifactDir)).toEqual([]);
    const loaded = await loadLatestCheckpoint(db, runId, { artifactDir });
    expect(loaded?.bytes).toEqual(data);
    expect(loaded?.bytes).toBeInstanceOf(Uint8Array);
    expect((await getRun(db, runId))?.checkpointId).toBe(info!.id);
  });

  it("writes a checkpoint over the limit to a file under the artifact directory", async () => {
    const { db, artifactDir } = t();
    const { runId, workerId } = await runAndWorker();
    const data = bytes(1025, 2);
    const info = await saveCheckpoint(db, { runId, step: 200, bytes: data, workerId }, { artifactDir, maxInlineBytes: 1024 });
    expect(info?.path).toBe(join("checkpoints", runId, `${info!.id}.ckpt`));
    expect(existsSync(join(artifactDir, info!.path!))).toBe(true);
    const [row] = await db.select().from(checkpoints).where(eq(checkpoints.id, info!.id));
    expect(row?.bytes).toBeNull();
    expect((await loadLatestCheckpoint(db, runId, { artifactDir }))?.bytes).toEqual(data);
  });

  it("returns the newest checkpoint and prunes all but the newest `keep`, files included", async () => {
    const { db, artifactDir } = t();
    const { runId, workerId } = await runAndWorker();
    const storage = { artifactDir, maxInlineBytes: 100, keep: 2 };
    const first = await saveCheckpoint(db, { runId, step: 100, bytes: bytes(500, 1), workerId }, storage);
    await saveCheckpoint(db, { runId, step: 200, bytes: bytes(50, 2), workerId }, storage);
    await saveCheckpoint(db, { runId, step: 300, bytes: bytes(500, 3), workerId }, storage);
    const kept = await db.select({ step: checkpoints.step }).from(checkpoints).where(eq(checkpoints.runId, runId));
    expect(kept.map((c) => c.step).sort()).toEqual([200, 300]);
    expect(existsSync(join(artifactDir, first!.path!))).toBe(false);
    const latest = await loadLatestCheckpoint(db, runId, { artifactDir });
    expect([latest?.step, latest?.bytes]).toEqual([300, bytes(500, 3)]);
  });

  it("refuses a checkpoint from a worker that does not hold the run, leaving no file", async () => {
    const { db, artifactDir } = t();
    const { runId } = await runAndWorker();
    const stranger = await seedWorker(db, "stranger");
    expect(await saveCheckpoint(db, { runId, step: 1, bytes: bytes(2048, 1), workerId: stranger.id }, { artifactDir, maxInlineBytes: 16 })).toBeNull();
    expect(await loadLatestCheckpoint(db, runId, { artifactDir })).toBeNull();
    expect(await readdir(join(artifactDir, "checkpoints", runId))).toEqual([]);
  });

  it("detects a corrupt checkpoint file instead of resuming from it", async () => {
    const { db, artifactDir } = t();
    const { runId, workerId } = await runAndWorker();
    const info = await saveCheckpoint(db, { runId, step: 1, bytes: bytes(2048, 1), workerId }, { artifactDir, maxInlineBytes: 16 });
    await writeFile(join(artifactDir, info!.path!), bytes(1000, 1));
    await expect(loadLatestCheckpoint(db, runId, { artifactDir })).rejects.toThrow(/is corrupt: sha256/);
  });

  it("rejects a bad step and returns null for unknown runs", async () => {
    const { db, artifactDir } = t();
    const { runId } = await runAndWorker();
    await expect(saveCheckpoint(db, { runId, step: -1, bytes: bytes(1, 1) }, { artifactDir, maxInlineBytes: 16 })).rejects.toThrow(/step must be a non-negative integer/);
    expect(await saveCheckpoint(db, { runId: "00000000-0000-4000-8000-000000000000", step: 1, bytes: bytes(1, 1) }, { artifactDir, maxInlineBytes: 16 })).toBeNull();
    expect(await loadLatestCheckpoint(db, "00000000-0000-4000-8000-000000000000", { artifactDir })).toBeNull();
  });
});
