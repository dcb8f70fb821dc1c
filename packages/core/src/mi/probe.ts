import { createRng, shuffle } from "../rng";
import type { SeqExample } from "../tasks/types";

/**
 * Probe estimate of the information about y_i a simple learner can extract from the source
 * (METHOD.md, "MI estimators"): Ĥ(y_i) − CE(y_i | S), both measured in nats on a held-out part of the
 * examples. CE is that of a multinomial logistic regression on sparse features (default: one-hot of
 * (source position, token)), trained full-batch with Adam for a fixed number of epochs with L2 on the
 * weights. Ĥ is the cross-entropy of the train-split marginal on the same held-out part, so the two
 * terms share the sampling noise. For an independent target the estimate sits slightly below 0 — the
 * held-out cost of the noise the probe fitted, a few hundredths of a nat at thousands of examples — and
 * estimateMI clamps it at 0. Unlike the plug-in estimators it is a lower bound on I(S; y_i) up to noise:
 * a linear probe cannot use a product of tokens.
 */
export interface SparseFeatures {
  indices: ArrayLike<number>;
  /** One value per index; all 1 when omitted. */
  values?: ArrayLike<number>;
}

export interface ProbeOptions {
  vocabSize: number;
  /** Seed of the train/held-out split. */
  seed?: number;
  /** One feature vector per example (e.g. TF-IDF of a text); replaces the one-hot source features. */
  features?: readonly SparseFeatures[];
  /** Dimension of `features`; defaults to the largest index + 1. */
  featureCount?: number;
  heldOutFraction?: number;
  epochs?: number;
  learningRate?: number;
  /** Weight of (l2/2)·‖W‖² added to the mean training cross-entropy; the bias is not penalised. */
  l2?: number;
}

export const PROBE_DEFAULTS = { seed: 0, heldOutFraction: 0.25, epochs: 100, learningRate: 0.1, l2: 1e-3 } as const;

export interface ProbePosition {
  position: number;
  /** Held-out cross-entropy of the train marginal (nats). */
  entropy: number;
  /** Held-out cross-entropy of the probe (nats). */
  crossEntropy: number;
  /** entropy − crossEntropy, unclamped: negative when the probe generalises worse than the marginal. */
  gain: number;
}

/** Rows of a sparse design matrix in CSR form. */
interface Csr {
  rows: number;
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

export function probeMI(examples: readonly SeqExample[], opts: ProbeOptions): ProbePosition[] {
  const o = { ...PROBE_DEFAULTS, ...stripUndefined(opts) };
  const n = examples.length;
  const nTest = Math.round(n * o.heldOutFraction);
  if (nTest < 1 || n - nTest < 1) {
    throw new Error(`probe needs at least one training and one held-out example; got ${n} examples at heldOutFraction ${o.heldOutFraction}`);
  }
  if (opts.features && opts.features.length !== n) {
    throw new Error(`probe got ${opts.features.length} feature vectors for ${n} examples`);
  }
  const features = opts.features ?? examples.map((e) => oneHot(e.source, opts.vocabSize));
  const featureCount = opts.featureCount ?? maxIndex(features) + 1;
  const order = shuffle(Array.from({ length: n }, (_, i) => i), createRng(o.seed));
  const testRows = order.slice(0, nTest);
  const trainRows = order.slice(nTest);
  const xTrain = toCsr(trainRows.map((r) => features[r] as SparseFeatures), featureCount);
  const xTest = toCsr(testRows.map((r) => features[r] as SparseFeatures), featureCount);
  const targetLength = examples[0]?.target.length ?? 0;

  return Array.from({ length: targetLength }, (_, position) => {
    // Classes are the values seen anywhere, so a held-out value unseen in training has finite loss.
    const classOf = new Map<number, number>();
    for (const e of examples) {
      const t = e.target[position] as number;
      if (!classOf.has(t)) classOf.set(t, classOf.size);
    }
    const yTrain = Int32Array.from(trainRows, (r) => classOf.get(examples[r]?.target[position] as number) as number);
    const yTest = Int32Array.from(testRows, (r) => classOf.get(examples[r]?.target[position] as number) as number);
    const c = classOf.size;
    if (c === 1) return { position, entropy: 0, crossEntropy: 0, gain: 0 };
    const prior = logMarginal(yTrain, c);
    const entropy = meanCrossEntropy(null, prior, xTest, yTest, c);
    const { w, b } = train(xTrain, yTrain, c, featureCount, prior, o);
    const crossEntropy = meanCrossEntropy(w, b, xTest, yTest, c);
    return { position, entropy, crossEntropy, gain: entropy - crossEntropy };
  });
}

/** Feature j·V + token for source position j. */
function oneHot(source: readonly number[], vocabSize: number): SparseFeatures {
  return {
    indices: source.map((t, j) => {
      if (!Number.isInteger(t) || t < 0 || t >= vocabSize) throw new Error(`source token ${t} outside the vocabulary (size ${vocabSize})`);
      return j * vocabSize + t;
    }),
  };
}

function maxIndex(features: readonly SparseFeatures[]): number {
  let m = -1;
  for (const f of features) for (let i = 0; i < f.indices.length; i++) m = Math.max(m, f.indices[i] as number);
  return m;
}

function toCsr(rows: readonly SparseFeatures[], featureCount: number): Csr {
  const start = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => {
    start[i + 1] = (start[i] as number) + r.indices.length;
  });
  const index = new Int32Array(start[rows.length] as number);
  const value = new Float64Array(index.length);
  rows.forEach((r, i) => {
    const s = start[i] as number;
    for (let k = 0; k < r.indices.length; k++) {
      const f = r.indices[k] as number;
      if (!Number.isInteger(f) || f < 0 || f >= featureCount) throw new Error(`feature index ${f} outside 0…${featureCount - 1}`);
      index[s + k] = f;
      value[s + k] = r.values ? (r.values[k] as number) : 1;
    }
  });
  return { rows: rows.length, start, index, value };
}

