import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { selectBackend } from "./backend";
import { ADAMW_KERNEL } from "./kernels";
import { AdamW, type AdamWConfig } from "./optim";

const config: AdamWConfig = { lr: 1e-2, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.1, gradClip: 0.5 };
const shapes: Record<string, number[]> = { w: [6, 5], b: [5], e: [7, 3] };

/** Three updates from fixed weights and gradients; the final weights, moments and norms. */
async function threeSteps(): Promise<{ weights: number[][]; m: number[][]; v: number[][]; norms: number[] }> {
  const params = new Map(Object.entries(shapes).map(([n, s], i) => [n, tf.variable(tf.randomNormal(s, 0, 1, "float32", 10 + i))]));
  const opt = new AdamW(params, new Set(["w", "e"]), config);
  const norms: number[] = [];
  for (let step = 0; step < 3; step++) {
    const grads = Object.fromEntries(Object.entries(shapes).map(([n, s], i) => [n, tf.randomNormal(s, 0, 1, "float32", 1 + 100 * step + i)]));
    const norm = opt.apply(grads, config.lr * (step + 1));
    norms.push((await norm.data())[0] as number);
    tf.dispose([norm, ...Object.values(grads)]);
  }
  const state = await opt.getState();
  const weights = await Promise.all([...params.values()].map(async (p) => Array.from(await p.data())));
  opt.dispose();
  for (const p of params.values()) p.dispose();
  return { weights, m: Object.values(state.m).map((a) => Array.from(a)), v: Object.values(state.v).map((a) => Array.from(a)), norms };
}

function expectClose(a: number[][], b: number[][], tol: number): void {
  a.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - (b[i]?.[j] as number))).toBeLessThan(tol * Math.max(1e-3, Math.abs(x)))));
}

describe.each(["cpu", "wasm"] as const)("AdamW on %s", (backend) => {
  it("updates in one kernel with the results of the elementwise path, clipping included", async () => {
    await selectBackend(backend);
    const kernel = tf.getKernel(ADAMW_KERNEL, backend);
    expect(kernel).toBeDefined();
    const fused = await threeSteps();
    tf.unregisterKernel(ADAMW_KERNEL, backend);
    try {
      const plain = await threeSteps();
      expect(fused.norms.every((n) => n > config.gradClip)).toBe(true); // the clip is active
      fused.norms.forEach((n, i) => expect(n).toBeCloseTo(plain.norms[i] as number, 4));
      expectClose(fused.weights, plain.weights, 1e-5);
      expectClose(fused.m, plain.m, 1e-5);
      expectClose(fused.v, plain.v, 1e-4);
    } finally {
      tf.registerKernel(kernel as tf.KernelConfig);
    }
  });
});
