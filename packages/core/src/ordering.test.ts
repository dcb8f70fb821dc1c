import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STRATEGIES, buildPermutation, decode, encode, greedyOrder, invert, isPermutation, orderByScores } from "./ordering";

const permutation = fc.integer({ min: 1, max: 12 }).chain((m) =>
  fc.shuffledSubarray(Array.from({ length: m }, (_, i) => i), { minLength: m, maxLength: m }),
);

describe("orderings", () => {
  it("decode inverts encode, and encode inverts decode, for any permutation and target", () => {
    fc.assert(
      fc.property(
        permutation.chain((p) => fc.tuple(fc.constant(p), fc.array(fc.integer({ min: 0, max: 13 }), { minLength: p.length, maxLength: p.length }))),
        ([perm, target]) => {
          expect(decode(encode(target, perm), perm)).toEqual(target);
          expect(encode(decode(target, perm), perm)).toEqual(target);
          expect(invert(invert(perm))).toEqual(perm);
        },
      ),
    );
  });

  it("every strategy yields a permutation, for any length, seed and scores", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.nat(), fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 10, maxLength: 10 }), (m, seed, s) => {
        const scores = s.slice(0, m);
        for (const strategy of STRATEGIES) {
          const perm = buildPermutation({ strategy, targetLength: m, seed, scores, gain: (_chosen, i) => scores[i] ?? 0 });
          expect(isPermutation(perm, m)).toBe(true);
        }
      }),
    );
  });

  it("plain is the identity and reverse reverses", () => {
    expect(buildPermutation({ strategy: "plain", targetLength: 4, seed: 0 })).toEqual([0, 1, 2, 3]);
    expect(buildPermutation({ strategy: "reverse", targetLength: 4, seed: 0 })).toEqual([3, 2, 1, 0]);
    expect(encode(["0", "2", "4", "5"], [3, 2, 1, 0])).toEqual(["5", "4", "2", "0"]);
  });

  it("random is fixed by its seed", () => {
    const a = buildPermutation({ strategy: "random", targetLength: 8, seed: 4 });
    expect(buildPermutation({ strategy: "random", targetLength: 8, seed: 4 })).toEqual(a);
    expect(buildPermutation({ strategy: "random", targetLength: 8, seed: 5 })).not.toEqual(a);
  });

  it("orders by score with ties in plain order", () => {
    expect(orderByScores([0.1, 0.5, 0.5, 0.2], "desc")).toEqual([1, 2, 3, 0]);
    expect(orderByScores([0.1, 0.5, 0.5, 0.2], "asc")).toEqual([0, 3, 1, 2]);
    expect(orderByScores([0, 0, 0], "desc")).toEqual([0, 1, 2]);
  });

  it("greedy picks the best conditional gain at each step", () => {
    // Position 2 is best alone; once chosen, position 0 gains most.
    const gain = (chosen: readonly number[], i: number): number => (chosen.length === 0 ? [1, 0, 2][i] ?? 0 : [3, 1, 0][i] ?? 0);
    expect(greedyOrder(3, gain)).toEqual([2, 0, 1]);
  });

  it("refuses MI strategies without an estimate and mismatched lengths", () => {
    expect(() => buildPermutation({ strategy: "max-mi", targetLength: 3, seed: 0 })).toThrow(/needs 3 per-position MI scores/);
    expect(() => buildPermutation({ strategy: "greedy-mi", targetLength: 3, seed: 0 })).toThrow(/gain/);
    expect(() => encode([1, 2], [0, 1, 2])).toThrow(/length/);
    expect(isPermutation([0, 0, 1], 3)).toBe(false);
  });
});
