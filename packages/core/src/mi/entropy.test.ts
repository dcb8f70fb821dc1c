import { describe, expect, it } from "vitest";
import { createRng } from "../rng";
import { countKeys, entropy, joinKeys, jointKeys, millerMadowEntropy, mutualInformation, plugInEntropy } from "./entropy";

const uniform = (n: number, k: number, seed: number): Int32Array => {
  const rng = createRng(seed);
  return Int32Array.from({ length: n }, () => rng.int(k));
};

describe("entropy", () => {
  it("matches hand-counted plug-in and Miller–Madow values", () => {
    // Counts {2, 1, 1}, N = 4: H = −(½ ln ½ + 2·¼ ln ¼) = 1.5 ln 2; MM adds (K − 1)/(2N) = 2/8.
    expect(plugInEntropy([2, 1, 1])).toBeCloseTo(1.5 * Math.LN2, 12);
    expect(millerMadowEntropy([2, 1, 1])).toBeCloseTo(1.5 * Math.LN2 + 0.25, 12);
    expect(entropy([7, 7, 3, 9])).toBeCloseTo(1.5 * Math.LN2 + 0.25, 12);
    expect(entropy([7, 7, 3, 9], "none")).toBeCloseTo(1.5 * Math.LN2, 12);
    expect(entropy([4, 4, 4])).toBe(0);
  });

  it("corrects each term of a hand-counted MI and clamps at 0", () => {
    // X = Y on 4 samples: H_MM(X) = H_MM(Y) = H_MM(X,Y) = ln 2 + 1/8, so I = ln 2 + 1/8.
    expect(mutualInformation([0, 0, 1, 1], [0, 0, 1, 1])).toBeCloseTo(Math.LN2 + 0.125, 12);
    // Crossed: 2(ln 2 + 1/8) − (ln 4 + 3/8) = −1/8 < 0, reported as 0.
    expect(mutualInformation([0, 0, 1, 1], [0, 1, 0, 1])).toBe(0);
  });

  it("gives ≈ 0 for independent uniform digits and ln 10 for a copied digit", () => {
    const n = 5000;
    const x = uniform(n, 10, 1);
    const y = uniform(n, 10, 2);
    // Plug-in: 2N·Î ~ χ²(81), so Î has mean 81/(2N) = 0.0081 and sd √162/(2N) ≈ 0.0013. Miller–Madow
    // removes the mean; 0.005 is ~4 sd, and the uncorrected estimate must show the bias.
    const plugIn = entropy(x, "none") + entropy(y, "none") - entropy(joinKeys(x, y), "none");
    expect(plugIn).toBeGreaterThan(0.004);
    expect(plugIn).toBeLessThan(0.013);
    expect(mutualInformation(x, y)).toBeLessThan(0.005);
    // Copy: I = H_MM(x); for uniform digits the sd of Ĥ is second order in 1/N, 0.01 is generous.
    expect(mutualInformation(x, x)).toBeCloseTo(Math.log(10), 2);
  });

  it("joins keys densely and consistently", () => {
    const a = [3, 3, 0, 0, 3];
    const b = [1, 2, 1, 1, 1];
    const j = joinKeys(a, b);
    expect([...j]).toEqual([0, 1, 2, 2, 0]);
    expect(countKeys(j).size).toBe(3);
    expect([...jointKeys([], 3)]).toEqual([0, 0, 0]);
    expect([...jointKeys([a, b], 5)]).toEqual([...j]);
    expect(() => joinKeys([1], [1, 2])).toThrow(/1 and 2 samples/);
  });
});
