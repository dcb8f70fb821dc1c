import { describe, expect, it } from "vitest";
import { exactMatchAccuracy, meanCrossEntropy, perplexity, positionAccuracy, sequenceAccuracy } from "./metrics";

const gold = [
  [0, 2, 4, 5],
  [1, 1, 1, 1],
  [9, 8, 7, 6],
  [3, 0, 0, 3],
];
const predicted = [
  [0, 2, 4, 5], // exact
  [1, 1, 1, 2], // last wrong
  [9, 8, 7, 6], // exact
  [3, 1, 1, 3], // middle two wrong
];

describe("accuracy", () => {
  it("counts whole-target matches", () => {
    expect(exactMatchAccuracy(predicted, gold)).toBe(0.5);
    expect(exactMatchAccuracy([[1, 2]], [[1, 2]])).toBe(1);
    expect(exactMatchAccuracy([[1, 2]], [[2, 1]])).toBe(0);
  });

  it("counts a length mismatch as a miss in exact match", () => {
    expect(exactMatchAccuracy([[1, 2, 3]], [[1, 2]])).toBe(0);
  });

  it("scores each position", () => {
    expect(positionAccuracy(predicted, gold)).toEqual([1, 0.75, 0.75, 0.75]);
  });

  it("works on decoded strings", () => {
    expect(positionAccuracy([["0", "2"], ["1", "3"]], [["0", "2"], ["0", "3"]])).toEqual([0.5, 1]);
  });

  it("bundles n, exact match and positions", () => {
    expect(sequenceAccuracy(predicted, gold)).toEqual({ n: 4, exactMatch: 0.5, positions: [1, 0.75, 0.75, 0.75] });
  });

  it("rejects empty input and mismatched shapes", () => {
    expect(() => exactMatchAccuracy([], [])).toThrow(/at least one example/);
    expect(() => positionAccuracy([], [])).toThrow(/at least one example/);
    expect(() => exactMatchAccuracy([[1]], [])).toThrow(/1 predictions for 0 gold/);
    expect(() => positionAccuracy([[1, 2], [1]], [[1, 2], [1, 2]])).toThrow(/example 1/);
  });
});

describe("cross-entropy and perplexity", () => {
  it("averages negative log-probabilities in nats", () => {
    const lp = [Math.log(0.5), Math.log(0.25)];
    // (ln 2 + ln 4) / 2 = 1.5 ln 2; perplexity 2^1.5
    expect(meanCrossEntropy(lp)).toBeCloseTo(1.5 * Math.LN2, 12);
    expect(perplexity(lp)).toBeCloseTo(2 ** 1.5, 12);
  });

  it("gives the vocabulary size for a uniform model", () => {
    const lp = new Float32Array(7).fill(Math.log(1 / 14));
    expect(perplexity(lp)).toBeCloseTo(14, 4);
  });

  it("is infinite when a gold token has probability 0", () => {
    expect(meanCrossEntropy([Math.log(0.5), -Infinity])).toBe(Infinity);
    expect(perplexity([-Infinity])).toBe(Infinity);
  });

  it("rejects empty input and values that are not log-probabilities", () => {
    expect(() => meanCrossEntropy([])).toThrow(/at least one token/);
    expect(() => perplexity([])).toThrow(/at least one token/);
    expect(() => meanCrossEntropy([-1, 0.2])).toThrow(/token 1: 0.2 is not a log-probability/);
    expect(() => meanCrossEntropy([Number.NaN])).toThrow(/not a log-probability/);
  });
});
