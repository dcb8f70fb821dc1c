import { describe, expect, it } from "vitest";
import { experimentExport, fileSlug } from "./export";

const run = (id: string, gridIndex: number, over: Record<string, unknown> = {}) => ({
  id,
  gridIndex,
  strategy: "plain",
  seed: gridIndex,
  status: "succeeded",
  step: 100,
  attempt: 1,
  diverged: false,
  spec: { seed: gridIndex },
  ...over,
});

describe("experimentExport", () => {
  it("puts each run's curves under it by name, runs in grid order", () => {
    const doc = experimentExport(
      { id: "e", name: "n", task: "add:1", status: "succeeded", tags: ["a"], createdAt: "2026-01-01T00:00:00.000Z", spec: { name: "n" } },
      [run("r2", 1, { error: "boom", status: "failed" }), run("r1", 0, { finalMetrics: { exact_match: 1 } })],
      [
        { runId: "r1", name: "loss", total: 3, points: [{ step: 1, value: 2 }, { step: 3, value: null }] },
        { runId: "r1", name: "eval/exact_match", total: 1, points: [{ step: 3, value: 1 }] },
      ],
      { maxPoints: 1000, exportedAt: "2026-01-02T00:00:00.000Z" },
    );
    expect(doc.format).toBe("orderbench.experiment/1");
    expect(doc.experiment).toMatchObject({ id: "e", owner: null, notes: null, spec: { name: "n" } });
    expect(doc.runs.map((r) => r.id)).toEqual(["r1", "r2"]);
    expect(doc.runs[0]?.curves).toEqual({ loss: { total: 3, steps: [1, 3], values: [2, null] }, "eval/exact_match": { total: 1, steps: [3], values: [1] } });
    expect(doc.runs[0]?.finalMetrics).toEqual({ exact_match: 1 });
    expect(doc.runs[1]).toMatchObject({ error: "boom", status: "failed", curves: {} });
    // Survives a JSON round trip unchanged (nulls, not NaN).
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});

describe("fileSlug", () => {
  it("keeps letters, digits, dots and dashes", () => {
    expect(fileSlug(" e2e: add:1 plain vs Reverse ")).toBe("e2e-add-1-plain-vs-reverse");
    expect(fileSlug("???")).toBe("export");
  });
});
