import { describe, expect, it } from "vitest";
import {
  ESTIMATOR_NAMES,
  ExperimentSpecSchema,
  GridTooLargeError,
  RunSpecSchema,
  expandGrid,
  formatSpecError,
  gridSize,
  resolveModelShape,
  stepsForBudget,
  tokensPerStep,
  type ExperimentSpecInput,
  type RunSpecInput,
  type SpecError,
} from "./spec";
import { STRATEGIES } from "./ordering";

function runErrors(input: unknown): SpecError[] {
  const r = RunSpecSchema.safeParse(input);
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return formatSpecError(r.error);
}

function experimentErrors(input: unknown): SpecError[] {
  const r = ExperimentSpecSchema.safeParse(input);
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return formatSpecError(r.error);
}

const experiment: ExperimentSpecInput = { name: "mul2 orders", task: "mul:2", strategies: ["plain", "max-mi"], seeds: 3 };

describe("RunSpecSchema", () => {
  it("fills every default from a task alone", () => {
    expect(RunSpecSchema.parse({ task: "mul:2" })).toEqual({
      task: "mul:2",
      data: { trainSize: 8000, testSize: 1000, dataSeed: 0 },
      model: { preset: "nanogpt", dropout: 0 },
      estimator: "plugin-joint-k",
      miK: 2,
      budget: { steps: 2000 },
      batchSize: 64,
      optimizer: { lr: 1e-3, weightDecay: 0.1, beta1: 0.9, beta2: 0.99, gradClip: 1 },
      schedule: { warmupSteps: 100, minLrRatio: 0.1 },
      evalInterval: 100,
      evalSize: 500,
      checkpointInterval: 500,
      strategy: "plain",
      seed: 0,
    });
  });

  it("keeps partial nested objects' defaults", () => {
    const spec = RunSpecSchema.parse({ task: " add:3 ", data: { trainSize: 100 }, optimizer: { lr: 0.01 }, model: { preset: "gpt2-mini", nLayer: 2 } });
    expect(spec.task).toBe("add:3");
    expect(spec.data).toEqual({ trainSize: 100, testSize: 1000, dataSeed: 0 });
    expect(spec.optimizer.weightDecay).toBe(0.1);
    expect(resolveModelShape(spec.model)).toEqual({ nLayer: 2, nHead: 6, nEmbd: 192 });
  });

  it("accepts a token budget", () => {
    expect(RunSpecSchema.parse({ task: "add:1", budget: { tokens: 1_000_000 } }).budget).toEqual({ tokens: 1_000_000 });
  });

  it("re-parses its own output unchanged", () => {
    const input: RunSpecInput = { task: "sub:4", strategy: "greedy-mi", budget: { tokens: 5000 }, model: { nHead: 4, nEmbd: 64 } };
    const once = RunSpecSchema.parse(input);
    expect(RunSpecSchema.parse(once)).toEqual(once);
  });

  it("lists the estimators of the MI module", () => {
    expect(ESTIMATOR_NAMES).toEqual(["plugin-pairwise", "plugin-joint-k", "probe"]);
  });
});

