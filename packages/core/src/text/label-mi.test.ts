import { describe, expect, it } from "vitest";
import { entropy } from "../mi/entropy";
import { ESTIMATORS } from "../mi/index";
import { isPermutation, STRATEGIES } from "../ordering";
import { createRng } from "../rng";
import { tinyTokenizer } from "./classification-fixtures";
import { estimateTextMI, resolveTextOrdering, textMiView } from "./label-mi";
import { createMultiLabelTask } from "./multi-label";
import type { MultiLabelText } from "./types";

// Inputs of 6 words out of 30. Labels in column order: `noise` is a coin flip, `weak` follows word w5
// 80% of the time, `copy` is exactly "w3 occurs in the input".
const WORDS = Array.from({ length: 30 }, (_, i) => `w${i}`);
const tok = tinyTokenizer(WORDS);
const rng = createRng(21);
const record = (): MultiLabelText => {
  const words = Array.from({ length: 6 }, () => WORDS[rng.int(30)] as string);
  const has = (w: string) => words.includes(w);
  const weak = has("w5") ? rng.next() < 0.8 : rng.next() < 0.2;
  return { text: words.join(" "), labels: [rng.int(2), weak ? 1 : 0, has("w3") ? 1 : 0] };
};
const task = createMultiLabelTask(
  { name: "synthetic", labelNames: ["noise", "weak", "copy"], train: Array.from({ length: 3000 }, record), eval: { dev: [record()] } },
  tok,
  { sourceLength: 8 },
);
const [NOISE, WEAK, COPY] = [0, 1, 2];
const hCopy = entropy(task.trainLabels.map((l) => l[COPY] as number));

describe("textMiView", () => {
  const view = textMiView(task, { topWords: 10, maxExamples: 1000, seed: 3 });
  it("re-expresses inputs as indicators of the most frequent words and TF-IDF rows", () => {
    expect(view.examples).toHaveLength(1000);
    expect(view.words).toHaveLength(10);
    expect(view.vocabSize).toBe(task.vocab.size);
    expect(view.terms.length).toBeLessThanOrEqual(30);
    expect(view.words.some((w) => task.sourceSpecials.includes(w))).toBe(false);
    for (const e of view.examples.slice(0, 50)) {
      expect(e.source.every((v) => v === 0 || v === 1)).toBe(true);
      expect(e.source).toHaveLength(10);
    }
    expect(view.features[0]?.indices.length).toBeGreaterThan(0);
    expect(textMiView(task, { topWords: 10, maxExamples: 1000, seed: 3 })).toEqual(view);
    expect(() => textMiView(task, { topWords: 0 })).toThrow(/topWords must be a positive integer, got 0/);
  });
  it("marks presence of the indicator's word", () => {
    const small = textMiView({ ...task, train: task.train.slice(0, 1) }, { topWords: 40 });
    const present = new Set(task.train[0]?.source.filter((t) => !task.sourceSpecials.includes(t)));
    small.words.forEach((w, j) => expect(small.examples[0]?.source[j]).toBe(present.has(w) ? 1 : 0));
    expect(small.words).toHaveLength(present.size);
  });
});

describe("estimateTextMI", () => {
  it("plugin-pairwise: a label that copies a word indicator gets I = H(label), an independent one ≈ 0", () => {
    const table = estimateTextMI(task, { estimator: "plugin-pairwise" });
    const view = textMiView(task);
    const copy = table.positions[COPY];
    // The copy's best word is w3 and, being the same variable, I(1[w3]; copy) = Ĥ(copy) exactly.
    expect(view.words[copy?.sources?.[0] ?? -1]).toBe(tok.vocab.id("w3"));
    expect(copy?.max).toBeCloseTo(hCopy, 10);
    // Independent label: every corrected pairwise term is ≈ 0; 30 clamped terms of sd ≈ 1/(2N) each.
    expect(table.positions[NOISE]?.max).toBeLessThan(0.003);
    expect(table.positions[NOISE]?.score).toBeLessThan(0.01);
    expect(table.scores[COPY]).toBeGreaterThan(table.scores[WEAK] as number);
    expect(table.scores[WEAK]).toBeGreaterThan(table.scores[NOISE] as number);
    expect(table).toMatchObject({ estimator: "plugin-pairwise", n: 3000, sourceLength: view.words.length, targetLength: 3, unit: "nats" });
  });
  it("probe on TF-IDF: ≈ H for the copied word, ≈ 0 for noise", () => {
    const table = estimateTextMI(task, { estimator: "probe", seed: 1 });
    // Held-out CE of a linear probe on a unit-norm TF-IDF row stays a little above 0 for the copy
    // (the w3 weight is scaled by 1/‖row‖), so the gain sits within 0.15 nats of H.
    expect(table.positions[COPY]?.score).toBeGreaterThan(hCopy - 0.15);
    expect(table.positions[COPY]?.score).toBeLessThanOrEqual((table.positions[COPY]?.entropy ?? 0) + 1e-9);
    expect(table.positions[NOISE]?.score).toBeLessThan(0.02);
    expect(table.scores[WEAK]).toBeGreaterThan(0.05);
  });
});

describe("resolveTextOrdering", () => {
  for (const estimator of ESTIMATORS) {
    it.each(STRATEGIES)(`%s with ${estimator} orders the label tokens`, (strategy) => {
      const { permutation, table, view } = resolveTextOrdering(task, { strategy, estimator, seed: 2, maxExamples: 1500 });
      expect(isPermutation(permutation, 3)).toBe(true);
      const mi = strategy === "max-mi" || strategy === "min-mi" || strategy === "greedy-mi";
      expect(table !== undefined && view !== undefined).toBe(mi);
      if (strategy === "max-mi") expect(permutation).toEqual([COPY, WEAK, NOISE]);
      if (strategy === "min-mi") expect(permutation).toEqual([NOISE, WEAK, COPY]);
      if (strategy === "greedy-mi") expect(permutation[0]).toBe(COPY);
      if (strategy === "plain") expect(permutation).toEqual([0, 1, 2]);
    });
  }
});
