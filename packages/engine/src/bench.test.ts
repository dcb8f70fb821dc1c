import { beforeAll, describe, expect, it } from "vitest";
import { countParameters, MODEL_PRESETS } from "@orderbench/core/presets";
import { selectBackend } from "./backend";
import { benchTraining, randomTask } from "./bench";

beforeAll(async () => {
  await selectBackend("wasm");
});

describe("benchTraining", () => {
  it("trains on mul:2 by default: vocabulary 14, block size 9", async () => {
    const r = await benchTraining({ preset: "nanogpt", batchSize: 4, steps: 1, warmup: 1 });
    expect(r).toMatchObject({ preset: "nanogpt", batchSize: 4, blockSize: 9, vocabSize: 14, steps: 1 });
    expect(r.numParams).toBe(countParameters(MODEL_PRESETS.nanogpt, 14, 9));
  });

  it("trains at the GPT-2 vocabulary when asked, on rows of the same block size", async () => {
    const r = await benchTraining({ preset: "nanogpt", batchSize: 4, steps: 1, warmup: 1, vocabSize: 50_257 });
    expect(r).toMatchObject({ blockSize: 9, vocabSize: 50_257 });
    expect(r.numParams).toBe(countParameters(MODEL_PRESETS.nanogpt, 50_257, 9));
  });
});

describe("randomTask", () => {
  it("draws every token from the vocabulary, repeatably", () => {
    const a = randomTask(50_257, 5, 4, 200, 3);
    const ids = a.train.flatMap((e) => [...e.source, ...e.target]);
    expect(ids.every((i) => Number.isInteger(i) && i >= 0 && i < 50_257)).toBe(true);
    expect(new Set(ids).size).toBeGreaterThan(1_000);
    expect(a.train[0]?.source).toHaveLength(5);
    expect(a.train[0]?.target).toHaveLength(4);
    expect(randomTask(50_257, 5, 4, 200, 3).train).toEqual(a.train);
    expect(() => randomTask(1, 5, 4, 1, 1)).toThrow(/vocabSize/);
  });
});
