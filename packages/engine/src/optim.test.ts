import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { selectBackend } from "./backend";
import { AdamW, learningRate, type AdamWConfig } from "./optim";

const config: AdamWConfig = { lr: 1e-2, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.1, gradClip: 0.5 };
const shapes: Record<string, number[]> = { w: [6, 5], b: [5], e: [7, 3] };
const decayed = new Set(["w", "e"]);
const rows = (n: number, seed: number): number[] => Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 1.3));

/**
 * AdamW as written in Loshchilov & Hutter 2019 with nanoGPT's choices, in double precision, one
 * parameter value at a time: global-norm clipping, decoupled decay on `decayed`, bias-corrected moments.
 */
function reference(steps: number): { weights: number[][]; norms: number[] } {
  const names = Object.keys(shapes);
  const size = (n: string): number => (shapes[n] as number[]).reduce((a, b) => a * b, 1);
  const p = names.map((n, i) => rows(size(n), 1 + i));
  const m = names.map((n) => new Array<number>(size(n)).fill(0));
  const v = names.map((n) => new Array<number>(size(n)).fill(0));
  const norms: number[] = [];
  for (let t = 1; t <= steps; t++) {
    const g = names.map((n, i) => rows(size(n), 100 * t + i));
    const norm = Math.sqrt(g.flat().reduce((s, x) => s + x * x, 0));
    norms.push(norm);
    const c = Math.min(1, config.gradClip / (norm + 1e-6));
    const lr = config.lr * t;
    names.forEach((n, k) => {
      (p[k] as number[]).forEach((x, j) => {
        const gj = c * ((g[k] as number[])[j] as number);
        const mj = config.beta1 * ((m[k] as number[])[j] as number) + (1 - config.beta1) * gj;
        const vj = config.beta2 * ((v[k] as number[])[j] as number) + (1 - config.beta2) * gj * gj;
        (m[k] as number[])[j] = mj;
        (v[k] as number[])[j] = vj;
        const update = ((lr / (1 - config.beta1 ** t)) * mj) / (Math.sqrt(vj / (1 - config.beta2 ** t)) + config.eps);
        (p[k] as number[])[j] = x * (decayed.has(n) ? 1 - lr * config.weightDecay : 1) - update;
      });
    });
  }
  return { weights: p, norms };
}

async function engine(steps: number, chunkElements?: number, resume?: { at: number; chunkElements?: number }): Promise<{ weights: number[][]; norms: number[] }> {
  const params = new Map(Object.entries(shapes).map(([n, s], i) => [n, tf.variable(tf.tensor(rows(s.reduce((a, b) => a * b, 1), 1 + i), s))]));
  let opt = new AdamW(params, decayed, config, chunkElements);
  const norms: number[] = [];
  for (let t = 1; t <= steps; t++) {
    if (resume && t === resume.at + 1) {
      // A checkpoint's optimizer state restored into an optimizer with other chunks.
      const state = await opt.getState();
      opt.dispose();
      opt = new AdamW(params, decayed, config, resume.chunkElements);
      opt.setState(state);
    }
    const grads = Object.fromEntries(Object.entries(shapes).map(([n, s], i) => [n, tf.tensor(rows(s.reduce((a, b) => a * b, 1), 100 * t + i), s)]));
    const norm = opt.apply(grads, config.lr * t);
    norms.push((await norm.data())[0] as number);
    tf.dispose([norm, ...Object.values(grads)]);
  }
  const weights = await Promise.all([...params.values()].map(async (p) => Array.from(await p.data())));
  opt.dispose();
  for (const p of params.values()) p.dispose();
  return { weights, norms };
}

describe.each(["cpu", "wasm"] as const)("AdamW on %s", (backend) => {
  it("matches a one-value-at-a-time reference: clipping, decoupled decay, bias correction", async () => {
    await selectBackend(backend);
    const ours = await engine(4);
    const ref = reference(4);
    expect(ref.norms.every((n) => n > config.gradClip)).toBe(true); // the clip is active
    ours.norms.forEach((n, i) => expect(n).toBeCloseTo(ref.norms[i] as number, 4));
    ours.weights.forEach((row, k) => row.forEach((x, j) => expect(Math.abs(x - ((ref.weights[k] as number[])[j] as number))).toBeLessThan(1e-5)));
  });

  it("gives the same update with its moments in several chunks (one larger than a chunk), and restores state across chunkings", async () => {
    await selectBackend(backend);
    const ref = reference(4);
    // Chunks of at most 8 elements: w (30) alone, b (5), e (21) alone.
    for (const ours of [await engine(4, 8), await engine(4, 8, { at: 2 }), await engine(4, undefined, { at: 2, chunkElements: 8 })]) {
      ours.norms.forEach((n, i) => expect(n).toBeCloseTo(ref.norms[i] as number, 4));
      ours.weights.forEach((row, k) => row.forEach((x, j) => expect(Math.abs(x - ((ref.weights[k] as number[])[j] as number))).toBeLessThan(1e-5)));
    }
  });
});

describe("learningRate", () => {
  it("warms up linearly, then decays by a cosine to the floor", () => {
    const s = { lr: 1, warmupSteps: 4, totalSteps: 14, minLrRatio: 0.1 };
    expect([0, 1, 3].map((t) => learningRate(t, s))).toEqual([0.25, 0.5, 1]);
    expect(learningRate(4, s)).toBeCloseTo(1, 10);
    expect(learningRate(9, s)).toBeCloseTo(0.55, 10);
    expect(learningRate(14, s)).toBeCloseTo(0.1, 10);
    expect(learningRate(100, s)).toBeCloseTo(0.1, 10);
  });
});
