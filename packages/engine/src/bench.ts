import * as tf from "@tensorflow/tfjs";
import { createArithmeticTask, blockSize } from "@orderbench/core/tasks";
import type { ModelPreset } from "@orderbench/core/presets";
import { configFromPreset } from "./model/config";
import { train } from "./train";

export interface TrainingBench {
  preset: ModelPreset;
  batchSize: number;
  blockSize: number;
  numParams: number;
  steps: number;
  tokensPerSec: number;
  msPerStep: number;
}

/**
 * Training throughput on 2-digit multiplication (the paper's headline task): `warmup` untimed steps
 * (kernel compilation, wasm memory growth), then `steps` timed ones. Tokens are B·T per step.
 */
export async function benchTraining(o: { preset: ModelPreset; batchSize: number; steps: number; warmup?: number }): Promise<TrainingBench> {
  const task = createArithmeticTask({ op: "mul", digits: 2, trainSize: 4096, testSize: 16, seed: 0 });
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
    numParams,
    steps: o.steps,
    tokensPerSec: (o.steps * o.batchSize * t * 1000) / ms,
    msPerStep: ms / o.steps,
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
