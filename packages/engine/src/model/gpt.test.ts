import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { countParameters } from "@orderbench/core/presets";
import { ARITHMETIC_TOKENS } from "@orderbench/core/tasks";
import { selectBackend } from "../backend";
import { configFromPreset } from "./config";
import { GPT } from "./gpt";

beforeAll(async () => {
  await selectBackend("wasm");
});

describe("GPT", () => {
  const V = ARITHMETIC_TOKENS.length;
  it("has the paper's parameter counts at the arithmetic vocabulary (METHOD.md: 0.09M and 2.67M)", () => {
    // minGPT's gpt-mini figure is for block size 11; nano's for a digit vocabulary.
    const nano = new GPT(configFromPreset("nanogpt", { vocabSize: V, blockSize: 11 }), 0);
    const mini = new GPT(configFromPreset("gpt2-mini", { vocabSize: V, blockSize: 11 }), 0);
    expect(nano.numParams).toBe(countParameters({ nLayer: 3, nHead: 3, nEmbd: 48 }, V, 11));
    expect(mini.numParams).toBe(countParameters({ nLayer: 6, nHead: 6, nEmbd: 192 }, V, 11));
    expect(Math.round(nano.numParams / 1e4) / 100).toBe(0.09);
    expect(Math.round(mini.numParams / 1e4) / 100).toBe(2.67);
    nano.dispose();
    mini.dispose();
  });

  it("maps [B, T] ids to [B, T - from, V] logits and is causal", () => {
    const model = new GPT(configFromPreset("nanogpt", { vocabSize: V, blockSize: 9 }, { nLayer: 1 }), 3);
    const a = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 8, 9]], [1, 9], "int32");
    const b = tf.tensor2d([[1, 2, 3, 4, 5, 0, 0, 0, 0]], [1, 9], "int32");
    const la = model.forward(a);
    const lb = model.forward(b);
    expect(la.shape).toEqual([1, 9, V]);
    expect(model.forward(a, { from: 5 }).shape).toEqual([1, 4, V]);
    // Position 4 sees only tokens 0..4, identical in a and b.
    const pa = la.slice([0, 4, 0], [1, 1, V]).dataSync();
    const pb = lb.slice([0, 4, 0], [1, 1, V]).dataSync();
    expect(Array.from(pa)).toEqual(Array.from(pb));
    const later = la.slice([0, 5, 0], [1, 1, V]).dataSync();
    expect(Array.from(later)).not.toEqual(Array.from(lb.slice([0, 5, 0], [1, 1, V]).dataSync()));
    model.dispose();
  });

  it("is initialised from the seed alone", async () => {
    const cfg = configFromPreset("nanogpt", { vocabSize: V, blockSize: 9 }, { nLayer: 1 });
    const a = await new GPT(cfg, 7).getWeights();
    const b = await new GPT(cfg, 7).getWeights();
    const c = await new GPT(cfg, 8).getWeights();
    expect(Array.from(a["h.0.attn.wqkv"]?.data ?? [])).toEqual(Array.from(b["h.0.attn.wqkv"]?.data ?? []));
    expect(Array.from(a["h.0.attn.wqkv"]?.data ?? [])).not.toEqual(Array.from(c["h.0.attn.wqkv"]?.data ?? []));
  });

  it("rejects a head count that does not divide the width, naming both", () => {
    expect(() => configFromPreset("nanogpt", { vocabSize: V, blockSize: 9 }, { nHead: 5 })).toThrow(/nEmbd \(48\).*nHead \(5\)/);
  });
});
