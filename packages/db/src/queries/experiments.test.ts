import { existsSync } from "node:fs";
import { join } from "node:path";
import { ExperimentSpecSchema, expandGrid } from "@orderbench/core/spec";
import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "../db";
import { checkpoints, experiments, metricPoints, runs } from "../schema/index";
import { describeEachBackend } from "../testing/describe-backends";
import { seedExperiment, seedWorker } from "../testing/fixtures";
import { cancelExperiment } from "./cancel-experiment";
import { claimRun } from "./claim-run";
import { completeRun } from "./complete-run";
import { cancelRun } from "./cancel-run";
import { deleteExperiment } from "./delete-experiment";
import { failRun } from "./fail-run";
import { getExperiment } from "./get-experiment";
import { insertExperimentWithRuns } from "./insert-experiment-with-runs";
import { insertMetricPoints } from "./insert-metric-points";
import { listExperiments } from "./list-experiments";
import { saveCheckpoint } from "./save-checkpoint";
import { tagExperiment } from "./tag-experiment";

async function rowCount(db: Db, table: typeof experiments | typeof runs | typeof metricPoints | typeof checkpoints): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

describeEachBackend("experiments", (t) => {
  it("inserts an experiment with one queued run per grid point, in grid order", async () => {
    const { experiment, runs: inserted } = await seedExperiment(t().db, { strategies: ["plain", "reverse", "max-mi"], seeds: [7, 8], tags: ["a", "a", "b"] });
    expect(experiment.task).toBe("mul:2");
    expect(experiment.tags).toEqual(["a", "b"]);
    expect(experiment.spec.strategies).toEqual(["plain", "reverse", "max-mi"]);
    expect(inserted.map((r) => [r.gridIndex, r.strategy, r.seed])).toEqual([
      [0, "plain", 7],
      [1, "reverse", 7],
      [2, "max-mi", 7],
      [3, "plain", 8],
      [4, "reverse", 8],
      [5, "max-mi", 8],
    ]);
    for (const run of inserted) {
      expect(run).toMatchObject({ experimentId: experiment.id, status: "queued", attempt: 0, maxAttempts: 3, task: "mul:2", preset: "nanogpt" });
      expect(run.spec.strategy).toBe(run.strategy);
    }
  });

  it("rolls the experiment back when one of its runs cannot be inserted", async () => {
    const spec = ExperimentSpecSchema.parse({ name: "bad", task: "add:2", strategies: ["plain"], seeds: 2 });
    const [good, bad] = expandGrid(spec, { maxRuns: 10 });
    // A NOT NULL violation in the runs INSERT, after the experiment row was written.
    const broken = { ...bad, strategy: null } as unknown as typeof good & object;
    await expect(insertExperimentWithRuns(t().db, { spec, runs: [good as never, broken] })).rejects.toThrow();
    expect(await rowCount(t().db, experiments)).toBe(0);
    expect(await rowCount(t().db, runs)).toBe(0);
  });

  it("refuses an empty grid and runs of another task", async () => {
    const spec = ExperimentSpecSchema.parse({ name: "x", task: "add:2", strategies: ["plain"], seeds: 1 });
    await expect(insertExperimentWithRuns(t().db, { spec, runs: [] })).rejects.toThrow(/at least one run/);
    const [run] = expandGrid(spec, { maxRuns: 1 });
    await expect(insertExperimentWithRuns(t().db, { spec, runs: [{ ...run!, task: "mul:2" }] })).rejects.toThrow(/runs\[0\]\.task is "mul:2"/);
  });

  it("derives the experiment status from its runs", async () => {
    const { db } = t();
    const { experiment } = await seedExperiment(db, { strategies: ["plain"], seeds: 2 });
    const worker = await seedWorker(db);
    expect(await getExperiment(db, experiment.id)).toMatchObject({ status: "queued", runCounts: { total: 2, queued: 2, running: 0 } });
    const a = await claimRun(db, { workerId: worker.id, leaseSeconds: 30 });
    expect((await getExperiment(db, experiment.id))?.status).toBe("running");
    await completeRun(db, { runId: a!.id, workerId: worker.id, finalMetrics: { accuracy: 1 } });
    expect((await getExperiment(db, experiment.id))?.status).toBe("queued");
    const b = await claimRun(db, { workerId: worker.id, leaseSeconds: 30 });
    await failRun(db, { runId: b!.id, workerId: worker.id, error: "boom" });
    expect(await getExperiment(db, experiment.id)).toMatchObject({ status: "failed", runCounts: { total: 2, succeeded: 1, failed: 1, queued: 0 } });

    const { experiment: other, runs: otherRuns } = await seedExperiment(db, { strategies: ["plain"], seeds: 1 });
    await cancelRun(db, otherRuns[0]!.id);
    expect((await getExperiment(db, other.id))?.status).toBe("cancelled");
  });

  it("returns null for unknown and malformed ids", async () => {
    expect(await getExperiment(t().db, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getExperiment(t().db, "not-a-uuid")).toBeNull();
  });

  it("pages newest first by (created_at, id) without skipping or repeating rows", async () => {
    const { db } = t();
    // Five in one transaction share created_at, so the id must break ties; two more later.
    await db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await seedExperiment(tx, { name: `same-instant ${i}` });
    });
    const later = [await seedExperiment(db, { name: "later 1" }), await seedExperiment(db, { name: "later 2" })];
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await listExperiments(db, { first: 2, after });
      seen.push(...page.items.map((e) => e.id));
      after = page.nextCursor;
      pages++;
      if (pages === 2) await seedExperiment(db, { name: "inserted while paging" });
    } while (after !== null);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(0, 2)).toEqual([later[1]!.experiment.id, later[0]!.experiment.id]);
  });

  it("filters by task, tag, status, owner and a literal name search", async () => {
    const { db } = t();
    const a = await seedExperiment(db, { name: "Addition 100% sweep", task: "add:3", tags: ["sweep"] }, { owner: "alice" });
    const b = await seedExperiment(db, { name: "multiplication_baseline", tags: ["baseline", "sweep"] }, { owner: "bob" });
    await cancelExperiment(db, b.experiment.id);
    const ids = async (input: Parameters<typeof listExperiments>[1]) => (await listExperiments(db, input)).items.map((e) => e.id);
    expect(await ids({ task: "add:3" })).toEqual([a.experiment.id]);
    expect(await ids({ tag: "baseline" })).toEqual([b.experiment.id]);
    expect(await ids({ tag: "sweep" })).toEqual([b.experiment.id, a.experiment.id]);
    expect(await ids({ status: "cancelled" })).toEqual([b.experiment.id]);
    expect(await ids({ status: "queued" })).toEqual([a.experiment.id]);
    expect(await ids({ owner: "alice" })).toEqual([a.experiment.id]);
    expect(await ids({ search: "ADDITION" })).toEqual([a.experiment.id]);
    expect(await ids({ search: "100%" })).toEqual([a.experiment.id]);
    expect(await ids({ search: "n_b" })).toEqual([b.experiment.id]);
    expect(await ids({ search: "1_0" })).toEqual([]);
  });

  it("rejects bad page sizes and cursors, naming the field", async () => {
    await expect(listExperiments(t().db, { first: 0 })).rejects.toThrow(/first must be an integer from 1 to 100/);
    await expect(listExperiments(t().db, { after: "garbage" })).rejects.toThrow(/after is not a cursor/);
  });

  it("adds and removes tags without duplicates", async () => {
    const { experiment } = await seedExperiment(t().db, { tags: ["a", "b"] });
    expect((await tagExperiment(t().db, experiment.id, { add: ["c", "a", " d "] }))?.tags).toEqual(["a", "b", "c", "d"]);
    expect((await tagExperiment(t().db, experiment.id, { remove: ["b", "zzz"] }))?.tags).toEqual(["a", "c", "d"]);
    expect(await tagExperiment(t().db, "00000000-0000-4000-8000-000000000000", { add: ["x"] })).toBeNull();
    await expect(tagExperiment(t().db, experiment.id, { add: ["  "] })).rejects.toThrow(/add\[0\] must not be empty/);
  });

  it("cancels queued runs at once and flags running ones", async () => {
    const { db } = t();
    const { experiment } = await seedExperiment(db);
    const worker = await seedWorker(db);
    const running = await claimRun(db, { workerId: worker.id, leaseSeconds: 30 });
    const result = await cancelExperiment(db, experiment.id);
    expect(result?.cancelled).toHaveLength(3);
    expect(result?.cancelled.every((r) => r.status === "cancelled" && r.finishedAt !== null)).toBe(true);
    expect(result?.cancelRequested.map((r) => [r.id, r.status, r.cancelRequested])).toEqual([[running!.id, "running", true]]);
    expect(await cancelExperiment(db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("deletes an experiment with its runs, points, checkpoints and checkpoint files", async () => {
    const { db, artifactDir } = t();
    const { experiment, runs: inserted } = await seedExperiment(db);
    const keep = await seedExperiment(db, { name: "kept" });
    const runId = inserted[0]!.id;
    await insertMetricPoints(db, [{ runId, name: "loss", step: 1, value: 1 }]);
    const big = await saveCheckpoint(db, { runId, step: 10, bytes: new Uint8Array(64) }, { artifactDir, maxInlineBytes: 16 });
    await saveCheckpoint(db, { runId: inserted[1]!.id, step: 10, bytes: new Uint8Array(8) }, { artifactDir, maxInlineBytes: 16 });
    expect(existsSync(join(artifactDir, big!.path!))).toBe(true);

    expect(await deleteExperiment(db, experiment.id, { artifactDir })).toEqual({ deleted: true, runs: 4, removedFiles: 1 });
    expect(existsSync(join(artifactDir, big!.path!))).toBe(false);
    expect(await getExperiment(db, experiment.id)).toBeNull();
    expect(await rowCount(db, runs)).toBe(keep.runs.length);
    expect(await rowCount(db, metricPoints)).toBe(0);
    expect(await rowCount(db, checkpoints)).toBe(0);
    expect(await db.select().from(experiments).where(eq(experiments.id, keep.experiment.id))).toHaveLength(1);
    expect(await deleteExperiment(db, experiment.id, { artifactDir })).toEqual({ deleted: false, runs: 0, removedFiles: 0 });
  });
});
