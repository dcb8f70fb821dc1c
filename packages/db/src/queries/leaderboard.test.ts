import { expect, it } from "vitest";
import { describeEachBackend } from "../testing/describe-backends";
import { seedExperiment, seedWorker } from "../testing/fixtures";
import { claimRun } from "./claim-run";
import { completeRun } from "./complete-run";
import { failRun } from "./fail-run";
import { listLeaderboardRows } from "./list-leaderboard-rows";

describeEachBackend("leaderboard rows", (t) => {
  it("returns each succeeded run's final metric by strategy and seed, per task and preset", async () => {
    const { db } = t();
    const nano = await seedExperiment(db, { strategies: ["plain", "max-mi"], seeds: 2, optimizer: { lr: 0.002 } });
    await seedExperiment(db, { strategies: ["plain"], seeds: 1, model: { preset: "gpt2-mini" } });
    const worker = await seedWorker(db);
    const accuracy: Record<string, number> = {};
    for (let run = await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }); run; run = await claimRun(db, { workerId: worker.id, leaseSeconds: 30 })) {
      if (run.strategy === "max-mi" && run.seed === 1) {
        await failRun(db, { runId: run.id, workerId: worker.id, error: "diverged", diverged: true });
        continue;
      }
      const value = run.preset === "gpt2-mini" ? 0.5 : run.strategy === "plain" ? 0.8 + run.seed / 100 : 0.9 + run.seed / 100;
      accuracy[run.id] = value;
      await completeRun(db, { runId: run.id, workerId: worker.id, finalMetrics: run.seed === 0 ? { accuracy: value, loss: 0.1 } : { loss: 0.2 }, bestMetric: value, bestStep: 90, step: 100 });
    }
    const rows = await listLeaderboardRows(db, { task: "mul:2", preset: "nanogpt", metric: "accuracy" });
    expect(rows.map((r) => [r.strategy, r.seed, r.finalMetric])).toEqual([
      ["max-mi", 0, 0.9],
      ["plain", 0, 0.8],
      ["plain", 1, null],
    ]);
    expect(rows[0]).toMatchObject({ experimentId: nano.experiment.id, preset: "nanogpt", lr: 0.002, batchSize: 64, estimator: "plugin-joint-k", bestMetric: 0.9, bestStep: 90, step: 100 });
    expect((await listLeaderboardRows(db, { task: "mul:2", metric: "accuracy" })).map((r) => r.preset)).toEqual(["gpt2-mini", "nanogpt", "nanogpt", "nanogpt"]);
    expect(await listLeaderboardRows(db, { task: "add:2", metric: "accuracy" })).toEqual([]);
    expect((await listLeaderboardRows(db, { task: "mul:2", metric: "loss", experimentId: nano.experiment.id })).map((r) => r.finalMetric)).toEqual([0.1, 0.1, 0.2]);
  });
});
