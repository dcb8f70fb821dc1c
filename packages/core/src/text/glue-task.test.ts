import { describe, expect, it } from "vitest";
import { tinyTokenizer } from "./classification-fixtures";
import { createGlueTask } from "./glue-task";
import type { LabeledText, TextDataset, Tokenizer } from "./types";

const WORDS = ["a", "man", "sleeps", "is", "awake", "never", "dog", "runs", "cat", "zebra"];
const VERBALIZER_WORDS = ["entailment", "not", "neutral", "contradiction", "negative", "positive", "different", "topics", "same", "topic", "share", "details", "roughly", "mostly", "completely", "equivalent"];
const tok = tinyTokenizer([...WORDS, ...VERBALIZER_WORDS]);
const id = (t: string) => tok.vocab.id(t);
const ids = (s: string) => s.split(" ").map(id);

const rte: TextDataset<LabeledText> = {
  name: "glue/RTE",
  labelNames: ["entailment", "not_entailment"],
  train: [
    { text: "a man sleeps", textB: "a man is awake", label: "not_entailment" },
    { text: "a dog runs", textB: "a dog never runs", label: "not_entailment" },
    { text: "a cat runs", textB: "a cat runs", label: "entailment" },
    { text: "a man is awake", textB: "a man is awake", label: "entailment" },
  ],
  eval: {
    dev: [
      { text: "a zebra runs", textB: "a zebra runs", label: "entailment", origin: { file: "glue/RTE/dev.tsv", line: 2 } },
      { text: "a dog sleeps", textB: "a dog never sleeps", label: "not_entailment", origin: { file: "glue/RTE/dev.tsv", line: 3 } },
    ],
  },
};

