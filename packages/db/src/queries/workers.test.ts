import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { workers } from "../schema/index";
import { describeEachBackend } from "../testing/describe-backends";
import { seedExperiment } from "../testing/fixtures";
import { claimRun } from "./claim-run";
import { listWorkers } from "./list-workers";
import { touchWorker } from "./touch-worker";
import { upsertWorker } from "./upsert-worker";

describeEachBackend("workers", (t) => {
  const gpu = { name: "gpu-1", backend: "webgpu", device: "NVIDIA H100 80GB HBM3 (Vulkan)", cores: 16, gpus: 1, version: "0.1.0" };

  it("registers a worker and updates it when it registers again with its id", async () => {
    const created = await upsertWorker(t().db, gpu);
    expect(created).toMatchObject(gpu);
    const again = await upsertWorker(t().db, { ...gpu, id: created.id, version: "0.2.0" });
    expect(again).toMatchObject({ id: created.id, version: "0.2.0" });
    expect(await t().db.select().from(workers)).toHaveLength(1);
    await expect(upsertWorker(t().db, { ...gpu, id: "w-1" })).rejects.toThrow(/id must be a worker id/);
  });

  it("records heartbeats and lists workers with the runs they hold", async () => {
    const { db } = t();
    const busy = await upsertWorker(db, gpu);
    const idle = await upsertWorker(db, { ...gpu, name: "cpu-1", backend: "cpu", gpus: 0 });
    await seedExperiment(db);
    const a = await claimRun(db, { workerId: busy.id, leaseSeconds: 30 });
    const b = await claimRun(db, { workerId: busy.id, leaseSeconds: 30 });
    await db.update(workers).set({ lastHeartbeat: sql`now() - interval '1 hour'` }).where(eq(workers.id, idle.id));
    expect(await touchWorker(db, busy.id)).toBe(true);
    expect(await touchWorker(db, "00000000-0000-4000-8000-000000000000")).toBe(false);
    const all = await listWorkers(db);
    expect(all.map((w) => [w.name, w.runIds])).toEqual([
      ["gpu-1", [a!.id, b!.id]],
      ["cpu-1", []],
    ]);
    expect((await listWorkers(db, { seenWithinSeconds: 600 })).map((w) => w.name)).toEqual(["gpu-1"]);
  });
});
