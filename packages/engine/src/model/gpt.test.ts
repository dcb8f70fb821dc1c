import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { countParameters } from "@orderbench/core/presets";
import { ARITHMETIC_TOKENS } from "@orderbench/core/tasks";
import { selectBackend } from "../backend";
import { configFromPreset } from "./config";
import { GPT } from "./gpt";
import { crossEntropy } from "./ops";

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

describe("GPT at the GPT-2 vocabulary", () => {
  it("runs forward and backward at 50,257 tokens, with the gradient of the tied embedding along a random direction matching finite differences", () => {
    const v = 50_257;
    const model = new GPT(configFromPreset("nanogpt", { vocabSize: v, blockSize: 8 }, { nLayer: 1, nHead: 2, nEmbd: 16 }), 1);
    const ids = tf.tensor2d([[0, 17, 50_256, 9_999, 17, 3, 42_000, 5], [1, 2, 3, 50_256, 11, 12, 13, 14]], [2, 8], "int32");
    const x = ids.slice([0, 0], [2, 7]) as tf.Tensor2D;
    const y = ids.slice([0, 1], [2, 7]).reshape([-1]) as tf.Tensor1D;
    const loss = (): tf.Scalar => tf.mean(crossEntropy(model.forward(x).reshape([-1, v]), y)) as tf.Scalar;
    const { value, grads } = tf.variableGrads(loss);
    expect(value.dataSync()[0]).toBeCloseTo(Math.log(v), 0); // near-uniform predictions at initialisation
    for (const [name, p] of model.params) {
      const g = grads[p.name];
      expect(g?.shape, name).toEqual(p.shape);
      expect(tf.all(tf.isFinite(g as tf.Tensor)).dataSync()[0], name).toBe(1);
    }
    const wte = model.p("wte");
    const dir = tf.randomNormal(wte.shape, 0, 1, "float32", 3);
    const along = tf.sum(tf.mul(grads[wte.name] as tf.Tensor, dir)).dataSync()[0] as number;
    const original = wte.clone();
    const at = (eps: number): number => {
      wte.assign(tf.add(original, tf.mul(dir, eps)));
      return loss().dataSync()[0] as number;
    };
    // A step small against the weights (std 0.02) keeps the central difference's curvature error small.
    const eps = 1e-3;
    const numeric = (at(eps) - at(-eps)) / (2 * eps);
    expect(Math.abs(along - numeric)).toBeLessThan(1e-2 * Math.max(1, Math.abs(numeric)));
    tf.dispose([ids, x, y, value, dir, original, ...Object.values(grads)]);
    model.dispose();
  });
});
