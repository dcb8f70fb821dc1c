/**
 * AdamW (Loshchilov & Hutter 2019) with decoupled weight decay on matrices and embeddings only, as in
 * nanoGPT's `configure_optimizers`; global gradient-norm clipping; linear warmup then cosine decay.
 * Moments live in tf.Variables so a checkpoint can save and restore them exactly.
 */
import * as tf from "@tensorflow/tfjs";

export interface AdamWConfig {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** Maximum global L2 norm of the gradient; larger gradients are scaled down. */
  gradClip: number;
}

export interface ScheduleConfig {
  /** Peak learning rate, reached after warmup. */
  lr: number;
  warmupSteps: number;
  totalSteps: number;
  /** Final learning rate as a fraction of the peak. */
  minLrRatio: number;
}

/** Learning rate at a 0-based step. */
export function learningRate(step: number, s: ScheduleConfig): number {
  if (s.warmupSteps > 0 && step < s.warmupSteps) return (s.lr * (step + 1)) / s.warmupSteps;
  const decaySteps = Math.max(1, s.totalSteps - s.warmupSteps);
  const progress = Math.min(1, (step - s.warmupSteps) / decaySteps);
  const minLr = s.lr * s.minLrRatio;
  return minLr + 0.5 * (1 + Math.cos(Math.PI * progress)) * (s.lr - minLr);
}

export interface OptimizerState {
  /** Number of updates applied. */
  t: number;
  m: Record<string, Float32Array>;
  v: Record<string, Float32Array>;
}

/**
 * Parameters per moment chunk. A model up to this size (nanogpt, gpt2-mini) has one chunk; gpt2-small
 * (85M–124M) has one per group of parameters, so the update's temporaries stay a few chunks in size
 * rather than ~15 copies of the whole model, which overran wasm's 4 GB heap.
 */
export const ADAMW_CHUNK_ELEMENTS = 1 << 22;

interface MomentChunk {
  names: string[];
  /** Offset of each parameter within the chunk. */
  offsets: number[];
  size: number;
  m: tf.Variable;
  v: tf.Variable;
}

/**
 * The moments live in flat vectors, one pair per chunk of whole parameters (ADAMW_CHUNK_ELEMENTS; a larger
 * parameter is a chunk of its own), so one update is ~15 kernels per chunk plus a slice-and-assign per
 * parameter instead of ~15 kernels per parameter: on wasm, per-kernel overhead, not arithmetic, dominates
 * a small model's optimizer step. Each chunk is updated in its own scope, its temporaries freed before
 * the next.
 */
export class AdamW {
  private t = 0;
  private readonly chunks: MomentChunk[] = [];

  constructor(
    private readonly params: Map<string, tf.Variable>,
    private readonly decayed: Set<string>,
    private readonly config: AdamWConfig,
    chunkElements = ADAMW_CHUNK_ELEMENTS,
  ) {
    let names: string[] = [];
    let offsets: number[] = [];
    let size = 0;
    const close = () => {
      if (names.length === 0) return;
      const n = size;
      this.chunks.push({ names, offsets, size: n, m: tf.tidy(() => tf.variable(tf.zeros([n]), false)), v: tf.tidy(() => tf.variable(tf.zeros([n]), false)) });
      names = [];
      offsets = [];
      size = 0;
    };
    for (const [name, p] of params) {
      if (size > 0 && size + p.size > chunkElements) close();
      names.push(name);
      offsets.push(size);
      size += p.size;
    }
    close();
  }

