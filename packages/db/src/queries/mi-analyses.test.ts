import type { MiTable } from "@orderbench/core/mi";
import { expect, it } from "vitest";
import { describeEachBackend } from "../testing/describe-backends";
import { getMiAnalysis } from "./get-mi-analysis";
import { upsertMiAnalysis } from "./upsert-mi-analysis";

const table = (score: number): MiTable => ({
  estimator: "plugin-joint-k",
  n: 5000,
  sourceLength: 5,
  targetLength: 4,
  unit: "nats",
  positions: [0, 1, 2, 3].map((position) => ({ position, entropy: 2.3, score: score * (position + 1), sources: [1, 4] })),
  scores: [0, 1, 2, 3].map((p) => score * (p + 1)),
});

describeEachBackend("mi analyses", (t) => {
  it("stores one table per (task, estimator, k, dataSeed) and replaces it on upsert", async () => {
    const key = { task: "mul:2", estimator: "plugin-joint-k", k: 2, dataSeed: 0 };
    const first = await upsertMiAnalysis(t().db, { ...key, table: table(0.1) });
    const second = await upsertMiAnalysis(t().db, { ...key, table: table(0.2) });
    expect(second.id).toBe(first.id);
    expect((await getMiAnalysis(t().db, key))?.table).toEqual(table(0.2));
  });

  it("finds by full key, or the newest match when k or dataSeed is omitted", async () => {
    await upsertMiAnalysis(t().db, { task: "mul:2", estimator: "plugin-joint-k", k: 2, dataSeed: 0, table: table(1) });
    await upsertMiAnalysis(t().db, { task: "mul:2", estimator: "plugin-joint-k", k: 3, dataSeed: 0, table: table(2) });
    await upsertMiAnalysis(t().db, { task: "mul:2", estimator: "probe", k: 2, dataSeed: 0, table: table(3) });
    expect((await getMiAnalysis(t().db, { task: "mul:2", estimator: "plugin-joint-k", k: 2, dataSeed: 0 }))?.table.scores[0]).toBe(1);
    expect((await getMiAnalysis(t().db, { task: "mul:2", estimator: "plugin-joint-k" }))?.k).toBe(3);
    expect(await getMiAnalysis(t().db, { task: "add:2", estimator: "probe" })).toBeNull();
  });
});
