import { describe, expect, it } from "vitest";
import { metricDirection, planRun, taskMetric } from "./plan";
import { parseTaskName } from "./tasks";
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

  it("judges arithmetic by exact match, higher is better, decoded greedily", () => {
    const p = planRun(spec({}));
    expect(p.ref).toEqual({ kind: "arithmetic", name: "mul:2", op: "mul", digits: 2 });
    expect(p.metric).toEqual({ name: "exact_match", direction: "max", label: "exact match", percent: true });
    expect(p.evaluation).toEqual({ kind: "decode" });
    expect(p.orderable).toBe(true);
  });

  it("refuses text tasks, which read a data directory, naming the planner that does", () => {
    expect(() => planRun(RunSpecSchema.parse({ task: "wikitext-2" }))).toThrow(
      "wikitext-2 is a text task: planRun builds arithmetic tasks only; plan it with planAnyRun from @orderbench/data, which reads the data directory",
    );
  });
});

describe("metricDirection", () => {
  it("makes losses and perplexities lower-is-better and everything else higher-is-better", () => {
    expect(["loss", "eval/loss", "scored_token_loss", "perplexity", "eval/perplexity"].map(metricDirection)).toEqual(["min", "min", "min", "min", "min"]);
    expect(["exact_match", "eval/exact_match", "score", "accuracy", "microF1", "loss_scale_ok"].map(metricDirection)).toEqual(["max", "max", "max", "max", "max", "max"]);
  });

  it("agrees with every task family's primary metric", () => {
    for (const task of ["mul:2", "glue/RTE", "glue/STS-B", "toxic", "goemotions", "wikitext-2"]) {
      const m = taskMetric(parseTaskName(task));
      expect(metricDirection(m.name), task).toBe(m.direction);
    }
  });
});
