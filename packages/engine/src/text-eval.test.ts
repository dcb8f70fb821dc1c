import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { classificationMetric, sizePlan, type RunPlan } from "@orderbench/core/plan";
import { RunSpecSchema } from "@orderbench/core/spec";
import { createGenerationTask, type GenerationTask } from "@orderbench/core/text/generation";
import { GLUE_TASKS } from "@orderbench/core/text/glue";
import { createGlueTask, type GlueSeqTask } from "@orderbench/core/text/glue-task";
import { createMultiLabelTask } from "@orderbench/core/text/multi-label";
import type { LabeledText } from "@orderbench/core/text/types";
import { buildWordTokenizer } from "@orderbench/core/text/word-tokenizer";
import { selectBackend } from "./backend";
import type { Checkpoint } from "./checkpoint";
import { metricName } from "./classification-eval";
import { encodeExamples } from "./data";
import { greedyDecode } from "./evaluate";
import { createEvaluator } from "./evaluator";
import { windowPerplexity } from "./likelihood";
import { configFromPreset, type GPTConfig } from "./model/config";
import { GPT } from "./model/gpt";
import { executeRun } from "./run";
import { tinyRun } from "./test-helpers";
import { train } from "./train";

beforeAll(async () => {
  await selectBackend("wasm");
});

const tiny = (vocabSize: number, blockSize: number): GPTConfig => configFromPreset("nanogpt", { vocabSize, blockSize }, { nLayer: 1, nHead: 2, nEmbd: 16 });
const fast = { lr: 1e-2, weightDecay: 0, beta1: 0.9, beta2: 0.99, gradClip: 1 };

// Sentence pairs whose label is whether the second sentence repeats the first's animal.
const ANIMALS = ["cat", "dog", "fox", "owl"];
const pairs = (offset: number): LabeledText[] =>
  ANIMALS.flatMap((a, i) => [
    { text: `the ${a} runs`, textB: `a ${a} runs`, label: "entailment" },
    { text: `the ${a} runs`, textB: `a ${ANIMALS[(i + 1 + offset) % 4]} runs`, label: i % 2 ? "neutral" : "contradiction" },
  ]);

function mnliTask(): GlueSeqTask {
  const dataset = { name: "glue/MNLI", labelNames: [], train: pairs(0), eval: { dev_matched: pairs(1), dev_mismatched: pairs(2) } };
  const tokenizer = buildWordTokenizer([...dataset.train.flatMap((r) => [r.text, r.textB as string]), ...GLUE_TASKS.mnli.verbalizers]);
  return createGlueTask("mnli", dataset, tokenizer, { sourceLength: 8 });
}

describe("classification evaluation", () => {
  it("scores each split with task.evaluate, averages MNLI's two, and names every metric", async () => {
    const task = mnliTask();
    const perm = [0];
    const model = new GPT(tiny(task.vocab.size, task.sourceLength + task.targetLength), 3);
    const evaluator = createEvaluator({ kind: "classification", task, splits: ["dev_matched", "dev_mismatched"] }, perm, 100);
    const before = tf.memory().numTensors;
    const s = await evaluator?.evaluate(model, { step: 5, tokens: 320, elapsedMs: () => 7 });
    expect(tf.memory().numTensors).toBe(before);
    expect(evaluator?.direction).toBe("max");

    const expected = await Promise.all(
      (["dev_matched", "dev_mismatched"] as const).map(async (split) => {
        const d = await greedyDecode(model, encodeExamples(task, task.evalSplits[split] ?? [], perm), perm);
        return task.evaluate(d.predictions, split);
      }),
    );
    const [matched, mismatched] = expected;
    expect(s?.metrics.accuracy).toBe(matched?.metrics.accuracy);
    expect(s?.metrics["dev_mismatched/accuracy"]).toBe(mismatched?.metrics.accuracy);
    expect(s?.metrics["dev_mismatched/score"]).toBe(mismatched?.score);
    expect(s?.primary).toBeCloseTo(((matched?.score ?? 0) + (mismatched?.score ?? 0)) / 2, 12);
    expect(s?.metrics.score).toBe(s?.primary);
    expect(s?.metrics.unrecognised).toBe((matched?.unrecognised ?? 0) / 8);
    expect(Object.keys(s?.metrics ?? {})).toEqual(
      expect.arrayContaining(["exact_match", "token_accuracy", "loss", "position_0_accuracy", "score", "accuracy", "unrecognised", "dev_mismatched/unrecognised"]),
    );
    expect(s).toMatchObject({ step: 5, tokens: 320, elapsedMs: 7, n: 8 });
    expect(s?.samples[0]?.input).toBe("the cat runs <sep> a cat runs");
    expect(s?.samples[0]?.gold).toBe("entailment");
    model.dispose();
  });

  it("reports multi-label metrics in snake case, micro-F1 as the score, unrecognised per label position", async () => {
    const labelNames = ["toxic", "insult"];
    const records = ["you are kind", "you idiot", "idiot and fool", "nice day"].map((text, i) => ({ text, labels: [i % 3 === 0 ? 0 : 1, i === 1 ? 1 : 0] }));
    const dataset = { name: "toxic", labelNames, train: records, eval: { dev: records } };
    const task = createMultiLabelTask(dataset, buildWordTokenizer(records.map((r) => r.text)), { sourceLength: 4 });
    const model = new GPT(tiny(task.vocab.size, 6), 1);
    const s = await createEvaluator({ kind: "classification", task, splits: ["dev"] }, [1, 0], 10)?.evaluate(model, { step: 1, tokens: 1, elapsedMs: () => 0 });
    const d = await greedyDecode(model, encodeExamples(task, task.test, [1, 0]), [1, 0]);
    const r = task.evaluate(d.predictions);
    expect(s?.primary).toBe(r.metrics.microF1);
    expect(s?.metrics).toMatchObject({ micro_f1: r.metrics.microF1, macro_f1: r.metrics.macroF1, exact_set_match: r.metrics.exactSetMatch, "f1/insult": r.metrics["f1/insult"] });
    expect(s?.metrics.unrecognised).toBe(r.unrecognised / 8);
    expect(metricName("exactSetMatch")).toBe("exact_set_match");
    expect(metricName("f1/identity_hate")).toBe("f1/identity_hate");
    model.dispose();
  });

  it("learns a separable GLUE task through executeRun: score 1, nothing unrecognised, best at the top", async () => {
    const records: LabeledText[] = ["great fun", "truly great", "dull film", "so dull", "great cast", "dull plot"].map((text) => ({ text, label: text.includes("great") ? "1" : "0" }));
    const dataset = { name: "glue/SST-2", labelNames: ["0", "1"], train: records, eval: { dev: records } };
    const task = createGlueTask("sst2", dataset, buildWordTokenizer([...records.map((r) => r.text), ...GLUE_TASKS.sst2.verbalizers]), { sourceLength: 3 });
    const spec = RunSpecSchema.parse({
      task: "glue/SST-2",
      model: { nLayer: 1, nHead: 2, nEmbd: 16 },
      budget: { steps: 60 },
      batchSize: 6,
      optimizer: fast,
      schedule: { warmupSteps: 0, minLrRatio: 1 },
      evalInterval: 20,
    });
    const plan: RunPlan = {
      ...sizePlan(spec, task),
      ref: { kind: "glue", name: "glue/SST-2", glue: "sst2" },
      task,
      permutation: [0],
      metric: classificationMetric(task, ["dev"]),
      orderable: task.orderable,
      orderReason: task.orderReason,
      evaluation: { kind: "classification", task, splits: ["dev"] },
    };
    const { result } = await executeRun(spec, {}, plan);
    expect(result.evals.map((e) => e.step)).toEqual([20, 40, 60]);
    expect(result.final?.primary).toBe(1);
    expect(result.final?.metrics).toMatchObject({ score: 1, accuracy: 1, unrecognised: 0, exact_match: 1 });
    expect(result.best?.value).toBe(Math.max(...result.evals.map((e) => e.primary)));
    expect(result.evals.map((e) => e.best)).toEqual(result.evals.map((_, i) => Math.max(...result.evals.slice(0, i + 1).map((e) => e.primary))));
  });
});

