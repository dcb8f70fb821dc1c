import { describe, expect, it } from "vitest";
import { GLUE_TASKS } from "./glue";
import {
  accuracy,
  averageRanks,
  binaryCounts,
  f1Score,
  glueAverage,
  glueSplitMetrics,
  glueTaskScore,
  matthewsCorrelation,
  multiLabelMetrics,
  pearson,
  precisionRecallF1,
  spearman,
} from "./metrics";

// pred [1,1,0,0,1] vs gold [1,0,0,1,1]: tp = 2 (0, 4), fp = 1 (1), fn = 1 (3), tn = 1 (2).
const PRED = [1, 1, 0, 0, 1];
const GOLD = [1, 0, 0, 1, 1];

describe("single-label metrics", () => {
  it("accuracy, counts, precision/recall/F1 by hand", () => {
    expect(accuracy(PRED, GOLD)).toBeCloseTo(3 / 5, 12);
    expect(binaryCounts(PRED, GOLD)).toEqual({ tp: 2, fp: 1, fn: 1, tn: 1 });
    expect(precisionRecallF1({ tp: 2, fp: 1, fn: 1 })).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
    // Class 0 as positive: tp = 1, fp = 1 (3), fn = 1 (1): F1 = 2/4.
    expect(f1Score(PRED, GOLD, 0)).toBeCloseTo(0.5, 12);
    expect(precisionRecallF1({ tp: 0, fp: 0, fn: 0 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
  it("Matthews correlation by hand, 0 for a constant predictor", () => {
    // (tp·tn − fp·fn) / √((tp+fp)(tp+fn)(tn+fp)(tn+fn)) = (2 − 1) / √(3·3·2·2) = 1/6.
    expect(matthewsCorrelation(PRED, GOLD)).toBeCloseTo(1 / 6, 12);
    expect(matthewsCorrelation(GOLD, GOLD)).toBeCloseTo(1, 12);
    expect(matthewsCorrelation(GOLD.map((g) => 1 - g), GOLD)).toBeCloseTo(-1, 12);
    expect(matthewsCorrelation([1, 1, 1, 1, 1], GOLD)).toBe(0);
    // Three classes, all right except one 2 → 0: s = 4, c = 3, p = {0: 2, 1: 1, 2: 1}, t = {0: 1, 1: 1, 2: 2};
    // (3·4 − (2·1 + 1·1 + 1·2)) / √((16 − 6)(16 − 6)) = 7/10.
    expect(matthewsCorrelation([0, 1, 2, 0], [0, 1, 2, 2])).toBeCloseTo(0.7, 12);
  });
  it("Pearson and Spearman by hand", () => {
    // x = 1..4, y = (2, 4, 5, 9): Sxy = 11, Sxx = 5, Syy = 26.
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 9])).toBeCloseTo(11 / Math.sqrt(130), 12);
    expect(averageRanks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
    // Ranks (1, 2.5, 2.5, 4) and (1, 3, 2, 4): Sxy = 4.5, Sxx = 4.5, Syy = 5.
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
    expect(spearman([1, 2, 3], [10, 200, 3000])).toBeCloseTo(1, 12);
    expect(pearson([2, 2, 2], [1, 2, 3])).toBe(0);
  });
  it("rejects empty or mismatched inputs", () => {
    expect(() => accuracy([], [])).toThrow(/at least one example/);
    expect(() => pearson([1], [1, 2])).toThrow(/1 predictions for 2 gold/);
  });
});

describe("multiLabelMetrics", () => {
  it("matches hand counts, scoring an unrecognised label as wrong", () => {
    // a: tp (0), fp (1: null read as 1), fn (2) → F1 1/2. b: fp (1), tp (2) → P 1/2, R 1, F1 2/3.
    const r = multiLabelMetrics(
      [
        [1, 0],
        [null, 1],
        [0, 1],
      ],
      [
        [1, 0],
        [0, 0],
        [1, 1],
      ],
      ["a", "b"],
    );
    expect(r.n).toBe(3);
    expect(r.unrecognised).toBe(1);
    expect(r.accuracy).toBeCloseTo(3 / 6, 12);
    expect(r.exactSetMatch).toBeCloseTo(1 / 3, 12);
    expect(r.perLabel).toEqual([
      { label: "a", support: 2, precision: 0.5, recall: 0.5, f1: 0.5 },
      { label: "b", support: 1, precision: 0.5, recall: 1, f1: 2 / 3 },
    ]);
    // Pooled: tp 2, fp 2, fn 1 → 4/7.
    expect(r.microF1).toBeCloseTo(4 / 7, 12);
    expect(r.macroF1).toBeCloseTo((0.5 + 2 / 3) / 2, 12);
  });
  it("rejects rows of the wrong width", () => {
    expect(() => multiLabelMetrics([[1]], [[1, 0]], ["a", "b"])).toThrow(/predicted 1 and gold 2 labels, expected 2/);
  });
});

describe("GLUE metrics", () => {
  it("MRPC: F1 and accuracy, their mean as the score; an unrecognised decode is the wrong class", () => {
    // Resolved prediction [1, 0, 0, 1] vs [1, 1, 0, 0]: tp 1, fn 1, fp 1, tn 1.
    const r = glueSplitMetrics(GLUE_TASKS.mrpc, [1, null, 0, 1], [{ label: 1 }, { label: 1 }, { label: 0 }, { label: 0 }]);
    expect(r).toEqual({ metrics: { f1: 0.5, accuracy: 0.5 }, score: 0.5, unrecognised: 1 });
  });
  it("CoLA: MCC", () => {
    const r = glueSplitMetrics(GLUE_TASKS.cola, PRED, GOLD.map((label) => ({ label })));
    expect(r.metrics).toEqual({ mcc: expect.closeTo(1 / 6, 12) as number });
  });
  it("STS-B: gold scores against predicted bin values; unrecognised is the farthest bin", () => {
    // Values (5, 0, 5 for the null next to gold 1.0) vs (4.6, 0.4, 1.0): Sxy = 8, Sxx = 150/9, Syy = 10.32.
    // Ranks (2.5, 1, 2.5) vs (3, 1, 2): Sxy = 1.5, Sxx = 1.5, Syy = 2.
    const gold = [4.6, 0.4, 1.0].map((score) => ({ label: Math.round(score), score }));
    const r = glueSplitMetrics(GLUE_TASKS.stsb, [5, 0, null], gold);
    expect(r.metrics.pearson).toBeCloseTo(8 / Math.sqrt((150 / 9) * 10.32), 12);
    expect(r.metrics.spearman).toBeCloseTo(1.5 / Math.sqrt(3), 12);
    expect(r.score).toBeCloseTo(((r.metrics.pearson as number) + (r.metrics.spearman as number)) / 2, 12);
    expect(r.unrecognised).toBe(1);
  });
  it("MNLI: accuracy per split, the task score averages matched and mismatched", () => {
    expect(glueSplitMetrics(GLUE_TASKS.mnli, [0, null, 2], [{ label: 0 }, { label: 1 }, { label: 2 }]).metrics).toEqual({ accuracy: 2 / 3 });
    expect(glueTaskScore("mnli", { dev_matched: 0.8, dev_mismatched: 0.7 })).toBeCloseTo(0.75, 12);
    expect(() => glueTaskScore("mnli", { dev_matched: 0.8 })).toThrow(/needs the split\(s\) dev_mismatched/);
    expect(glueTaskScore("rte", { dev: 0.6 })).toBe(0.6);
  });
  it("averages task scores and names the missing tasks", () => {
    const r = glueAverage({ rte: 0.6, cola: 0.2 });
    expect(r.average).toBeCloseTo(0.4, 12);
    expect(r.tasks).toEqual(["cola", "rte"]);
    expect(r.missing).toEqual(["sst2", "mrpc", "stsb", "qqp", "mnli", "qnli", "wnli"]);
    expect(() => glueAverage({})).toThrow(/at least one task score/);
  });
});