describe("formatSpecError", () => {
  it("passes parseTaskName's message for an unknown task", () => {
    const [e, ...rest] = runErrors({ task: "div:2" });
    expect(rest).toEqual([]);
    expect(e?.field).toBe("task");
    expect(e?.message).toBe(
      'unknown task "div:2"; arithmetic tasks are add:N, sub:N, mul:N with N from 1 to 5; ' +
        "text tasks are glue/<TASK> with TASK one of CoLA, SST-2, MRPC, STS-B, QQP, MNLI, QNLI, RTE, WNLI, toxic, goemotions, wikitext-2",
    );
  });

  it("names the digit range of a task", () => {
    expect(runErrors({ task: "mul:6" })).toEqual([{ field: "task", message: expect.stringMatching(/digits 6 out of range.*N from 1 to 5/) }]);
  });

  it("says a missing required field is required", () => {
    expect(runErrors({})).toEqual([{ field: "task", message: "task is required" }]);
    const fields = experimentErrors({ task: "add:1" });
    expect(fields).toContainEqual({ field: "name", message: "name is required" });
    expect(fields).toContainEqual({ field: "strategies", message: "strategies is required" });
    expect(fields).toContainEqual({ field: "seeds", message: "seeds is required" });
  });

  it("names the field and the limit of numbers out of range", () => {
    expect(runErrors({ task: "add:1", batchSize: 5000 })).toEqual([{ field: "batchSize", message: "batchSize must be at most 4096" }]);
    expect(runErrors({ task: "add:1", data: { trainSize: 0 } })).toEqual([{ field: "data.trainSize", message: "data.trainSize must be at least 1" }]);
    expect(runErrors({ task: "add:1", optimizer: { lr: 0 } })).toEqual([{ field: "optimizer.lr", message: "optimizer.lr must be greater than 0" }]);
    expect(runErrors({ task: "add:1", optimizer: { beta2: 1 } })).toEqual([{ field: "optimizer.beta2", message: "optimizer.beta2 must be less than 1" }]);
    expect(runErrors({ task: "add:1", model: { dropout: 0.95 } })).toEqual([{ field: "model.dropout", message: "model.dropout must be at most 0.9" }]);
    expect(runErrors({ task: "add:1", miK: 5 })).toEqual([{ field: "miK", message: "miK must be at most 4" }]);
    expect(runErrors({ task: "add:1", seed: 2 ** 32 })).toEqual([{ field: "seed", message: "seed must be at most 4294967295" }]);
  });

  it("rejects non-integers and wrong types", () => {
    expect(runErrors({ task: "add:1", evalInterval: 2.5 })).toEqual([{ field: "evalInterval", message: "evalInterval must be an integer" }]);
    expect(runErrors({ task: "add:1", batchSize: "64" })).toEqual([{ field: "batchSize", message: "batchSize must be a finite number" }]);
    expect(runErrors({ task: 12 })).toEqual([{ field: "task", message: "task must be a string" }]);
    expect(experimentErrors({ ...experiment, strategies: "plain" })).toEqual([{ field: "strategies", message: "strategies must be a list" }]);
    expect(runErrors({ task: "add:1", optimizer: { lr: Number.POSITIVE_INFINITY } })).toEqual([
      { field: "optimizer.lr", message: "optimizer.lr must be a finite number" },
    ]);
    expect(runErrors({ task: "add:1", model: null })).toEqual([{ field: "model", message: "model must be an object" }]);
  });

  it("rejects negative and double budgets", () => {
    expect(runErrors({ task: "add:1", budget: { steps: -5 } })).toEqual([{ field: "budget.steps", message: "budget.steps must be at least 1" }]);
    expect(runErrors({ task: "add:1", budget: { steps: 20_000_000 } })).toEqual([
      { field: "budget.steps", message: "budget.steps must be at most 10000000" },
    ]);
    expect(runErrors({ task: "add:1", budget: { tokens: -1 } })).toEqual([{ field: "budget.tokens", message: "budget.tokens must be at least 1" }]);
    expect(runErrors({ task: "add:1", budget: { steps: 10, tokens: 1000 } })).toEqual([
      { field: "budget", message: "budget must set exactly one of budget.steps or budget.tokens, not both" },
    ]);
    expect(runErrors({ task: "add:1", budget: {} })).toEqual([{ field: "budget", message: "budget must set one of budget.steps or budget.tokens" }]);
  });

  it("lists the valid strategies, presets and estimators", () => {
    expect(runErrors({ task: "add:1", strategy: "best" })).toEqual([{ field: "strategy", message: `strategy must be one of ${STRATEGIES.join(", ")}` }]);
    expect(runErrors({ task: "add:1", model: { preset: "gpt4" } })).toEqual([
      { field: "model.preset", message: "model.preset must be one of nanogpt, gpt2-mini, gpt2-small" },
    ]);
    expect(runErrors({ task: "add:1", estimator: "ksg" })).toEqual([
      { field: "estimator", message: "estimator must be one of plugin-pairwise, plugin-joint-k, probe" },
    ]);
  });

  it("checks nEmbd against nHead, naming both", () => {
    expect(runErrors({ task: "add:1", model: { nHead: 4, nEmbd: 50 } })).toEqual([
      { field: "model.nEmbd", message: "model.nEmbd (50) must be divisible by model.nHead (4)" },
    ]);
    // nanogpt has nEmbd 48: the message says where the value not given came from
    expect(runErrors({ task: "add:1", model: { nHead: 5 } })).toEqual([
      { field: "model.nHead", message: "model.nEmbd (48, from preset nanogpt) must be divisible by model.nHead (5)" },
    ]);
    expect(RunSpecSchema.safeParse({ task: "add:1", model: { nHead: 4 } }).success).toBe(true);
  });

  it("reports each unknown field by its path", () => {
    expect(runErrors({ task: "add:1", stratgy: "reverse", optimizer: { momentum: 0.9 } })).toEqual([
      { field: "optimizer.momentum", message: "optimizer.momentum is not a known field" },
      { field: "stratgy", message: "stratgy is not a known field" },
    ]);
  });

  it("reports every problem at once", () => {
    expect(runErrors({ task: "add:1", batchSize: 0, evalSize: 200_000 }).map((e) => e.field)).toEqual(["batchSize", "evalSize"]);
  });
});

