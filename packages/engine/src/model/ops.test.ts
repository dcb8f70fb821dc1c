import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend";
import { causalAttention, causalMask, crossEntropy, dropoutMultiplier, embedding, gelu, installMatMulGradient, layerNorm, linear, linearTransposed } from "./ops";

beforeAll(async () => {
  await selectBackend("cpu");
  installMatMulGradient();
});

/** Central finite difference of a scalar function, one coordinate at a time. */
function numericGrad(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, eps = 1e-2): Float32Array {
  const base = x.dataSync().slice();
  const out = new Float32Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const at = (d: number): number => {
      const v = base.slice();
      v[i] = (v[i] as number) + d;
      return tf.tidy(() => f(tf.tensor(v, x.shape)).dataSync()[0] as number);
    };
    out[i] = (at(eps) - at(-eps)) / (2 * eps);
  }
  return out;
}

describe("installMatMulGradient", () => {
  it.each([
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ])("matches finite differences with transposeA=%s, transposeB=%s, batched", (ta, tb) => {
    const a = tf.randomNormal(ta ? [2, 3, 4] : [2, 4, 3], 0, 1, "float32", 1);
    const b = tf.randomNormal(tb ? [2, 5, 3] : [2, 3, 5], 0, 1, "float32", 2);
    const w = tf.randomNormal([2, 4, 5], 0, 1, "float32", 3);
    const f = (x: tf.Tensor, y: tf.Tensor): tf.Scalar => tf.sum(tf.mul(tf.matMul(x as tf.Tensor3D, y as tf.Tensor3D, ta, tb), w));
    const [ga, gb] = tf.grads(f)([a, b]) as [tf.Tensor, tf.Tensor];
    const na = numericGrad((x) => f(x, b), a);
    const nb = numericGrad((y) => f(a, y), b);
    ga.dataSync().forEach((g, i) => expect(g).toBeCloseTo(na[i] as number, 2));
    gb.dataSync().forEach((g, i) => expect(g).toBeCloseTo(nb[i] as number, 2));
  });
});

/**
 * The model's hand-written gradients against tfjs's autodiff of the plain formulas they replace, on the
 * reference backend (cpu) and on wasm with the engine's kernels installed.
 */
