import { createArithmeticTask, blockSize, type SeqTask } from "@orderbench/core/tasks";
import { configFromPreset } from "./model/config";
import type { TrainOptions } from "./train";

/** A tiny, fast training setup for tests: 1 layer, width 16, 1-digit addition. */
export function tinyRun(overrides: Partial<TrainOptions> = {}, task?: SeqTask): TrainOptions {
  const t = task ?? createArithmeticTask({ op: "add", digits: 1, trainSize: 80, testSize: 20, seed: 0 });
  return {
    task: t,
    permutation: Array.from({ length: t.targetLength }, (_, i) => i),
    model: configFromPreset("nanogpt", { vocabSize: t.vocab.size, blockSize: blockSize(t) }, { nLayer: 1, nHead: 2, nEmbd: 16 }),
    seed: 1,
    steps: 20,
    batchSize: 8,
    optimizer: { lr: 3e-3, weightDecay: 0.1, beta1: 0.9, beta2: 0.99, gradClip: 1 },
    schedule: { warmupSteps: 2, minLrRatio: 0.1 },
    evalInterval: 10,
    evalSize: 20,
    checkpointInterval: 10,
    ...overrides,
  };
}
