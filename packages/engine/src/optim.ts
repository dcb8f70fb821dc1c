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

export class AdamW {
  private t = 0;
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();

  constructor(
    private readonly params: Map<string, tf.Variable>,
    private readonly decayed: Set<string>,
    private readonly config: AdamWConfig,
  ) {
    for (const [name, p] of params) {
      this.m.set(name, tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
      this.v.set(name, tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
    }
  }

  /** Clips, then applies one update at learning rate `lr`. Returns the pre-clip global gradient norm. */
  apply(grads: Record<string, tf.Tensor>, lr: number): tf.Scalar {
    this.t += 1;
    const { beta1, beta2, eps, weightDecay, gradClip } = this.config;
    const bc1 = 1 - beta1 ** this.t;
    const bc2 = 1 - beta2 ** this.t;
    return tf.tidy(() => {
      const names = [...this.params.keys()];
      // Pairwise adds, not tf.addN: webgpu's AddN binds one storage buffer per input and WebGPU
      // allows 8 per shader stage by default.
      const norm = tf.sqrt(names.map((n) => tf.sum(tf.square(grad(grads, n)))).reduce((a, b) => tf.add(a, b)));
      const scale = tf.minimum(1, tf.div(gradClip, tf.add(norm, 1e-6)));
      for (const name of names) {
        const p = this.params.get(name) as tf.Variable;
        const m = this.m.get(name) as tf.Variable;
        const v = this.v.get(name) as tf.Variable;
        const g = tf.mul(grad(grads, name), scale);
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const update = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(v, bc2)), eps));
        const decayedP = this.decayed.has(name) ? tf.mul(p, 1 - lr * weightDecay) : p;
        p.assign(tf.sub(decayedP, tf.mul(update, lr)));
      }
      return tf.keep(norm) as tf.Scalar;
    });
  }

  async getState(): Promise<OptimizerState> {
    const m: Record<string, Float32Array> = {};
    const v: Record<string, Float32Array> = {};
    for (const [name, t] of this.m) m[name] = (await t.data()) as Float32Array;
    for (const [name, t] of this.v) v[name] = (await t.data()) as Float32Array;
    return { t: this.t, m, v };
  }

  setState(state: OptimizerState): void {
    this.t = state.t;
    for (const [name, mv] of this.m) assignFrom(mv, state.m[name], `m.${name}`);
    for (const [name, vv] of this.v) assignFrom(vv, state.v[name], `v.${name}`);
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
  }
}

function grad(grads: Record<string, tf.Tensor>, name: string): tf.Tensor {
  const g = grads[name];
  if (!g) throw new Error(`no gradient for ${name}`);
  return g;
}

function assignFrom(target: tf.Variable, data: Float32Array | undefined, name: string): void {
  if (!data || data.length !== target.size) throw new Error(`optimizer state ${name} is missing or has the wrong size`);
  tf.tidy(() => target.assign(tf.tensor(data, target.shape)));
}