describe("perplexity evaluation", () => {
  const SENTENCES = ["the cat sees a dog .", "a dog sees the cat .", "the fox eats a hen .", "a hen hears the fox .", "the owl sees a fox .", "a cat eats the owl ."];
  const TOKENS = [...new Set(SENTENCES.flatMap((s) => s.split(" ")))];
  const task = (): GenerationTask =>
    createGenerationTask({
      name: "tiny",
      sentences: [...SENTENCES, ...SENTENCES, ...SENTENCES],
      tokenizer: buildWordTokenizer(TOKENS),
      strategy: "max-mi",
      scorer: "tfidf",
      blockSize: 8,
      testFraction: 0.25,
      seed: 2,
    });

  it("reports the fair perplexity of every test window as the primary metric, best the lowest", async () => {
    const t = task();
    const cfg = tiny(t.vocab.size, t.targetLength);
    const evaluator = createEvaluator({ kind: "perplexity", task: t }, Array.from({ length: 8 }, (_, i) => i), 1);
    expect(evaluator?.direction).toBe("min");
    let last: Checkpoint | undefined;
    const counts: number[] = [];
    const run = await train(
      tinyRun(
        {
          model: cfg,
          permutation: Array.from({ length: 8 }, (_, i) => i),
          steps: 60,
          evalInterval: 15,
          evalSize: 1,
          checkpointInterval: 60,
          optimizer: fast,
          ...(evaluator ? { evaluator } : {}),
          onEval: () => void counts.push(tf.memory().numTensors),
          onCheckpoint: (c) => void (last = c),
        },
        t,
      ),
    );
    expect(new Set(counts).size).toBe(1);
    for (const e of run.evals) {
      expect(e.primary).toBe(e.perplexity);
      expect(e.metrics.perplexity).toBe(e.perplexity);
      expect(e.loss).toBeCloseTo(Math.log(e.perplexity), 9);
      expect(e.metrics.scored_token_loss).toBeLessThan(e.loss);
      expect(e.exactMatch).toBeNaN();
      expect(e.n).toBe(t.test.length);
    }
    const primaries = run.evals.map((e) => e.primary);
    expect(run.best?.value).toBe(Math.min(...primaries));
    expect(run.best?.step).toBe(run.evals[primaries.indexOf(Math.min(...primaries))]?.step);
    expect(primaries.at(-1)).toBeLessThan(primaries[0] as number);

    const trained = new GPT(cfg, 1);
    trained.setWeights((last as Checkpoint).weights);
    expect((await windowPerplexity(trained, t, t.test)).perplexity).toBeCloseTo(run.final?.primary as number, 6);
    trained.dispose();
  });
});
