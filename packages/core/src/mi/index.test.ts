import { describe, expect, it } from "vitest";
import { isPermutation, STRATEGIES } from "../ordering";
import { createArithmeticTask } from "../tasks/arithmetic";
import { conditionalGain, ESTIMATORS, estimateMI, resolveOrdering } from "./index";

const task = createArithmeticTask({ op: "mul", digits: 2, trainSize: 3000, testSize: 500, seed: 9 });
const vocabSize = task.vocab.size;
const UNITS = 3;

describe("estimateMI", () => {
  it.each(ESTIMATORS)("%s returns a table in nats with one score per target position", (estimator) => {
    const table = estimateMI(task.train, { estimator, vocabSize, seed: 2, maxExamples: 2000 });
    expect(table).toMatchObject({ estimator, n: 2000, sourceLength: 5, targetLength: 4, unit: "nats" });
    expect(table.scores).toEqual(table.positions.map((p) => p.score));
    expect(table.positions.map((p) => p.position)).toEqual([0, 1, 2, 3]);
    for (const p of table.positions) {
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(p.entropy + 0.05);
    }
    // Every estimator sees that the units digit depends on few source tokens, the middle digits on many.
    expect(table.scores[UNITS]).toBeGreaterThan(Math.max(table.scores[1] ?? 0, table.scores[2] ?? 0));
    expect(estimateMI(task.train, { estimator, vocabSize, seed: 2, maxExamples: 2000 })).toEqual(table);
  });

  it("scores pairwise by the sum and reports the max", () => {
    const { positions } = estimateMI(task.train, { estimator: "plugin-pairwise", vocabSize });
    for (const p of positions) {
      expect(p.score).toBe(p.sum);
      expect(p.max).toBeLessThanOrEqual(p.sum ?? 0);
    }
  });

  it("uses every example below maxExamples and rejects malformed ones", () => {
    expect(estimateMI(task.train.slice(0, 300), { estimator: "plugin-joint-k", vocabSize }).n).toBe(300);
    expect(() => estimateMI([], { estimator: "probe", vocabSize })).toThrow(/at least one example/);
    expect(() => estimateMI([{ source: [0, 99], target: [1] }], { estimator: "plugin-pairwise", vocabSize })).toThrow(/token 99/);
    expect(() => estimateMI([{ source: [0], target: [1] }, { source: [0, 1], target: [1] }], { estimator: "plugin-pairwise", vocabSize })).toThrow(/example 1 has lengths/);
  });
});

describe("conditionalGain", () => {
  it("is non-negative and starts greedy-mi at the units digit", () => {
    const gain = conditionalGain(task.train, { vocabSize, k: 2 });
    for (let c = 0; c < 4; c++) expect(gain([], c)).toBeGreaterThanOrEqual(0);
    expect(gain([0, 1], 3)).toBeGreaterThanOrEqual(0);
    const first = [0, 1, 2, 3].reduce((best, c) => (gain([], c) > gain([], best) ? c : best), 0);
    expect(first).toBe(UNITS);
  });
});

describe("resolveOrdering", () => {
  for (const estimator of ESTIMATORS) {
    it.each(STRATEGIES)(`%s with ${estimator} gives a valid permutation`, (strategy) => {
      const { permutation, table } = resolveOrdering({ examples: task.train, vocabSize, targetLength: 4, strategy, estimator, seed: 4, maxExamples: 1500 });
      expect(isPermutation(permutation, 4)).toBe(true);
      const needsTable = strategy === "max-mi" || strategy === "min-mi" || strategy === "greedy-mi";
      expect(table !== undefined).toBe(needsTable);
      if (strategy === "max-mi") expect(permutation[0]).toBe(UNITS);
      if (strategy === "min-mi") expect(permutation[3]).toBe(UNITS);
    });
  }

  it("rejects a target length the examples do not have", () => {
    expect(() =>
      resolveOrdering({ examples: task.train, vocabSize, targetLength: 5, strategy: "max-mi", estimator: "plugin-pairwise", seed: 0 }),
    ).toThrow(/4 target positions/);
  });
});
