import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend";
import { installMatMulGradient } from "./ops";

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
