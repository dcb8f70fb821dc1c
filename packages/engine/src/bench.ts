import * as tf from "@tensorflow/tfjs";
import { createRng } from "@orderbench/core/rng";
import { createArithmeticTask, blockSize, type SeqExample, type SeqTask } from "@orderbench/core/tasks";
import type { ModelPreset } from "@orderbench/core/presets";
import { createVocab } from "@orderbench/core/vocab";
import { configFromPreset } from "./model/config";
import { train } from "./train";

export interface TrainingBench {
  preset: ModelPreset;
  batchSize: number;
  blockSize: number;
  /** Token vocabulary of the model: 14 for mul:2, or the `vocabSize` asked for. */
  vocabSize: number;
  numParams: number;
  steps: number;
  tokensPerSec: number;
  msPerStep: number;
}

export interface TrainingBenchOptions {
  preset: ModelPreset;
  batchSize: number;
  steps: number;
  /** Untimed steps first (kernel compilation, wasm memory growth); default 3. */
  warmup?: number;
  /**
   * Train on random token rows of this vocabulary (same block size as mul:2) instead of mul:2: the
   * cost of the embedding, the tied head and the loss at word-level or GPT-2 BPE (50,257) vocabularies.
   */
  vocabSize?: number;
}

/**
 * Training throughput on 2-digit multiplication (the paper's headline task), or on random rows of a
 * given vocabulary: `warmup` untimed steps, then `steps` timed ones. Tokens are B·T per step.
 */
export async function benchTraining(o: TrainingBenchOptions): Promise<TrainingBench> {
  const mul = createArithmeticTask({ op: "mul", digits: 2, trainSize: 4096, testSize: 16, seed: 0 });
  const task = o.vocabSize === undefined ? mul : randomTask(o.vocabSize, mul.sourceLength, mul.targetLength, 4096, 16);
  const warmup = o.warmup ?? 3;
  const marks: number[] = [];
  let numParams = 0;
  const r = await train({
    task,
    permutation: [0, 1, 2, 3],
    model: configFromPreset(o.preset, { vocabSize: task.vocab.size, blockSize: blockSize(task) }),
    seed: 0,
    steps: warmup + o.steps,
    batchSize: o.batchSize,
    optimizer: { lr: 1e-3, weightDecay: 0.1, beta1: 0.9, beta2: 0.99, gradClip: 1 },
    schedule: { warmupSteps: 0, minLrRatio: 1 },
    evalInterval: Number.MAX_SAFE_INTEGER,
    evalSize: 1,
    checkpointInterval: Number.MAX_SAFE_INTEGER,
    onStep: (s) => {
      if (s.step === warmup || s.step === warmup + o.steps) marks.push(performance.now());
    },
  });
  numParams = r.numParams;
  const ms = (marks[1] as number) - (marks[0] as number);
  const t = blockSize(task);
  return {
    preset: o.preset,
    batchSize: o.batchSize,
    blockSize: t,
    vocabSize: task.vocab.size,
    numParams,
    steps: o.steps,
    tokensPerSec: (o.steps * o.batchSize * t * 1000) / ms,
    msPerStep: ms / o.steps,
  };
}

/** Rows of uniformly random tokens over `vocabSize` ids (the separator is id 0). */
export function randomTask(vocabSize: number, sourceLength: number, targetLength: number, trainSize: number, testSize: number): SeqTask {
  if (!Number.isInteger(vocabSize) || vocabSize < 2) throw new Error(`vocabSize must be an integer >= 2, got ${vocabSize}`);
  const rng = createRng(vocabSize);
  const tokens = (n: number): number[] => Array.from({ length: n }, () => Math.floor(rng.next() * vocabSize));
  const examples = (n: number): SeqExample[] => Array.from({ length: n }, () => ({ source: tokens(sourceLength), target: tokens(targetLength) }));
  return {
    name: `random:${vocabSize}`,
    vocab: createVocab(Array.from({ length: vocabSize }, (_, i) => `t${i}`)),
    separator: 0,
    sourceLength,
    targetLength,
    train: examples(trainSize),
    test: examples(testSize),
    format: (source, target) => `${source.join(" ")} | ${target.join(" ")}`,
  };
}

/** Dense fp32 matmul n×n×n on the active backend: 2n³ flops per product. */
export async function benchMatmul(n: number, reps = 5): Promise<{ n: number; gflops: number }> {
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const once = async (): Promise<void> => {
    const c = tf.matMul(a, b);
    await c.data();
    c.dispose();
  };
  await once();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await once();
  const s = (performance.now() - t0) / 1000;
  a.dispose();
  b.dispose();
  return { n, gflops: (2 * n ** 3 * reps) / s / 1e9 };
}
