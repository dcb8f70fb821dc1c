import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createGenerationTask, type GenerationSpec, type GenerationTask } from "@orderbench/core/text/generation";
import type { Tokenizer } from "@orderbench/core/text/types";
import { createVocab } from "@orderbench/core/vocab";
import { selectBackend } from "./backend";
import type { Checkpoint } from "./checkpoint";
import { targetLogProbs, windowPerplexity } from "./likelihood";
import { configFromPreset, type GPTConfig } from "./model/config";
import { GPT } from "./model/gpt";
import { tinyRun } from "./test-helpers";
import { train } from "./train";

beforeAll(async () => {
  await selectBackend("wasm");
});

// A tiny grammar, `det noun verb det noun .`: predictable enough that a 1-layer model learns it in a
// few hundred updates, varied enough that held-out sentences are new.
const DET = ["the", "a"];
const NOUN = ["cat", "dog", "bird", "fox", "owl", "hen"];
const VERB = ["sees", "eats", "chases", "hears"];
const SENTENCES = NOUN.flatMap((n1, i) => VERB.flatMap((v, j) => NOUN.map((n2, k) => `${DET[(i + k) % 2]} ${n1} ${v} ${DET[(j + k) % 2]} ${n2} .`)));

function wordTokenizer(words: readonly string[]): Tokenizer {
  const vocab = createVocab(["<bos>", "<sep>", ...words]);
  return {
    kind: "word",
    vocab,
    encode: (text) => text.split(" ").map((w) => vocab.id(w)),
    decode: (ids) => ids.map((i) => vocab.token(i)).join(" "),
    special: (name) => vocab.id(name),
  };
}
const TOKENIZER = wordTokenizer([...DET, ...NOUN, ...VERB, "."]);

const task = (over: Partial<GenerationSpec> = {}): GenerationTask =>
  createGenerationTask({ name: "grammar", sentences: SENTENCES, tokenizer: TOKENIZER, strategy: "plain", scorer: "tfidf", blockSize: 16, testFraction: 0.25, seed: 1, ...over });
const config = (t: GenerationTask): GPTConfig =>
  configFromPreset("nanogpt", { vocabSize: t.vocab.size, blockSize: t.targetLength }, { nLayer: 1, nHead: 2, nEmbd: 16 });

describe("targetLogProbs", () => {
  it("scores each window token given <bos> and the tokens before it", async () => {
    const t = task();
    const model = new GPT(config(t), 2);
    const lp = await targetLogProbs(model, t, t.test.slice(0, 2), 64);
    const w = t.test[1]?.target as number[];
    const manual = tf.tidy(() => {
      const x = tf.tensor2d([[t.separator, ...w.slice(0, -1)]], [1, 16], "int32");
      const logp = tf.logSoftmax(model.forward(x).reshape([16, -1])); // [T, V]
      return tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(w, "int32"), t.vocab.size)), 1); // [T]
    });
    const expected = (await manual.data()) as Float32Array;
    manual.dispose();
    expected.forEach((v, k) => expect(lp[16 + k]).toBeCloseTo(v, 5));
    model.dispose();
  });

  it("gives the same values at any batch size and keeps tf.memory().numTensors flat", async () => {
    const t = task();
    const model = new GPT(config(t), 2);
    const before = tf.memory().numTensors;
    const whole = await targetLogProbs(model, t, t.test, 64);
    expect(tf.memory().numTensors).toBe(before);
    const batched = await targetLogProbs(model, t, t.test, 3); // 3 does not divide the window count
    expect(tf.memory().numTensors).toBe(before);
    expect(t.test.length % 3).not.toBe(0);
    expect(whole).toHaveLength(t.test.length * 16);
    whole.forEach((v, i) => expect(batched[i]).toBeCloseTo(v, 5));
    await windowPerplexity(model, t, t.test, 3);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe("windowPerplexity", () => {
  it("is the vocabulary size for a uniform model, and V^(total/original) with inserted keywords", async () => {
    const plain = task();
    const model = new GPT(config(plain), 2);
    const weights = await model.getWeights();
    const wte = weights.wte as { shape: number[]; data: Float32Array };
    model.setWeights({ ...weights, wte: { shape: wte.shape, data: new Float32Array(wte.data.length) } }); // logits = 0
    const v = plain.vocab.size;
    const p = await windowPerplexity(model, plain, plain.test);
    expect(p.originalTokens).toBe(plain.stats.testOriginalTokens);
    expect(p.totalTokens).toBe(p.originalTokens);
    expect(p.perplexity).toBeCloseTo(v, 4);
    const kw = task({ strategy: "max-mi" });
    const f = await windowPerplexity(model, kw, kw.test);
    expect(f.originalTokens).toBe(p.originalTokens);
    expect(f.totalTokens).toBe(p.originalTokens + 2 * kw.stats.testSentences);
    expect(f.perplexity).toBeCloseTo(v ** (f.totalTokens / f.originalTokens), 3);
    model.dispose();
  });

  it("computes plain bit-identically through the insertion path with zero keywords", async () => {
    const plain = task();
    const none = task({ strategy: "max-mi", keywordsPerSentence: 0 });
    const model = new GPT(config(plain), 4);
    const a = await windowPerplexity(model, plain, plain.test, 3);
    const b = await windowPerplexity(model, none, none.test, 3);
    expect(b).toEqual(a);
    expect(Object.is(b.perplexity, a.perplexity)).toBe(true);
    expect(await targetLogProbs(model, none, none.test, 3)).toEqual(await targetLogProbs(model, plain, plain.test, 3));
    model.dispose();
  });

  it("falls when a tiny model trains on the task, for plain and max-mi", async () => {
    for (const strategy of ["plain", "max-mi"] as const) {
      const t = task({ strategy });
      const cfg = config(t);
      let last: Checkpoint | undefined;
      const run = await train(
        tinyRun(
          { model: cfg, steps: 120, batchSize: 8, evalInterval: 120, evalSize: 2, checkpointInterval: 120, optimizer: { lr: 1e-2, weightDecay: 0, beta1: 0.9, beta2: 0.99, gradClip: 1 }, onCheckpoint: (c) => void (last = c) },
          t,
        ),
      );
      expect(run.status).toBe("completed");
      const initial = new GPT(cfg, 1); // train() builds its model from the same config and seed
      const trained = new GPT(cfg, 1);
      trained.setWeights((last as Checkpoint).weights);
      const before = await windowPerplexity(initial, t, t.test);
      const after = await windowPerplexity(trained, t, t.test);
      expect(before.perplexity).toBeGreaterThan(0.8 * t.vocab.size ** (before.totalTokens / before.originalTokens));
      expect(after.perplexity).toBeLessThan(before.perplexity / 2);
      initial.dispose();
      trained.dispose();
    }
  });
});