describe("ExperimentSpecSchema", () => {
  it("expands a seed count into seeds 0…n−1", () => {
    const spec = ExperimentSpecSchema.parse(experiment);
    expect(spec.seeds).toEqual([0, 1, 2]);
    expect(spec.tags).toEqual([]);
    expect(spec.grid).toBeUndefined();
    expect(ExperimentSpecSchema.parse(spec)).toEqual(spec);
  });

  it("keeps an explicit seed list", () => {
    expect(ExperimentSpecSchema.parse({ ...experiment, seeds: [7, 3] }).seeds).toEqual([7, 3]);
  });

  it("rejects bad names, tags, strategies and seeds", () => {
    expect(experimentErrors({ ...experiment, name: "  " })).toEqual([{ field: "name", message: "name must not be empty" }]);
    expect(experimentErrors({ ...experiment, name: "x".repeat(201) })).toEqual([{ field: "name", message: "name must be at most 200 characters long" }]);
    expect(experimentErrors({ ...experiment, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) })).toEqual([
      { field: "tags", message: "tags must have at most 20 items" },
    ]);
    expect(experimentErrors({ ...experiment, tags: ["ok", "y".repeat(51)] })).toEqual([
      { field: "tags.1", message: "tags.1 must be at most 50 characters long" },
    ]);
    expect(experimentErrors({ ...experiment, strategies: [] })).toEqual([{ field: "strategies", message: "strategies must have at least 1 item" }]);
    expect(experimentErrors({ ...experiment, strategies: ["plain", "reverse", "plain"] })).toEqual([
      { field: "strategies.2", message: 'strategies lists "plain" more than once' },
    ]);
    expect(experimentErrors({ ...experiment, strategies: ["plain", "sideways"] })).toEqual([
      { field: "strategies.1", message: `strategies.1 must be one of ${STRATEGIES.join(", ")}` },
    ]);
    expect(experimentErrors({ ...experiment, seeds: 0 })).toEqual([{ field: "seeds", message: "seeds must be at least 1" }]);
    expect(experimentErrors({ ...experiment, seeds: 101 })).toEqual([{ field: "seeds", message: "seeds must be at most 100" }]);
    expect(experimentErrors({ ...experiment, seeds: [1, -2] })).toEqual([{ field: "seeds.1", message: "seeds.1 must be at least 0" }]);
    expect(experimentErrors({ ...experiment, seeds: [4, 4] })).toEqual([{ field: "seeds.1", message: "seeds lists 4 more than once" }]);
    expect(experimentErrors({ ...experiment, seeds: "three" })).toEqual([
      { field: "seeds", message: "seeds must be a count from 1 to 100 or a list of distinct non-negative integer seeds" },
    ]);
  });

  it("validates the grid", () => {
    expect(experimentErrors({ ...experiment, grid: { lr: [0.01, 2] } })).toEqual([{ field: "grid.lr.1", message: "grid.lr.1 must be at most 1" }]);
    expect(experimentErrors({ ...experiment, grid: { batchSize: [32, 32] } })).toEqual([
      { field: "grid.batchSize.1", message: "grid.batchSize lists 32 more than once" },
    ]);
    expect(experimentErrors({ ...experiment, grid: { lr: [] } })).toEqual([{ field: "grid.lr", message: "grid.lr must have at least 1 item" }]);
    expect(experimentErrors({ ...experiment, grid: { dropout: [0.1] } })).toEqual([{ field: "grid.dropout", message: "grid.dropout is not a known field" }]);
  });
});

