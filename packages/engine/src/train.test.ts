import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createArithmeticTask } from "@orderbench/core/tasks";
import { deserializeCheckpoint, serializeCheckpoint, type Checkpoint } from "./checkpoint";
import { tinyRun } from "./test-helpers";
import { BackendCapacityError, WASM_MAX_TRAIN_PARAMS, selectBackend } from "./backend";
import { train } from "./train";

beforeAll(async () => {
  await selectBackend("wasm");
});

describe("train", () => {
  it("overfits one fixed batch within a step budget", async () => {
    const task = createArithmeticTask({ op: "add", digits: 1, trainSize: 8, testSize: 8, seed: 3 });
    task.test = task.train; // evaluate on the memorised batch itself
    const losses: number[] = [];
    const r = await train(
      tinyRun({ steps: 150, batchSize: 8, evalInterval: 150, evalSize: 8, schedule: { warmupSteps: 0, minLrRatio: 1 }, optimizer: { lr: 1e-2, weightDecay: 0, beta1: 0.9, beta2: 0.99, gradClip: 1 }, onStep: (s) => void losses.push(s.loss) }, task),
    );
    expect(r.status).toBe("completed");
    expect(losses[0]).toBeGreaterThan(1.5);
    expect(losses.at(-1)).toBeLessThan(0.05);
    expect(r.final?.exactMatch).toBe(1);
  });

  it("repeats exactly with the same seed and differs with another", async () => {
    const run = async (seed: number): Promise<number[]> => {
      const losses: number[] = [];
      await train(tinyRun({ seed, steps: 8, onStep: (s) => void losses.push(s.loss) }));
      return losses;
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(await run(6)).not.toEqual(a);
  });

  it("keeps tf.memory().numTensors flat across steps and generation, and frees everything at the end", async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await train(tinyRun({ steps: 12, evalInterval: 4, onStep: () => void counts.push(tf.memory().numTensors), onEval: () => void counts.push(tf.memory().numTensors) }));
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("resumes from a checkpoint with the uninterrupted run's losses", async () => {
    const full: number[] = [];
    await train(tinyRun({ steps: 20, checkpointInterval: 100, onStep: (s) => void full.push(s.loss) }));
    let saved: Checkpoint | undefined;
    const first: number[] = [];
    await train(
      tinyRun({ steps: 20, checkpointInterval: 10, onStep: (s) => void first.push(s.loss), onCheckpoint: (c) => void (c.step === 10 && (saved = c)) }),
    );
    expect(saved?.step).toBe(10);
    // Through bytes, as a worker would store it.
    const resume = deserializeCheckpoint(serializeCheckpoint(saved as Checkpoint));
    const rest: number[] = [];
    const r = await train(tinyRun({ steps: 20, resume, onStep: (s) => void rest.push(s.loss) }));
    expect(r.step).toBe(20);
    expect(rest).toEqual(full.slice(10));
  });

  it("stops at an abort signal and checkpoints where it stopped", async () => {
    const controller = new AbortController();
    let saved: Checkpoint | undefined;
    const r = await train(
      tinyRun({ steps: 100, signal: controller.signal, onStep: (s) => void (s.step === 7 && controller.abort()), onCheckpoint: (c) => void (saved = c) }),
    );
    expect(r.status).toBe("aborted");
    expect(r.step).toBe(7);
    expect(saved?.step).toBe(7);
  });

  it("refuses on wasm a model too large for its heap, before allocating it, naming the limit and the way out", async () => {
    const base = tinyRun();
    // gpt2-small's shape at GPT-2's vocabulary: 124M parameters.
    const big = { ...base.model, nLayer: 12, nHead: 12, nEmbd: 768, vocabSize: 50_257 };
    const before = tf.memory().numTensors;
    await expect(train({ ...base, model: big })).rejects.toBeInstanceOf(BackendCapacityError);
    await expect(train({ ...base, model: big })).rejects.toThrow(
      new RegExp(`123,\\d{3},\\d{3} parameters does not fit the wasm backend's 4 GB heap .*limit ${WASM_MAX_TRAIN_PARAMS.toLocaleString("en-US")}.*webgpu or tensorflow backend`),
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it("reports a diverged run instead of crashing", async () => {
    const r = await train(tinyRun({ steps: 30, optimizer: { lr: 1e30, weightDecay: 0, beta1: 0.9, beta2: 0.99, gradClip: 1e30 } }));
    expect(r.status).toBe("diverged");
  });
});
