import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { createDb, type DbHandle } from "../client";
import { metricChunks, runs } from "../schema/index";
import { describeEachBackend } from "../testing/describe-backends";
import { seedExperiment, seedWorker } from "../testing/fixtures";
import { cancelRun } from "./cancel-run";
import { claimRun } from "./claim-run";
import { declineRun } from "./decline-run";
import { completeRun } from "./complete-run";
import { failRun } from "./fail-run";
import { getRun } from "./get-run";
import { heartbeatRun } from "./heartbeat-run";
import { insertMetricPoints } from "./insert-metric-points";
import { listRuns } from "./list-runs";
import { loadLatestCheckpoint } from "./load-latest-checkpoint";
import { releaseRun } from "./release-run";
import { requeueExpiredRuns } from "./requeue-expired-runs";
import { retryRun } from "./retry-run";
import { saveCheckpoint } from "./save-checkpoint";
import { getMetricSeries } from "./get-metric-series";

const inAMinute = () => new Date(Date.now() + 60_000);

describeEachBackend("run queue", (t, backend) => {
  it("claims FIFO: an experiment's runs in grid order before a later experiment's", async () => {
    const { db } = t();
    const first = await seedExperiment(db, { strategies: ["plain", "reverse"], seeds: 2 });
    const second = await seedExperiment(db, { strategies: ["plain"], seeds: 1 });
    const worker = await seedWorker(db);
    const claimed: string[] = [];
    for (let run = await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }); run; run = await claimRun(db, { workerId: worker.id, leaseSeconds: 30 })) {
      expect(run).toMatchObject({ status: "running", workerId: worker.id, attempt: 1 });
      expect(run.leaseExpiresAt!.getTime()).toBeGreaterThan(run.startedAt!.getTime());
      claimed.push(run.id);
    }
    expect(claimed).toEqual([...first.runs, ...second.runs].map((r) => r.id));
  });

  it("claims only runs matching the worker's capabilities", async () => {
    const { db } = t();
    const nano = await seedExperiment(db, { task: "add:2" });
    const mini = await seedExperiment(db, { task: "mul:3", model: { preset: "gpt2-mini" } });
    const worker = await seedWorker(db);
    expect(await claimRun(db, { workerId: worker.id, leaseSeconds: 30, presets: [] })).toBeNull();
    expect(await claimRun(db, { workerId: worker.id, leaseSeconds: 30, presets: ["gpt2-small"] })).toBeNull();
    expect((await claimRun(db, { workerId: worker.id, leaseSeconds: 30, presets: ["gpt2-mini"] }))?.experimentId).toBe(mini.experiment.id);
    expect((await claimRun(db, { workerId: worker.id, leaseSeconds: 30, tasks: ["add:2"] }))?.experimentId).toBe(nano.experiment.id);
    expect((await claimRun(db, { workerId: worker.id, leaseSeconds: 30, experimentId: mini.experiment.id }))?.experimentId).toBe(mini.experiment.id);
    await expect(claimRun(db, { workerId: worker.id, leaseSeconds: 0 })).rejects.toThrow(/leaseSeconds must be a positive number/);
  });

  it("never hands one run to two workers when many claim at once", async () => {
    const { db } = t();
    const { runs: queued } = await seedExperiment(db, { strategies: ["plain", "reverse", "max-mi", "min-mi"], seeds: 10 });
    // On PostgreSQL the claimers are separate pools (as separate API instances would be), 12 connections in all.
    const extra: DbHandle[] =
      backend.name === "postgres" ? await Promise.all([1, 2].map(() => createDb({ url: t().url as string, artifactDir: t().artifactDir, poolSize: 4 }))) : [];
    try {
      const dbs = [db, ...extra.map((h) => h.db)];
      const workers = await Promise.all(Array.from({ length: 12 }, (_, i) => seedWorker(db, `claimer-${i}`)));
      const claims = await Promise.all(
        workers.map(async (worker, i) => {
          const mine: string[] = [];
          const claimDb = dbs[i % dbs.length]!;
          for (let run = await claimRun(claimDb, { workerId: worker.id, leaseSeconds: 30 }); run; run = await claimRun(claimDb, { workerId: worker.id, leaseSeconds: 30 })) {
            mine.push(run.id);
          }
          return { worker: worker.id, mine };
        }),
      );
      const all = claims.flatMap((c) => c.mine);
      expect(all).toHaveLength(queued.length);
      expect(new Set(all)).toEqual(new Set(queued.map((r) => r.id)));
      const stored = await listRuns(db, { ids: all });
      const holder = new Map(claims.flatMap((c) => c.mine.map((id) => [id, c.worker] as const)));
      for (const run of stored) expect(run).toMatchObject({ status: "running", attempt: 1, workerId: holder.get(run.id) });
      if (backend.name === "postgres") expect(claims.filter((c) => c.mine.length > 0).length).toBeGreaterThan(1);
    } finally {
      await Promise.all(extra.map((h) => h.close()));
    }
  });

  it("extends the lease of a held run, keeps step and tokens monotonic and reports cancel requests", async () => {
    const { db } = t();
    await seedExperiment(db);
    const [worker, intruder] = [await seedWorker(db, "holder"), await seedWorker(db, "intruder")];
    const run = (await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))!;
    const beat = await heartbeatRun(db, { runId: run.id, workerId: worker.id, leaseSeconds: 600, step: 20, tokens: 2000, progress: 0.2 });
    expect(beat).toMatchObject({ held: true, cancelRequested: false });
    expect(beat.leaseExpiresAt!.getTime()).toBeGreaterThan(run.leaseExpiresAt!.getTime() + 500_000);
    await heartbeatRun(db, { runId: run.id, workerId: worker.id, leaseSeconds: 30, step: 10, tokens: 1000, progress: Number.NaN });
    expect(await getRun(db, run.id)).toMatchObject({ step: 20, tokens: 2000, progress: expect.closeTo(0.2, 6) });
    expect(await heartbeatRun(db, { runId: run.id, workerId: intruder.id, leaseSeconds: 30 })).toEqual({ held: false, cancelRequested: false, leaseExpiresAt: null });
    expect(await cancelRun(db, run.id)).toMatchObject({ outcome: "cancel-requested" });
    expect(await heartbeatRun(db, { runId: run.id, workerId: worker.id, leaseSeconds: 30 })).toMatchObject({ held: true, cancelRequested: true });
  });

  it("re-queues runs whose lease expired, keeping attempt, and fails them past max_attempts", async () => {
    const { db } = t();
    const { runs: queued } = await seedExperiment(db, { strategies: ["plain"], seeds: 1 }, { maxAttempts: 2 });
    const runId = queued[0]!.id;
    const worker = await seedWorker(db);
    await claimRun(db, { workerId: worker.id, leaseSeconds: 30 });
    expect(await requeueExpiredRuns(db)).toEqual({ requeued: [], failed: [], cancelled: [] });

    const first = await requeueExpiredRuns(db, { asOf: inAMinute() });
    expect(first.requeued.map((r) => [r.id, r.status, r.attempt, r.workerId, r.leaseExpiresAt])).toEqual([[runId, "queued", 1, null, null]]);
    expect(await heartbeatRun(db, { runId, workerId: worker.id, leaseSeconds: 30 })).toMatchObject({ held: false });
    expect(await completeRun(db, { runId, workerId: worker.id, finalMetrics: {} })).toBeNull();

    const second = (await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))!;
    expect([second.id, second.attempt]).toEqual([runId, 2]);
    const last = await requeueExpiredRuns(db, { asOf: inAMinute() });
    expect(last.requeued).toEqual([]);
    expect(last.failed.map((r) => [r.id, r.status, r.attempt])).toEqual([[runId, "failed", 2]]);
    expect(last.failed[0]!.error).toBe("lease expired on attempt 2 of 2: the worker stopped heart-beating");
    expect(last.failed[0]!.finishedAt).not.toBeNull();
    expect(await claimRun(db, { workerId: worker.id, leaseSeconds: 30 })).toBeNull();
  });

  it("cancels instead of re-queueing an expired run whose cancel was requested", async () => {
    const { db } = t();
    await seedExperiment(db, { strategies: ["plain"], seeds: 1 });
    const worker = await seedWorker(db);
    const run = (await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))!;
    await cancelRun(db, run.id);
    const result = await requeueExpiredRuns(db, { asOf: inAMinute() });
    expect(result.cancelled.map((r) => [r.id, r.status])).toEqual([[run.id, "cancelled"]]);
  });

  it("releases a run back to its queue position without spending an attempt", async () => {
    const { db } = t();
    const { runs: queued } = await seedExperiment(db, { strategies: ["plain"], seeds: 2 });
    const worker = await seedWorker(db);
    const run = (await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))!;
    expect(await releaseRun(db, { runId: run.id, workerId: (await seedWorker(db, "other")).id })).toBeNull();
    expect(await releaseRun(db, { runId: run.id, workerId: worker.id })).toMatchObject({ status: "queued", attempt: 0, workerId: null, leaseExpiresAt: null });
    expect((await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))?.id).toBe(queued[0]!.id);
    await cancelRun(db, run.id);
    expect(await releaseRun(db, { runId: run.id, workerId: worker.id })).toMatchObject({ status: "cancelled", attempt: 1 });
  });

  it("completes and fails only runs the worker holds", async () => {
    const { db } = t();
    await seedExperiment(db, { strategies: ["plain", "reverse", "random"], seeds: 1 });
    const [worker, other] = [await seedWorker(db, "a"), await seedWorker(db, "b")];
    const a = (await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))!;
    const b = (await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))!;
    const c = (await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))!;
    expect(await completeRun(db, { runId: a.id, workerId: other.id, finalMetrics: { accuracy: 1 } })).toBeNull();
    const done = await completeRun(db, { runId: a.id, workerId: worker.id, finalMetrics: { accuracy: 0.875, loss: null }, bestMetric: 0.9, bestStep: 80, step: 100, tokens: 70_400 });
    expect(done).toMatchObject({ status: "succeeded", progress: 1, finalMetrics: { accuracy: 0.875, loss: null }, bestMetric: 0.9, bestStep: 80, step: 100, tokens: 70_400, leaseExpiresAt: null });
    expect(done?.finishedAt).not.toBeNull();
    expect(await completeRun(db, { runId: a.id, workerId: worker.id, finalMetrics: {} })).toBeNull();

    expect(await failRun(db, { runId: b.id, workerId: worker.id, error: "loss is NaN at step 40", diverged: true })).toMatchObject({ status: "failed", diverged: true, error: "loss is NaN at step 40" });
    await cancelRun(db, c.id);
    expect(await failRun(db, { runId: c.id, workerId: worker.id, error: "stopped: cancel requested" })).toMatchObject({ status: "cancelled" });
  });

  it("cancels a queued run at once, flags a running one, leaves a finished one", async () => {
    const { db } = t();
    const { runs: queued } = await seedExperiment(db, { strategies: ["plain"], seeds: 3 });
    const worker = await seedWorker(db);
    const running = (await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))!;
    const done = (await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))!;
    await completeRun(db, { runId: done.id, workerId: worker.id, finalMetrics: {} });
    expect(await cancelRun(db, queued[2]!.id)).toMatchObject({ outcome: "cancelled", run: { status: "cancelled" } });
    expect(await cancelRun(db, running.id)).toMatchObject({ outcome: "cancel-requested", run: { status: "running", cancelRequested: true } });
    expect(await cancelRun(db, done.id)).toMatchObject({ outcome: "already-finished", run: { status: "succeeded" } });
    expect(await cancelRun(db, "00000000-0000-4000-8000-000000000000")).toEqual({ outcome: "not-found", run: null });
    expect(await claimRun(db, { workerId: worker.id, leaseSeconds: 30 })).toBeNull();
  });

  it("retries a failed run at the back of the queue, resuming or from scratch", async () => {
    const { db, artifactDir } = t();
    const { runs: queued } = await seedExperiment(db, { strategies: ["plain"], seeds: 3 });
    const worker = await seedWorker(db);
    const run = (await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))!;
    await insertMetricPoints(db, [{ runId: run.id, name: "loss", step: 10, value: 2 }]);
    await saveCheckpoint(db, { runId: run.id, step: 10, bytes: new Uint8Array(32).fill(1), workerId: worker.id }, { artifactDir, maxInlineBytes: 8 });
    await failRun(db, { runId: run.id, workerId: worker.id, error: "out of memory" });
    expect(await retryRun(db, queued[1]!.id)).toBeNull();

    const resumed = await retryRun(db, run.id);
    expect(resumed).toMatchObject({ status: "queued", attempt: 0, error: null, workerId: null, finishedAt: null });
    expect(resumed!.queuedAt.getTime()).toBeGreaterThan(queued[1]!.queuedAt.getTime());
    expect((await loadLatestCheckpoint(db, run.id, { artifactDir }))?.step).toBe(10);
    expect((await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))?.id).toBe(queued[1]!.id);

    await db.update(runs).set({ status: "cancelled" }).where(eq(runs.id, run.id));
    await expect(retryRun(db, run.id, { fromScratch: true })).rejects.toThrow(/needs artifactDir/);
    const fresh = await retryRun(db, run.id, { fromScratch: true, artifactDir });
    expect(fresh).toMatchObject({ status: "queued", step: 0, checkpointId: null, startedAt: null });
    expect(await loadLatestCheckpoint(db, run.id, { artifactDir })).toBeNull();
    expect(await getMetricSeries(db, { runIds: [run.id] })).toEqual([]);
    expect(await db.select().from(metricChunks).where(eq(metricChunks.runId, run.id))).toEqual([]);
  });

  it("hands a run a worker declined to workers of other backends only, at its place in the queue", async () => {
    const { db } = t();
    const { runs: queued } = await seedExperiment(db, { strategies: ["plain"], seeds: 2 });
    const wasm = await seedWorker(db, "wasm-1", "wasm");
    const otherWasm = await seedWorker(db, "wasm-2", "wasm");
    const gpu = await seedWorker(db, "gpu-1", "webgpu");
    const first = (await claimRun(db, { workerId: wasm.id, leaseSeconds: 30 }))!;
    expect(first.id).toBe(queued[0]!.id);
    const reason = "a model of 124,439,808 parameters does not fit the wasm backend's 4 GB heap";
    expect(await declineRun(db, { runId: first.id, workerId: gpu.id, reason })).toBeNull();
    const declined = await declineRun(db, { runId: first.id, workerId: wasm.id, reason });
    expect(declined).toMatchObject({ status: "queued", attempt: 0, workerId: null, leaseExpiresAt: null, declinedBackends: ["wasm"], declineReason: reason });
    // No wasm worker gets it again; the next one does.
    expect((await claimRun(db, { workerId: otherWasm.id, leaseSeconds: 30 }))?.id).toBe(queued[1]!.id);
    expect(await claimRun(db, { workerId: wasm.id, leaseSeconds: 30 })).toBeNull();
    const onGpu = (await claimRun(db, { workerId: gpu.id, leaseSeconds: 30 }))!;
    expect(onGpu).toMatchObject({ id: first.id, status: "running", attempt: 1, declinedBackends: ["wasm"] });
    // Declined again by a second backend: both are kept, once each.
    await declineRun(db, { runId: first.id, workerId: gpu.id, reason: "out of GPU memory" });
    const again = (await claimRun(db, { workerId: (await seedWorker(db, "gpu-2", "webgpu")).id, leaseSeconds: 30 })) ?? (await getRun(db, first.id));
    expect(again).toMatchObject({ status: "queued", declinedBackends: ["wasm", "webgpu"], declineReason: "out of GPU memory" });
  });

  it("lists runs by experiment, status, worker and ids", async () => {
    const { db } = t();
    const a = await seedExperiment(db);
    const b = await seedExperiment(db, { strategies: ["plain"], seeds: 1 });
    const worker = await seedWorker(db);
    const claimed = (await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }))!;
    expect((await listRuns(db, { experimentId: a.experiment.id })).map((r) => r.gridIndex)).toEqual([0, 1, 2, 3]);
    expect((await listRuns(db, { status: ["running"] })).map((r) => r.id)).toEqual([claimed.id]);
    expect((await listRuns(db, { workerId: worker.id })).map((r) => r.id)).toEqual([claimed.id]);
    expect((await listRuns(db, { ids: [b.runs[0]!.id, "junk"] })).map((r) => r.id)).toEqual([b.runs[0]!.id]);
    expect(await listRuns(db, { experimentId: "junk" })).toEqual([]);
    expect(await listRuns(db, { limit: 2 })).toHaveLength(2);
  });
});