describe.each(["cpu", "wasm"] as const)("custom-gradient ops on %s", (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });

  const randn = (shape: number[], seed: number, std = 1): tf.Tensor => tf.randomNormal(shape, 0, std, "float32", seed);
  /** Forward values and the gradients of a random projection of the output, for both functions. */
  function expectSame(ours: (...x: tf.Tensor[]) => tf.Tensor, reference: (...x: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[], tol = 1e-5): void {
    tf.tidy(() => {
      const a = ours(...inputs);
      const b = reference(...inputs);
      expect(a.shape).toEqual(b.shape);
      expectClose(a, b, tol);
      const w = randn(a.shape, 99);
      const loss = (f: (...x: tf.Tensor[]) => tf.Tensor) => (...x: tf.Tensor[]): tf.Scalar => tf.sum(tf.mul(f(...x), w));
      const ga = tf.grads(loss(ours))(inputs);
      const gb = tf.grads(loss(reference))(inputs);
      ga.forEach((g, i) => {
        expect(g.shape).toEqual(inputs[i]?.shape);
        expectClose(g, gb[i] as tf.Tensor, tol);
      });
    });
  }
  function expectClose(a: tf.Tensor, b: tf.Tensor, tol: number): void {
    const scale = Math.max(1, tf.max(tf.abs(b)).dataSync()[0] as number);
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(tol * scale);
  }

  it("linear (with and without bias) equals x @ w + b", () => {
    const x = randn([2, 5, 12], 1);
    const w = randn([12, 7], 2);
    const b = randn([7], 3);
    expectSame((x, w, b) => linear(x, w, b), (x, w, b) => tf.add(tf.matMul(x.reshape([-1, 12]), w), b).reshape([2, 5, 7]), [x, w, b]);
    expectSame((x, w) => linear(x, w), (x, w) => tf.matMul(x.reshape([-1, 12]), w).reshape([2, 5, 7]), [x, w]);
  });

  it("linearTransposed equals x @ wᵀ", () => {
    expectSame((x, w) => linearTransposed(x, w), (x, w) => tf.matMul(x.reshape([-1, 12]), w, false, true).reshape([2, 5, 9]), [randn([2, 5, 12], 4), randn([9, 12], 5)]);
  });

  it("layerNorm equals the moments formula", () => {
    const reference = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor => {
      const { mean, variance } = tf.moments(x, 2, true);
      return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), g), b);
    };
    expectSame((x, g, b) => layerNorm(x, g, b), reference, [randn([3, 4, 16], 6, 2), randn([16], 7), randn([16], 8)]);
  });

  it("gelu equals GPT-2's tanh form", () => {
    const reference = (x: tf.Tensor): tf.Tensor =>
      tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.mul(tf.mul(x, x), x)))))));
    expectSame((x) => gelu(x), reference, [randn([4, 3, 20], 9, 3)]);
  });

  it("causalAttention equals per-head softmax(q·kᵀ/√hs + mask)·v, with and without a dropout multiplier", () => {
    const [b, t, nh, hs] = [2, 5, 2, 3];
    const c = nh * hs;
    const mask = causalMask(t);
    const keep = dropoutMultiplier([b, nh, t, t], 0.3, 11);
    const reference = (qkv: tf.Tensor, k?: tf.Tensor): tf.Tensor => {
      const heads = (i: number): tf.Tensor => tf.slice(qkv, [0, 0, i * c], [b, t, c]).reshape([b, t, nh, hs]).transpose([0, 2, 1, 3]);
      let att = tf.softmax(tf.add(tf.mul(tf.matMul(heads(0) as tf.Tensor4D, heads(1) as tf.Tensor4D, false, true), 1 / Math.sqrt(hs)), mask));
      if (k) att = tf.mul(att, k);
      return tf.matMul(att as tf.Tensor4D, heads(2) as tf.Tensor4D).transpose([0, 2, 1, 3]).reshape([b, t, c]);
    };
    const qkv = randn([b, t, 3 * c], 10);
    expectSame((x) => causalAttention(x, nh, mask), (x) => reference(x), [qkv]);
    expectSame((x) => causalAttention(x, nh, mask, keep), (x) => reference(x, keep), [qkv]);
  });

  it("dropoutMultiplier is the multiplier tf.dropout applies", () => {
    const x = tf.ones([4, 6]);
    expect(Array.from(dropoutMultiplier([4, 6], 0.25, 5).dataSync())).toEqual(Array.from(tf.dropout(x, 0.25, undefined, 5).dataSync()));
  });

  it("crossEntropy equals −log softmax at the target", () => {
    const targets = tf.tensor1d([0, 3, 8, 2, 2, 5], "int32");
    const reference = (l: tf.Tensor): tf.Tensor => tf.neg(tf.sum(tf.mul(tf.logSoftmax(l), tf.oneHot(targets, 9).toFloat()), 1));
    expectSame((l) => crossEntropy(l, targets), reference, [randn([6, 9], 12, 4)]);
    // Finite for a target far below the maximum, where the softmax underflows to 0.
    const far = crossEntropy(tf.tensor2d([[0, 200]]), tf.tensor1d([0], "int32")).dataSync()[0];
    expect(far).toBeCloseTo(200, 3);
  });

  it("embedding by row gather has the one-hot × table values and gradient", () => {
    const ids = tf.tensor2d([[0, 3, 8, 3], [2, 2, 5, 0]], [2, 4], "int32");
    const onehot = (w: tf.Tensor): tf.Tensor => tf.matMul(tf.oneHot(ids.reshape([-1]), 9).toFloat(), w).reshape([2, 4, 12]);
    expectSame((w) => embedding(w, ids), onehot, [randn([9, 12], 13)], 1e-6);
  });
});
