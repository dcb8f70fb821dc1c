import { describe, expect, it } from "vitest";
import { fitTfidf, tfidfFeatures } from "./tfidf";

describe("TF-IDF", () => {
  // Two documents: [1 1 2] and [2 3]. df: 1 → 1, 2 → 2, 3 → 1; idf = ln(3 / (1 + df)) + 1.
  const model = fitTfidf([
    [1, 1, 2],
    [2, 3],
  ]);
  const rare = Math.log(3 / 2) + 1;
  it("numbers terms by first occurrence with smoothed idf", () => {
    expect(model.terms).toEqual([1, 2, 3]);
    expect(model.n).toBe(2);
    expect([...model.idf]).toEqual([rare, 1, rare]);
  });
  it("weights counts by idf and normalises each row", () => {
    const a = tfidfFeatures(model, [1, 1, 2]);
    const na = Math.sqrt((2 * rare) ** 2 + 1);
    expect(a.indices).toEqual([0, 1]);
    expect(a.values?.[0]).toBeCloseTo((2 * rare) / na, 12);
    expect(a.values?.[1]).toBeCloseTo(1 / na, 12);
    // Term 9 was never fitted and is dropped; order of tokens does not matter.
    const b = tfidfFeatures(model, [3, 9, 2]);
    const nb = Math.sqrt(1 + rare ** 2);
    expect(b.indices).toEqual([1, 2]);
    expect(b.values?.[0]).toBeCloseTo(1 / nb, 12);
    expect(b.values?.[1]).toBeCloseTo(rare / nb, 12);
    expect(tfidfFeatures(model, [9])).toEqual({ indices: [], values: [] });
  });
  it("leaves excluded tokens out of the fit", () => {
    expect(fitTfidf([[0, 1, 0]], new Set([0])).terms).toEqual([1]);
  });
});
