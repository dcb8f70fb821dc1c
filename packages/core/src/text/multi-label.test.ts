import { describe, expect, it } from "vitest";
import { decode, encode } from "../ordering";
import { tinyTokenizer } from "./classification-fixtures";
import { createMultiLabelTask, labelToken } from "./multi-label";
import type { MultiLabelText, TextDataset } from "./types";

const tok = tinyTokenizer(["you", "are", "an", "idiot", "thanks", "for", "the", "edit", "i", "will", "hurt"]);
const LABELS = ["toxic", "insult", "threat"];
const dataset: TextDataset<MultiLabelText> = {
  name: "toxic",
  labelNames: LABELS,
  train: [
    { text: "you are an idiot", labels: [1, 1, 0] },
    { text: "thanks for the edit", labels: [0, 0, 0] },
    { text: "i will hurt you", labels: [1, 0, 1] },
  ],
  eval: {
    dev: [
      { text: "thanks you idiot", labels: [1, 1, 0] },
      { text: "the edit", labels: [0, 0, 0] },
    ],
    test: [{ text: "hurt", labels: [1, 0, 1] }],
  },
};
const id = (t: string) => tok.vocab.id(t);

describe("createMultiLabelTask", () => {
  const task = createMultiLabelTask(dataset, tok, { sourceLength: 4 });
  const t = (name: string, v: number) => task.vocab.id(labelToken(name, v));

  it("extends the tokenizer's vocabulary with one token per label value, ids of the tokenizer unchanged", () => {
    expect(task.vocab.size).toBe(tok.vocab.size + 6);
    for (const w of tok.vocab.tokens) expect(task.vocab.id(w)).toBe(tok.vocab.id(w));
    expect(task.vocab.tokens.slice(tok.vocab.size)).toEqual(["toxic=0", "toxic=1", "insult=0", "insult=1", "threat=0", "threat=1"]);
    expect(task.labelTokens).toEqual(LABELS.map((n) => [t(n, 0), t(n, 1)]));
  });
  it("left-pads the text to sourceLength and emits the labels in column order", () => {
    expect(task.separator).toBe(id("<sep>"));
    expect(task.sourceLength).toBe(4);
    expect(task.targetLength).toBe(3);
    expect(task.train[0]).toEqual({ source: ["you", "are", "an", "idiot"].map(id), target: [t("toxic", 1), t("insult", 1), t("threat", 0)] });
    expect(task.test[1]?.source).toEqual(["<pad>", "<pad>", "the", "edit"].map(id));
    expect(task.trainLabels).toEqual(dataset.train.map((r) => r.labels));
    expect(task.format(task.test[0]?.source ?? [], task.test[0]?.target ?? [])).toBe("thanks you idiot <sep> toxic=1 insult=1 threat=0");
  });
  it("keeps every evaluation split, the first as test unless one is named", () => {
    expect(task.testSplit).toBe("dev");
    expect(Object.keys(task.evalSplits)).toEqual(["dev", "test"]);
    expect(createMultiLabelTask(dataset, tok, { sourceLength: 4, evalSplit: "test" }).test).toEqual(task.evalSplits.test);
    expect(() => createMultiLabelTask(dataset, tok, { sourceLength: 4, evalSplit: "valid" })).toThrow(/no evaluation split "valid"; splits: dev, test/);
  });
  it("is orderable with more than one label", () => {
    expect(task.orderable).toBe(true);
    const one = createMultiLabelTask({ ...dataset, labelNames: ["toxic"], train: [{ text: "x", labels: [1] }], eval: { dev: [{ text: "y", labels: [0] }] } }, tok, { sourceLength: 2 });
    expect(one.orderable).toBe(false);
    expect(one.orderReason).toMatch(/every strategy trains the same sequence/);
  });
  it("decodes generated targets after the inverse permutation and scores them", () => {
    const perm = [2, 0, 1];
    const generated = task.test.map((e) => encode(e.target, perm));
    const plain = generated.map((g) => decode(g, perm));
    expect(plain).toEqual(task.test.map((e) => e.target));
    expect(task.decodeLabels(plain[0] ?? [])).toEqual([1, 1, 0]);
    const perfect = task.evaluate(plain);
    expect(perfect).toMatchObject({ split: "dev", n: 2, score: 1, unrecognised: 0 });
    expect(perfect.metrics).toMatchObject({ accuracy: 1, exactSetMatch: 1, microF1: 1, "f1/toxic": 1, "f1/threat": 0 });
    // A label token in the wrong position is no label of that position: unrecognised, scored wrong.
    const swapped = [[t("insult", 1), t("insult", 1), t("threat", 0)], plain[1] ?? []];
    expect(task.decodeLabels(swapped[0] ?? [])).toEqual([null, 1, 0]);
    const r = task.evaluate(swapped);
    expect(r.unrecognised).toBe(1);
    expect(r.metrics.exactSetMatch).toBe(0.5);
    expect(r.metrics.accuracy).toBeCloseTo(5 / 6, 12);
    // Prefix of the split: the first example only.
    expect(task.evaluate([plain[0] ?? []]).n).toBe(1);
    expect(task.evaluate([[t("toxic", 1), t("insult", 0), t("threat", 1)]], "test").score).toBe(1);
    expect(() => task.evaluate([[1, 2]])).toThrow(/prediction 0 has 2 tokens, the target has 3/);
    expect(() => task.evaluate([...plain, ...plain])).toThrow(/4 predictions for the 2 examples of split dev/);
  });
  it("samples the splits with the seed", () => {
    const small = createMultiLabelTask(dataset, tok, { sourceLength: 4, trainSize: 2, testSize: 1, seed: 1 });
    expect(small.train).toHaveLength(2);
    expect(small.test).toHaveLength(1);
    expect(createMultiLabelTask(dataset, tok, { sourceLength: 4, trainSize: 2, testSize: 1, seed: 1 }).train).toEqual(small.train);
  });
  it("rejects malformed records, naming the value and where it came from", () => {
    const bad = (labels: number[]) => ({ ...dataset, train: [{ text: "x", labels, origin: { file: "toxic/train.csv", line: 9 } }] });
    expect(() => createMultiLabelTask(bad([1, -1, 0]), tok, { sourceLength: 4 })).toThrow("dataset toxic: label insult = -1 at toxic/train.csv:9; valid values: 0, 1");
    expect(() => createMultiLabelTask(bad([1, 0]), tok, { sourceLength: 4 })).toThrow(/at toxic\/train.csv:9 has 2 labels, expected 3 \(toxic, insult, threat\)/);
    expect(() => createMultiLabelTask({ ...dataset, labelNames: ["a b"] }, tok, { sourceLength: 4 })).toThrow(/label name "a b" must be non-empty and without spaces/);
    expect(() => createMultiLabelTask(dataset, tok, { sourceLength: 0 })).toThrow(/sourceLength must be an integer ≥ 1, got 0/);
  });
});