describe("expandGrid", () => {
  it("crosses strategies and seeds, strategy varying fastest", () => {
    const spec = ExperimentSpecSchema.parse({ ...experiment, budget: { tokens: 10_000 }, model: { preset: "gpt2-mini" } });
    const runs = expandGrid(spec, { maxRuns: 100 });
    expect(gridSize(spec)).toBe(6);
    expect(runs.map((r) => [r.seed, r.strategy])).toEqual([
      [0, "plain"],
      [0, "max-mi"],
      [1, "plain"],
      [1, "max-mi"],
      [2, "plain"],
      [2, "max-mi"],
    ]);
    for (const run of runs) {
      expect(RunSpecSchema.parse(run)).toEqual(run);
      expect(run.task).toBe("mul:2");
      expect(run.budget).toEqual({ tokens: 10_000 });
      expect(run.model.preset).toBe("gpt2-mini");
    }
  });

  it("gives each run its own nested objects", () => {
    const runs = expandGrid(ExperimentSpecSchema.parse(experiment), { maxRuns: 10 });
    expect(runs[0]?.optimizer).not.toBe(runs[1]?.optimizer);
    expect(runs[0]?.data).not.toBe(runs[1]?.data);
  });

  it("sweeps lr and batchSize from the grid", () => {
    const spec = ExperimentSpecSchema.parse({ ...experiment, strategies: ["reverse"], seeds: [5], grid: { lr: [1e-3, 3e-3], batchSize: [32, 128] } });
    const runs = expandGrid(spec, { maxRuns: 4 });
    expect(runs.map((r) => [r.optimizer.lr, r.batchSize])).toEqual([
      [1e-3, 32],
      [1e-3, 128],
      [3e-3, 32],
      [3e-3, 128],
    ]);
    expect(runs.every((r) => r.strategy === "reverse" && r.seed === 5 && r.optimizer.weightDecay === 0.1)).toBe(true);
  });

  it("throws a typed error stating the size and the limit", () => {
    const spec = ExperimentSpecSchema.parse({ ...experiment, strategies: [...STRATEGIES], seeds: 10, grid: { lr: [1e-3, 3e-3] } });
    expect(gridSize(spec)).toBe(120);
    let caught: unknown;
    try {
      expandGrid(spec, { maxRuns: 100 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GridTooLargeError);
    const err = caught as GridTooLargeError;
    expect(err.size).toBe(120);
    expect(err.limit).toBe(100);
    expect(err.field).toBe("grid");
    expect(err.message).toBe(
      "experiment expands to 6 strategies × 10 seeds × 2 lr = 120 runs, more than the limit of 100; use fewer strategies, seeds or grid values",
    );
    expect(expandGrid(spec, { maxRuns: 120 })).toHaveLength(120);
  });

  it("rejects a nonsensical limit", () => {
    expect(() => expandGrid(ExperimentSpecSchema.parse(experiment), { maxRuns: 0 })).toThrow(/maxRuns must be a positive integer/);
  });
});

describe("budget helpers", () => {
  const tokens = RunSpecSchema.parse({ task: "mul:2", batchSize: 32, budget: { tokens: 10_000 } });

  it("counts B·T tokens per step", () => {
    expect(tokensPerStep(tokens, 10)).toBe(320);
    expect(() => tokensPerStep(tokens, 0)).toThrow(/blockSize must be a positive integer/);
  });

  it("rounds a token budget up to whole steps", () => {
    // 10000 / 320 = 31.25 → 32 steps
    expect(stepsForBudget(tokens, 10)).toBe(32);
    expect(stepsForBudget({ ...tokens, budget: { tokens: 640 } }, 10)).toBe(2);
  });

  it("returns a step budget as is", () => {
    expect(stepsForBudget(RunSpecSchema.parse({ task: "mul:2" }), 10)).toBe(2000);
  });

  it("refuses a token budget beyond the step limit", () => {
    expect(() => stepsForBudget({ batchSize: 1, budget: { tokens: 1e12 } }, 1)).toThrow(
      /budget.tokens 1000000000000 at 1 tokens per step is 1000000000000 steps, more than the limit of 10000000/,
    );
  });
});
