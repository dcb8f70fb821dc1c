import { describe, expect, it } from "vitest";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { mean, pairedDifference, std, stepsToThreshold, summarize } from "./stats";

describe("mean and std", () => {
  it("computes the sample std with n − 1", () => {
    // deviations from 5: −3, −1, 4 → SS 26, variance 26/2 = 13
    expect(mean([2, 4, 9])).toBe(5);
    expect(std([2, 4, 9])).toBeCloseTo(Math.sqrt(13), 12);
  });

  it("returns null where the statistic is undefined", () => {
    expect(mean([])).toBeNull();
    expect(std([])).toBeNull();
    expect(std([0.7])).toBeNull();
  });
});

describe("summarize", () => {
  it("reports n, mean, std, min and max", () => {
    const s = summarize([0.5, 1, 0]);
    expect(s).not.toBeNull();
    expect(s?.n).toBe(3);
    expect(s?.mean).toBeCloseTo(0.5, 12);
    expect(s?.std).toBeCloseTo(0.5, 12);
    expect(s?.min).toBe(0);
    expect(s?.max).toBe(1);
  });

  it("has no spread for one value and no summary for none", () => {
    expect(summarize([0.9])).toEqual({ n: 1, mean: 0.9, std: null, min: 0.9, max: 0.9 });
    expect(summarize([])).toBeNull();
  });
});

describe("pairedDifference", () => {
  it("uses the Student t quantile", () => {
    expect(tQuantile(0.975, 2)).toBeCloseTo(4.302653, 6);
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706205, 6);
  });

  it("pairs by seed and builds the t interval by hand", () => {
    // differences by seed: 10−8 = 2, 12−8 = 4, 15−6 = 9 → mean 5, std √13,
    // half-width 4.302653·√13/√3 = 8.956686 → [−3.956686, 13.956686]
    const a = new Map([[1, 10], [2, 12], [3, 15]]);
    const b = new Map([[3, 6], [1, 8], [2, 8]]);
    const d = pairedDifference(a, b);
    expect(d?.n).toBe(3);
    expect(d?.mean).toBeCloseTo(5, 12);
    expect(d?.std).toBeCloseTo(Math.sqrt(13), 12);
    expect(d?.ci95?.[0]).toBeCloseTo(-3.956686, 5);
    expect(d?.ci95?.[1]).toBeCloseTo(13.956686, 5);
  });

  it("ignores seeds present on one side only", () => {
    const a = new Map([[0, 0.9], [1, 0.8], [7, 0.1]]);
    const b = new Map([[0, 0.7], [1, 0.7], [9, 1]]);
    const d = pairedDifference(a, b);
    expect(d?.n).toBe(2);
    expect(d?.mean).toBeCloseTo(0.15, 12);
    // differences 0.2, 0.1 → std 0.0707107; half-width 12.706205·0.0707107/√2 = 0.635310
    expect(d?.ci95?.[0]).toBeCloseTo(0.15 - 0.63531, 5);
    expect(d?.ci95?.[1]).toBeCloseTo(0.15 + 0.63531, 5);
  });

  it("has no interval for one pair and no result for none", () => {
    expect(pairedDifference(new Map([[4, 0.9]]), new Map([[4, 0.6]]))).toEqual({ n: 1, mean: expect.closeTo(0.3, 12), std: null, ci95: null });
    expect(pairedDifference(new Map([[1, 0.9]]), new Map([[2, 0.6]]))).toBeNull();
    expect(pairedDifference(new Map(), new Map())).toBeNull();
  });
});

describe("stepsToThreshold", () => {
  const curve = [
    { step: 0, value: 0.1 },
    { step: 100, value: 0.6 },
    { step: 200, value: 0.95 },
    { step: 300, value: 0.9 },
    { step: 400, value: 0.99 },
  ];

  it("finds the first step at or above the threshold", () => {
    expect(stepsToThreshold(curve, 0.9)).toBe(200);
    expect(stepsToThreshold(curve, 0.95)).toBe(200);
    expect(stepsToThreshold(curve, 0.96)).toBe(400);
    expect(stepsToThreshold(curve, 0)).toBe(0);
  });

  it("does not depend on the order of the points", () => {
    expect(stepsToThreshold([...curve].reverse(), 0.9)).toBe(200);
  });

  it("is null when the threshold is never reached", () => {
    expect(stepsToThreshold(curve, 0.999)).toBeNull();
    expect(stepsToThreshold([], 0.5)).toBeNull();
  });
});
