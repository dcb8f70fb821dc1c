import { describe, expect, it } from "vitest";
import { entropy, mutualInformation } from "../mi/entropy";
import { createRng } from "../rng";
import { indicatorLabelMI, pickKeyword } from "./label-keyword";

const rng = createRng(5);
// Documents of 4 words from 0..19; the label (3 classes) is 2 when word 7 occurs, else a coin flip.
const docs = Array.from({ length: 3000 }, () => Array.from({ length: 4 }, () => rng.int(20)));
const labels = docs.map((d) => (d.includes(7) ? 2 : rng.int(2)));

describe("indicatorLabelMI", () => {
  const scores = indicatorLabelMI(docs, labels);
  it("equals the Miller–Madow plug-in MI of the explicit indicator column", () => {
    for (const w of [0, 7, 13, 19]) {
      const indicator = docs.map((d) => (d.includes(w) ? 1 : 0));
      expect(scores.get(w)).toBeCloseTo(mutualInformation(indicator, labels), 12);
    }
  });
  it("gives the determining word the most and an unrelated word ≈ 0", () => {
    const [best] = [...scores.entries()].sort((a, b) => b[1] - a[1]);
    expect(best?.[0]).toBe(7);
    // 1[7 ∈ d] is a function of the label's "is 2" part: I = H(1[7 ∈ d]) ≈ H_b(1 − (19/20)^4 ≈ 0.185) ≈ 0.48.
    expect(scores.get(7)).toBeCloseTo(entropy(docs.map((d) => (d.includes(7) ? 1 : 0))), 12);
    // Other words matter only through "7 is not there" (a 4-word document has one slot fewer for 7):
    // ≈ 0.001 nats; 0.01 is many standard errors at N = 3000.
    for (const [w, s] of scores) if (w !== 7) expect(s).toBeLessThan(0.01);
  });
  it("skips excluded tokens and rejects misaligned inputs", () => {
    expect(indicatorLabelMI(docs, labels, new Set([7])).has(7)).toBe(false);
    expect(() => indicatorLabelMI(docs, labels.slice(1))).toThrow(/3000 documents for 2999 labels/);
  });
});

describe("pickKeyword", () => {
  const scores = new Map([
    [1, 0.5],
    [2, 0.9],
    [3, 0.9],
  ]);
  it("takes the best-scoring token, the earliest on ties, the fallback when none is scored", () => {
    expect(pickKeyword([1, 3, 2], scores, 0)).toBe(3);
    expect(pickKeyword([1, 2, 3], scores, 0)).toBe(2);
    expect(pickKeyword([8, 9], scores, 0)).toBe(0);
    expect(pickKeyword([], scores, 4)).toBe(4);
  });
});