/** Log of the add-one smoothed class frequencies: the marginal predictor and the probe's initial bias. */
function logMarginal(y: Int32Array, c: number): Float64Array {
  const counts = new Float64Array(c).fill(1);
  for (const v of y) counts[v] = (counts[v] as number) + 1;
  const total = y.length + c;
  return counts.map((k) => Math.log(k / total));
}

/** logits[c] = bias[c] + Σ_f x_f · W[f, c] for row r, written into `out`; W is [F, C] row-major. */
function logits(w: Float64Array | null, bias: Float64Array, x: Csr, r: number, c: number, out: Float64Array): void {
  out.set(bias);
  if (!w) return;
  for (let k = x.start[r] as number; k < (x.start[r + 1] as number); k++) {
    const base = (x.index[k] as number) * c;
    const v = x.value[k] as number;
    for (let j = 0; j < c; j++) out[j] = (out[j] as number) + v * (w[base + j] as number);
  }
}

/** In-place softmax; returns log Σ exp(z) for the cross-entropy. */
function softmax(z: Float64Array): number {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let j = 0; j < z.length; j++) {
    const e = Math.exp((z[j] as number) - max);
    z[j] = e;
    sum += e;
  }
  for (let j = 0; j < z.length; j++) z[j] = (z[j] as number) / sum;
  return max + Math.log(sum);
}

function meanCrossEntropy(w: Float64Array | null, bias: Float64Array, x: Csr, y: Int32Array, c: number): number {
  const z = new Float64Array(c);
  let total = 0;
  for (let r = 0; r < x.rows; r++) {
    logits(w, bias, x, r, c, z);
    const target = z[y[r] as number] as number;
    total += softmax(z) - target;
  }
  return total / x.rows;
}

/** Full-batch Adam (Kingma & Ba 2015, default betas) on the mean cross-entropy + L2, from W = 0 and the prior as bias. */
function train(
  x: Csr,
  y: Int32Array,
  c: number,
  featureCount: number,
  prior: Float64Array,
  o: { epochs: number; learningRate: number; l2: number },
): { w: Float64Array; b: Float64Array } {
  const b = Float64Array.from(prior);
  const w = new Float64Array(featureCount * c);
  const params = [w, b];
  const grads = [new Float64Array(w.length), new Float64Array(c)];
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const [gw, gb] = grads as [Float64Array, Float64Array];
  const z = new Float64Array(c);
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    for (let i = 0; i < w.length; i++) gw[i] = o.l2 * (w[i] as number);
    gb.fill(0);
    for (let r = 0; r < x.rows; r++) {
      logits(w, b, x, r, c, z);
      softmax(z);
      z[y[r] as number] = (z[y[r] as number] as number) - 1;
      for (let j = 0; j < c; j++) {
        const g = (z[j] as number) / x.rows;
        z[j] = g;
        gb[j] = (gb[j] as number) + g;
      }
      for (let k = x.start[r] as number; k < (x.start[r + 1] as number); k++) {
        const base = (x.index[k] as number) * c;
        const val = x.value[k] as number;
        for (let j = 0; j < c; j++) gw[base + j] = (gw[base + j] as number) + val * (z[j] as number);
      }
    }
    const step = (o.learningRate * Math.sqrt(1 - beta2 ** epoch)) / (1 - beta1 ** epoch);
    params.forEach((p, pi) => {
      const g = grads[pi] as Float64Array;
      const mp = m[pi] as Float64Array;
      const vp = v[pi] as Float64Array;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] as number;
        mp[i] = beta1 * (mp[i] as number) + (1 - beta1) * gi;
        vp[i] = beta2 * (vp[i] as number) + (1 - beta2) * gi * gi;
        p[i] = (p[i] as number) - (step * (mp[i] as number)) / (Math.sqrt(vp[i] as number) + 1e-8);
      }
    });
  }
  return { w, b };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