describe("createGlueTask", () => {
  const task = createGlueTask("RTE", rte, tok, { sourceLength: 9 });

  it("lays out `text <sep> textB`, left-padded, and targets the padded verbalizer", () => {
    expect(task.name).toBe("glue/RTE");
    expect(task.vocab).toBe(tok.vocab);
    expect(task.separator).toBe(id("<sep>"));
    expect(task.targetLength).toBe(2);
    expect(task.verbalizers).toEqual([ids("entailment <pad>"), ids("not entailment")]);
    expect(task.train[0]).toEqual({ source: ids("<pad> a man sleeps <sep> a man is awake"), target: ids("not entailment") });
    expect(task.train[2]).toEqual({ source: ids("<pad> <pad> a cat runs <sep> a cat runs"), target: ids("entailment <pad>") });
    // 3 + 1 + 4 = 8 into 6: the longer second sentence loses 2 tokens.
    const short = createGlueTask("rte", rte, tok, { sourceLength: 6 });
    expect(short.train[0]?.source).toEqual(ids("a man sleeps <sep> a man"));
    expect(task.format(task.train[0]?.source ?? [], task.train[0]?.target ?? [])).toBe("a man sleeps <sep> a man is awake <sep> not entailment");
  });
  it("keeps gold labels per split and decodes generated verbalizers back to classes", () => {
    expect(task.testSplit).toBe("dev");
    expect(task.gold.dev).toEqual([{ label: 0 }, { label: 1 }]);
    expect(task.trainGold.map((g) => g.label)).toEqual([1, 1, 0, 0]);
    expect(task.decodeLabel(ids("not entailment"))).toBe(1);
    expect(task.decodeLabel(ids("entailment <pad>"))).toBe(0);
    expect(task.decodeLabel(ids("entailment entailment"))).toBeNull();
  });
  it("scores with GLUE's metric and counts unrecognised decodes as wrong", () => {
    expect(task.primaryMetric).toBe("accuracy");
    expect(task.evaluate(task.test.map((e) => e.target))).toEqual({ split: "dev", n: 2, score: 1, metrics: { accuracy: 1 }, unrecognised: 0 });
    expect(task.evaluate([ids("entailment <pad>"), ids("not not")])).toEqual({ split: "dev", n: 2, score: 0.5, metrics: { accuracy: 0.5 }, unrecognised: 1 });
  });
  it("says whether strategies can differ", () => {
    expect(task.orderable).toBe(true);
    expect(task.positionDeterminesLabel).toEqual([true, true]);
    expect(task.orderReason).toMatch(/each of which alone determines the class/);
    const sst2: TextDataset<LabeledText> = {
      name: "glue/SST-2",
      labelNames: ["0", "1"],
      train: [{ text: "a dog", label: "1" }],
      eval: { dev: [{ text: "a cat", label: "0" }] },
    };
    const single = createGlueTask("sst2", sst2, tok, { sourceLength: 4 });
    expect(single.targetLength).toBe(1);
    expect(single.orderable).toBe(false);
    expect(single.orderReason).toBe(
      "every SST-2 verbalizer (negative, positive) is one token under the tiny-word tokenizer: the target has one position, so every strategy trains the same sequence",
    );
    expect(single.train[0]).toEqual({ source: ids("<pad> <pad> a dog"), target: ids("positive") });
  });
  it("prefixes the keyword fitted on the training split only", () => {
    const kw = createGlueTask("rte", rte, tok, { sourceLength: 11, keywordPrefix: true });
    expect(kw.name).toBe("glue/RTE+keyword");
    const scores = kw.keywordScores as ReadonlyMap<number, number>;
    // "zebra" occurs only in the dev split: it gets no score and is never a keyword.
    expect(scores.has(id("zebra"))).toBe(false);
    expect(scores.has(id("<sep>"))).toBe(false);
    // Per-token MI with the label, by hand (4 examples, classes 2/2): "sleeps" and "never" occur once,
    // both in not_entailment; "cat" once in entailment; "a" everywhere (I = 0). A word in one example
    // of one class: plug-in I = H(label) + H(x) − H(x, label) with counts {2,2}, {3,1}, {1,1,2}.
    const h = (c: number[]) => {
      const n = c.reduce((a, b) => a + b, 0);
      return -c.reduce((a, k) => a + (k / n) * Math.log(k / n), 0) + (c.length - 1) / (2 * n);
    };
    const once = h([2, 2]) + h([3, 1]) - h([1, 1, 2]);
    expect(scores.get(id("sleeps"))).toBeCloseTo(Math.max(0, once), 12);
    expect(scores.get(id("a"))).toBe(0);
    // Every training input's keyword is its highest-scoring token, the first one on ties.
    for (const e of kw.train) {
      expect(e.source[1]).toBe(id("<sep>"));
      const body = e.source.slice(2).filter((t) => t !== id("<pad>") && t !== id("<sep>"));
      const best = Math.max(...body.map((t) => scores.get(t) ?? -1));
      expect(scores.get(e.source[0] as number)).toBe(best);
      expect(body.find((t) => scores.get(t) === best)).toBe(e.source[0]);
    }
    expect(kw.train[0]?.source.slice(2)).toEqual(ids("<pad> a man sleeps <sep> a man is awake"));
    expect(kw.evaluate(kw.test.map((e) => e.target)).score).toBe(1);
  });
  it("builds both MNLI evaluation splits, matched as test", () => {
    const mnli: TextDataset<LabeledText> = {
      name: "glue/MNLI",
      labelNames: ["entailment", "neutral", "contradiction"],
      train: [{ text: "a dog", textB: "a cat", label: "neutral" }],
      eval: {
        dev_mismatched: [{ text: "a man", textB: "a man", label: "entailment" }],
        dev_matched: [{ text: "a cat", textB: "a dog", label: "contradiction" }],
      },
    };
    const task = createGlueTask("glue/MNLI", mnli, tok, { sourceLength: 5 });
    expect(task.testSplit).toBe("dev_matched");
    expect(task.targetLength).toBe(1);
    expect(task.evaluate([ids("contradiction")]).score).toBe(1);
    expect(task.evaluate([ids("contradiction")], "dev_mismatched").score).toBe(0);
  });
  it("bins STS-B and correlates predicted bins with the gold scores", () => {
    const stsb: TextDataset<LabeledText> = {
      name: "glue/STS-B",
      labelNames: [],
      train: [{ text: "a dog", textB: "a dog", label: "4.8" }],
      eval: {
        dev: [
          { text: "a dog", textB: "a dog", label: "4.6" },
          { text: "a dog", textB: "a cat", label: "0.4" },
          { text: "a man", textB: "a cat", label: "1.0" },
        ],
      },
    };
    const task = createGlueTask("stsb", stsb, tok, { sourceLength: 6 });
    expect(task.train[0]?.target).toEqual(ids("completely equivalent"));
    expect(task.positionDeterminesLabel).toEqual([true, false]);
    expect(task.orderReason).toBe("2 target positions; position(s) 0 alone determine the class");
    const r = task.evaluate([ids("completely equivalent"), ids("different topics"), ids("a a")]);
    // Same predictions as the STS-B case of metrics.test.ts: values (5, 0, 5) vs scores (4.6, 0.4, 1.0).
    expect(r.metrics.pearson).toBeCloseTo(8 / Math.sqrt((150 / 9) * 10.32), 12);
    expect(r.unrecognised).toBe(1);
  });
  it("rejects what it cannot encode, naming the record", () => {
    const withLabel = (label: string): TextDataset<LabeledText> => ({ ...rte, train: [{ text: "a", textB: "a", label, origin: { file: "glue/RTE/train.tsv", line: 5 } }] });
    expect(() => createGlueTask("rte", withLabel("yes"), tok, { sourceLength: 5 })).toThrow(
      'RTE: unknown label "yes" at glue/RTE/train.tsv:5; valid labels: 0, 1, entailment, not_entailment',
    );
    expect(() => createGlueTask("rte", { ...rte, train: [{ text: "a", label: "0", origin: { file: "t.tsv", line: 2 } }] }, tok, { sourceLength: 5 })).toThrow(
      "RTE is a sentence-pair task; the record at t.tsv:2 has no second sentence",
    );
    expect(() => createGlueTask("cola", rte, tok, { sourceLength: 5 })).toThrow("dataset glue/RTE is not GLUE CoLA");
    expect(() => createGlueTask("rte", rte, tok, { sourceLength: 2, keywordPrefix: true })).toThrow(/sourceLength must be an integer ≥ 3, got 2/);
    const noVerbalizers: Tokenizer = tinyTokenizer(WORDS);
    expect(() => createGlueTask("rte", rte, noVerbalizers, { sourceLength: 9 })).toThrow(
      'RTE verbalizer "entailment" encodes to [<unk>] under the tiny-word tokenizer; build the tokenizer with the verbalizer words (entailment, not entailment) in its vocabulary',
    );
  });
});
