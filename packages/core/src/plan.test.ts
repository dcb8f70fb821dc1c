import { describe, expect, it } from "vitest";
import { planRun } from "./plan";
import { RunSpecSchema } from "./spec";

describe("planRun", () => {
  const spec = (over: Record<string, unknown>) =>
    RunSpecSchema.parse({ task: "mul:2", data: { trainSize: 3000, testSize: 200 }, budget: { tokens: 64 * 9 * 10 }, ...over });

  it("builds the task, the budget in steps and the paper's parameter count", () => {
    const p = planRun(spec({}));
    expect(p.task.name).toBe("mul:2");
    expect(p.task.train).toHaveLength(3000);
    expect(p.blockSize).toBe(9);
    expect(p.steps).toBe(10);
    expect(p.permutation).toEqual([0, 1, 2, 3]);
    expect(p.miTable).toBeUndefined();
  });

  it("orders mul:2 by MI on the training split: the units digit first for max-mi, last for min-mi", () => {
    const max = planRun(spec({ strategy: "max-mi" }));
    expect(max.permutation[0]).toBe(3);
    expect(max.miTable?.positions).toHaveLength(4);
    expect(planRun(spec({ strategy: "min-mi" })).permutation.at(-1)).toBe(3);
  });

  it("gives every run seed of a strategy the same order", () => {
    const a = planRun(spec({ strategy: "random", seed: 1 })).permutation;
    expect(planRun(spec({ strategy: "random", seed: 2 })).permutation).toEqual(a);
  });
});
