import { describe, expect, it } from "vitest";
import { isPermutation, greedyOrder } from "../ordering";
import { createRng } from "../rng";
import { createArithmeticTask } from "../tasks/arithmetic";
import { pluginConditionalGain, pluginJointK, pluginPairwise, toColumns } from "./plugin";

const mul2 = createArithmeticTask({ op: "mul", digits: 2, trainSize: 5000, testSize: 1000, seed: 3 });
const UNITS = 3;
// Source `a1 a0 * b1 b0`: the units digits are positions 1 and 4.
const A0 = 1;
const B0 = 4;

/** Exact H(a0·b0 mod 10) for uniform independent digits, in nats. */
function unitsEntropy(): number {
  const counts = new Array<number>(10).fill(0);
  for (let a = 0; a < 10; a++) for (let b = 0; b < 10; b++) counts[(a * b) % 10]! += 1;
  return -counts.reduce((h, c) => (c ? h + (c / 100) * Math.log(c / 100) : h), 0);
}

describe("plugin-pairwise", () => {
  it("is ≈ 0 for random targets and ln 10 for a copied token", () => {
    const rng = createRng(5);
    const examples = Array.from({ length: 5000 }, () => {
      const source = [rng.int(10), rng.int(10), rng.int(10)];
      return { source, target: [rng.int(10), source[1] as number] };
    });
    const [noise, copy] = pluginPairwise(toColumns(examples));
    // Three corrected MIs, each within ~4 sd (0.005, see entropy.test.ts) of 0.
    expect(noise?.sum).toBeLessThan(0.015);
    expect(copy?.max).toBeCloseTo(Math.log(10), 2);
    expect(copy?.sources).toEqual([1]);
    expect(copy?.score).toBe(copy?.sum);
    expect(copy?.sum).toBeLessThan(Math.log(10) + 0.015);
  });
});

describe("plugin-joint-k on mul:2", () => {
  const cols = toColumns(mul2.train);
  const joint = pluginJointK(cols, 2);
  const pairwise = pluginPairwise(cols);

  it("finds that the units digit is a function of the two units digits", () => {
    const units = joint[UNITS];
    expect(units?.entropy).toBeCloseTo(unitsEntropy(), 1);
    expect([...(units?.sources ?? [])].sort()).toEqual([A0, B0]);
    // A deterministic function: the joint table has the cells of its inputs, so I = H exactly.
    expect(units?.score).toBeCloseTo(units?.entropy ?? NaN, 9);
    expect(pairwise[UNITS]?.max).toBeLessThan(0.25 * (units?.entropy ?? 0));
    expect(pairwise[UNITS]?.sum).toBeLessThan(0.5 * (units?.entropy ?? 0));
  });

  it("ranks the units digit above the middle digits and never exceeds the entropy", () => {
    for (const p of joint) {
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(p.entropy + 1e-12);
      expect(p.sources).toHaveLength(2);
    }
    expect(joint[UNITS]?.score).toBeGreaterThan(joint[1]?.score ?? Infinity);
    expect(joint[UNITS]?.score).toBeGreaterThan(joint[2]?.score ?? Infinity);
  });

  it("caps k at the source length", () => {
    expect(pluginJointK(cols, 99)[0]?.sources).toHaveLength(5);
  });
});

describe("plugin-joint-k on add:3", () => {
  it("finds the operand digits of a sum although each alone carries no information", () => {
    const task = createArithmeticTask({ op: "add", digits: 3, trainSize: 5000, testSize: 10, seed: 2 });
    const cols = toColumns(task.train);
    const units = pluginJointK(cols, 2)[3];
    // "123+456": a0 is source position 2, b0 is 6.
    expect(units?.sources).toEqual([2, 6]);
    expect(units?.score).toBeCloseTo(units?.entropy ?? 0, 6);
    expect(pluginPairwise(cols)[3]?.max).toBeLessThan(0.01);
  });
});

describe("plugin conditional gain", () => {
  it("is within [0, H] and drives greedyOrder to a permutation", () => {
    const cols = toColumns(mul2.train);
    const gain = pluginConditionalGain(cols, 2);
    const entropies = pluginPairwise(cols).map((p) => p.entropy);
    for (const chosen of [[], [3], [3, 0], [0, 1, 2]]) {
      for (let c = 0; c < 4; c++) {
        if (chosen.includes(c)) continue;
        const g = gain(chosen, c);
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThanOrEqual((entropies[c] ?? 0) + 1e-12);
      }
    }
    expect(gain([], UNITS)).toBeCloseTo(entropies[UNITS] ?? NaN, 9);
    const order = greedyOrder(4, gain);
    expect(isPermutation(order, 4)).toBe(true);
    expect(order[0]).toBe(UNITS);
    expect(() => gain([9], 0)).toThrow(/out of range/);
  });
});