  /** Clips, then applies one update at learning rate `lr`. Returns the pre-clip global gradient norm. */
  apply(grads: Record<string, tf.Tensor>, lr: number): tf.Scalar {
    this.t += 1;
    const { beta1, beta2, eps, weightDecay, gradClip } = this.config;
    const bc1 = 1 - beta1 ** this.t;
    const bc2 = 1 - beta2 ** this.t;
    return tf.tidy(() => {
      // With one chunk the flat gradient and its square are made once; with several, the norm pass and the
      // update pass each make them per chunk, so at most one chunk's are alive at a time.
      const only = this.chunks.length === 1 ? flatten(this.chunks[0] as MomentChunk, grads) : undefined;
      // Chunk sums are added pairwise, not with tf.addN: webgpu's AddN binds one buffer per input and WebGPU
      // allows 8, beyond which it returns a wrong sum rather than failing.
      const sumSq = only ? tf.sum(only.sq) : this.chunks.map((ch) => tf.tidy(() => tf.sum(flatten(ch, grads).sq))).reduce((a, b) => tf.add(a, b));
      const norm = tf.sqrt(sumSq);
      // The clip factor c enters as a scalar: m ← β1·m + (1−β1)·c·g, v ← β2·v + (1−β2)·c²·g², so the
      // clipped gradient is never materialised (each pass over [P] costs ~1.5 ms at 2.67M parameters).
      const c = tf.minimum(1, tf.div(gradClip, tf.add(norm, 1e-6)));
      for (const ch of this.chunks) {
        tf.tidy(() => {
          const { flat, sq } = only ?? flatten(ch, grads);
          ch.m.assign(tf.tidy(() => tf.add(tf.mul(ch.m, beta1), tf.mul(flat, tf.mul(c, 1 - beta1)))));
          ch.v.assign(tf.tidy(() => tf.add(tf.mul(ch.v, beta2), tf.mul(sq, tf.mul(tf.square(c), 1 - beta2)))));
          if (!only) tf.dispose([flat, sq]);
          // lr/bc1 · m / (√(v/bc2) + eps) = (lr·√bc2/bc1) · m / (√v + eps·√bc2)
          const step = tf.tidy(() => tf.mul(tf.div(ch.m, tf.add(tf.sqrt(ch.v), eps * Math.sqrt(bc2))), (lr * Math.sqrt(bc2)) / bc1)); // [chunk]
          ch.names.forEach((name, i) => {
            tf.tidy(() => {
              const p = this.params.get(name) as tf.Variable;
              const update = tf.slice(step, ch.offsets[i] as number, p.size).reshape(p.shape);
              const decayedP = this.decayed.has(name) ? tf.mul(p, 1 - lr * weightDecay) : p;
              p.assign(tf.sub(decayedP, update));
            });
          });
        });
      }
      return norm as tf.Scalar;
    });
  }

  async getState(): Promise<OptimizerState> {
    const m: Record<string, Float32Array> = {};
    const v: Record<string, Float32Array> = {};
    for (const ch of this.chunks) {
      const cm = (await ch.m.data()) as Float32Array;
      const cv = (await ch.v.data()) as Float32Array;
      ch.names.forEach((n, i) => {
        const at = ch.offsets[i] as number;
        const size = (this.params.get(n) as tf.Variable).size;
        m[n] = cm.slice(at, at + size);
        v[n] = cv.slice(at, at + size);
      });
    }
    return { t: this.t, m, v };
  }

  setState(state: OptimizerState): void {
    const join = (ch: MomentChunk, parts: Record<string, Float32Array>, what: string): Float32Array => {
      const flat = new Float32Array(ch.size);
      ch.names.forEach((n, i) => {
        const a = parts[n];
        if (!a || a.length !== (this.params.get(n) as tf.Variable).size) throw new Error(`optimizer state ${what}.${n} is missing or has the wrong size`);
        flat.set(a, ch.offsets[i]);
      });
      return flat;
    };
    const joined = this.chunks.map((ch) => ({ m: join(ch, state.m, "m"), v: join(ch, state.v, "v") }));
    this.t = state.t;
    this.chunks.forEach((ch, i) => {
      tf.tidy(() => {
        ch.m.assign(tf.tensor1d((joined[i] as { m: Float32Array }).m));
        ch.v.assign(tf.tensor1d((joined[i] as { v: Float32Array }).v));
      });
    });
  }

  dispose(): void {
    for (const ch of this.chunks) {
      ch.m.dispose();
      ch.v.dispose();
    }
  }
}

/** A chunk's gradients as one flat vector, and its square. */
function flatten(ch: MomentChunk, grads: Record<string, tf.Tensor>): { flat: tf.Tensor; sq: tf.Tensor } {
  const flat = ch.names.length === 1 ? grad(grads, ch.names[0] as string).reshape([-1]) : tf.concat(ch.names.map((n) => grad(grads, n).reshape([-1])));
  return { flat, sq: tf.square(flat) };
}

function grad(grads: Record<string, tf.Tensor>, name: string): tf.Tensor {
  const g = grads[name];
  if (!g) throw new Error(`no gradient for ${name}`);
  return g;
}
