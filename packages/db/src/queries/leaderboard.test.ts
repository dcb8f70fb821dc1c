import { expect, it } from "vitest";
import { describeEachBackend } from "../testing/describe-backends";
import { seedExperiment, seedWorker } from "../testing/fixtures";
import { claimRun } from "./claim-run";
import { completeRun } from "./complete-run";
import { deleteExperiment } from "./delete-experiment";
import { failRun } from "./fail-run";
import { getLeaderboardVersion } from "./get-leaderboard-version";
import { insertMetricPoints } from "./insert-metric-points";
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

  it("computes each run's first step at or above (or at or below) each threshold and its best value from its curve, over finite values only", async () => {
    const { db } = t();
    await seedExperiment(db, { strategies: ["plain", "max-mi", "reverse"], seeds: 1 });
    const worker = await seedWorker(db);
    const ids: Record<string, string> = {};
    for (let run = await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }); run; run = await claimRun(db, { workerId: worker.id, leaseSeconds: 30 })) {
      ids[run.strategy] = run.id;
      const curve: [number, number][] =
        run.strategy === "plain"
          ? [[30, 0.95], [10, 0.2], [20, 0.6], [40, 0.7]]
          : run.strategy === "max-mi"
            ? [[10, Number.NaN], [20, Number.POSITIVE_INFINITY], [30, 0.55], [40, Number.NEGATIVE_INFINITY]]
            : [];
      await insertMetricPoints(db, curve.map(([step, value]) => ({ runId: run.id, name: "eval/accuracy", step, value })));
      // Another series of the run with higher values must not count.
      await insertMetricPoints(db, [{ runId: run.id, name: "eval/loss", step: 5, value: 9 }]);
      await completeRun(db, { runId: run.id, workerId: worker.id, finalMetrics: { accuracy: 0.5 }, bestMetric: 0.5, bestStep: 40, step: 40 });
    }
    const rows = await listLeaderboardRows(db, { task: "mul:2", preset: "nanogpt", metric: "accuracy", convergence: { curve: "eval/accuracy", thresholds: [0.5, 0.9, 0.1] } });
    expect(Object.fromEntries(rows.map((r) => [r.strategy, r.thresholdSteps]))).toEqual({
      plain: [20, 30, 10],
      "max-mi": [30, null, 30],
      reverse: [null, null, null],
    });
    expect(Object.fromEntries(rows.map((r) => [r.strategy, r.curveBest]))).toEqual({ plain: 0.95, "max-mi": 0.55, reverse: null });
    // Lower-is-better: reached when the series falls to the threshold or below; the best is the lowest value.
    const falling = await listLeaderboardRows(db, { task: "mul:2", metric: "accuracy", convergence: { curve: "eval/accuracy", thresholds: [0.6, 0.1], direction: "min" } });
    expect(Object.fromEntries(falling.map((r) => [r.strategy, [r.curveBest, r.thresholdSteps]]))).toEqual({
      plain: [0.2, [10, null]],
      "max-mi": [0.55, [30, null]],
      reverse: [null, [null, null]],
    });
    const none = await listLeaderboardRows(db, { task: "mul:2", metric: "accuracy", convergence: { curve: "eval/accuracy", thresholds: [] } });
    expect(none.map((r) => r.thresholdSteps)).toEqual([[], [], []]);
    expect((await listLeaderboardRows(db, { task: "mul:2", metric: "accuracy" }))[0]).not.toHaveProperty("thresholdSteps");
  });

  it("fingerprints the succeeded runs: unchanged until a run finishes or is deleted", async () => {
    const { db } = t();
    const first = await seedExperiment(db, { strategies: ["plain"], seeds: 2 });
    const second = await seedExperiment(db, { strategies: ["plain"], seeds: 1 });
    const worker = await seedWorker(db);
    const version = () => getLeaderboardVersion(db, { task: "mul:2", preset: "nanogpt" });
    const empty = await version();
    expect(await getLeaderboardVersion(db, { task: "mul:2", preset: "nanogpt", experimentId: first.experiment.id })).toBe(empty);
    const seen = new Set([empty]);
    for (let run = await claimRun(db, { workerId: worker.id, leaseSeconds: 30 }); run; run = await claimRun(db, { workerId: worker.id, leaseSeconds: 30 })) {
      const before = await version();
      await insertMetricPoints(db, [{ runId: run.id, name: "loss", step: 1, value: 1 }]);
      expect(await version()).toBe(before);
      await completeRun(db, { runId: run.id, workerId: worker.id, finalMetrics: { accuracy: 0.5 }, step: 1 });
      const after = await version();
      expect(seen.has(after)).toBe(false);
      seen.add(after);
      expect(await version()).toBe(after);
    }
    const all = await version();
    const onlyFirst = await getLeaderboardVersion(db, { task: "mul:2", preset: "nanogpt", experimentId: first.experiment.id });
    expect(onlyFirst).not.toBe(all);
    expect(await getLeaderboardVersion(db, { task: "mul:2", preset: "gpt2-mini" })).toBe(empty);
    await deleteExperiment(db, second.experiment.id, { artifactDir: t().artifactDir });
    expect(await version()).toBe(onlyFirst);
  });
});
