/**
 * Decoder-only GPT in TensorFlow.js, after karpathy/nanoGPT `model.py` (itself after GPT-2, Radford et
 * al. 2019): pre-LayerNorm blocks of causal self-attention and a GELU MLP, learned position embeddings,
 * the token embedding tied to the output head. Every op carries a hand-written gradient (./ops.ts) that
 * avoids the wasm backend's slow paths; tokens are embedded by a row gather whose gradient adds rows
 * into their ids (src/kernels.ts registers that kernel on wasm), so large vocabularies cost O(N·C).
 */
import * as tf from "@tensorflow/tfjs";
import { createRng, type Rng } from "@orderbench/core/rng";
import type { GPTConfig } from "./config";
import { causalAttention, causalMask, dropoutMultiplier, embedding, gelu, installMatMulGradient, layerNorm, linear, linearTransposed } from "./ops";

export interface ForwardOptions {
  /** Applies dropout when true and config.dropout > 0. */
  training?: boolean;
  /** Seed for this call's dropout masks, so a resumed run draws the same masks. */
  dropoutSeed?: number;
  /** Return logits only for positions >= from (the loss needs only the target span). */
  from?: number;
}

export class GPT {
  readonly config: GPTConfig;
  /** Trainable weights by name, in a fixed order (checkpoints and the optimizer rely on it). */
  readonly params = new Map<string, tf.Variable>();
  /** Names of weights that get weight decay: matrices and embeddings, not biases or LayerNorm. */
  readonly decayed = new Set<string>();
  private readonly mask: tf.Tensor2D;
  private dropoutCalls = 0;

  constructor(config: GPTConfig, seed: number) {
    this.config = config;
    installMatMulGradient();
    const { nLayer, nEmbd: c, vocabSize, blockSize } = config;
    const rng = createRng(seed);
    // Init as nanoGPT: N(0, 0.02), residual projections scaled by 1/sqrt(2·nLayer), zero biases.
    const std = 0.02;
    const projStd = std / Math.sqrt(2 * nLayer);
    this.weight("wte", [vocabSize, c], normal(rng, std), true);
    this.weight("wpe", [blockSize, c], normal(rng, std), true);
    for (let l = 0; l < nLayer; l++) {
      const p = `h.${l}`;
      this.weight(`${p}.ln1.g`, [c], ones);
      this.weight(`${p}.ln1.b`, [c], zeros);
      this.weight(`${p}.attn.wqkv`, [c, 3 * c], normal(rng, std), true);
      this.weight(`${p}.attn.bqkv`, [3 * c], zeros);
      this.weight(`${p}.attn.wo`, [c, c], normal(rng, projStd), true);
      this.weight(`${p}.attn.bo`, [c], zeros);
      this.weight(`${p}.ln2.g`, [c], ones);
      this.weight(`${p}.ln2.b`, [c], zeros);
      this.weight(`${p}.mlp.wfc`, [c, 4 * c], normal(rng, std), true);
      this.weight(`${p}.mlp.bfc`, [4 * c], zeros);
      this.weight(`${p}.mlp.wproj`, [4 * c, c], normal(rng, projStd), true);
      this.weight(`${p}.mlp.bproj`, [c], zeros);
    }
    this.weight("lnf.g", [c], ones);
    this.weight("lnf.b", [c], zeros);
    this.mask = causalMask(blockSize);
  }

  /** Parameter count (the tied head is counted once). */
  get numParams(): number {
    let n = 0;
    for (const v of this.params.values()) n += v.size;
    return n;
  }

  /** idx [B, T] int32 token ids -> logits [B, T - from, V]. */
  forward(idx: tf.Tensor2D, options: ForwardOptions = {}): tf.Tensor3D {
    const [b, t] = idx.shape;
    const { nEmbd: c, blockSize } = this.config;
    if (t > blockSize) throw new Error(`sequence length ${t} exceeds block size ${blockSize}`);
    this.dropoutCalls = 0;
    const drop = (x: tf.Tensor): tf.Tensor => this.dropout(x, options);

    const tok = embedding(this.p("wte"), idx); // [B, T, C]
    const pos = tf.slice(this.p("wpe"), [0, 0], [t, c]); // [T, C]
    let x: tf.Tensor = drop(tf.add(tok, pos));
    const mask = t === blockSize ? this.mask : tf.slice(this.mask, [0, 0], [t, t]);
    for (let l = 0; l < this.config.nLayer; l++) x = this.block(x, l, mask, options);
    x = layerNorm(x, this.p("lnf.g"), this.p("lnf.b"));

    const from = options.from ?? 0;
    if (from > 0) x = tf.slice(x, [0, from, 0], [b, t - from, c]); // [B, T', C]
    return linearTransposed(x, this.p("wte")) as tf.Tensor3D; // [B, T', C] @ [C, V] -> [B, T', V]
  }

  private block(x: tf.Tensor, l: number, mask: tf.Tensor, options: ForwardOptions): tf.Tensor {
    const p = `h.${l}`;
    const drop = (y: tf.Tensor): tf.Tensor => this.dropout(y, options);
    const a = this.attention(layerNorm(x, this.p(`${p}.ln1.g`), this.p(`${p}.ln1.b`)), p, mask, options);
    x = tf.add(x, drop(a));
    const h = gelu(linear(layerNorm(x, this.p(`${p}.ln2.g`), this.p(`${p}.ln2.b`)), this.p(`${p}.mlp.wfc`), this.p(`${p}.mlp.bfc`)));
    return tf.add(x, drop(linear(h, this.p(`${p}.mlp.wproj`), this.p(`${p}.mlp.bproj`))));
  }

  private attention(x: tf.Tensor, p: string, mask: tf.Tensor, options: ForwardOptions): tf.Tensor {
    const [b, t] = x.shape as [number, number, number];
    const nh = this.config.nHead;
    const qkv = linear(x, this.p(`${p}.attn.wqkv`), this.p(`${p}.attn.bqkv`)); // [B, T, 3C]
    const keep = this.dropoutKeep([b, nh, t, t], options); // on the attention weights, after the softmax
    const y = causalAttention(qkv, nh, mask, keep); // [B, T, C]
    return linear(y, this.p(`${p}.attn.wo`), this.p(`${p}.attn.bo`));
  }

  private dropout(x: tf.Tensor, options: ForwardOptions): tf.Tensor {
    const rate = this.config.dropout;
    if (!options.training || rate <= 0) return x;
    const seed = (options.dropoutSeed ?? 0) * 1000 + this.dropoutCalls++;
    return tf.dropout(x, rate, undefined, seed);
  }

  /** The multiplier `dropout` would apply to a tensor of `shape` at this point, or undefined when off. */
  private dropoutKeep(shape: number[], options: ForwardOptions): tf.Tensor | undefined {
    const rate = this.config.dropout;
    if (!options.training || rate <= 0) return undefined;
    return dropoutMultiplier(shape, rate, (options.dropoutSeed ?? 0) * 1000 + this.dropoutCalls++);
  }

  p(name: string): tf.Variable {
    const v = this.params.get(name);
    if (!v) throw new Error(`no parameter ${name}`);
    return v;
  }

  /** Copies of all weights as plain arrays (for checkpoints). */
  async getWeights(): Promise<Record<string, { shape: number[]; data: Float32Array }>> {
    const out: Record<string, { shape: number[]; data: Float32Array }> = {};
    for (const [name, v] of this.params) out[name] = { shape: v.shape, data: (await v.data()) as Float32Array };
    return out;
  }

  setWeights(weights: Record<string, { shape: number[]; data: Float32Array }>): void {
    for (const [name, v] of this.params) {
      const w = weights[name];
      if (!w) throw new Error(`checkpoint has no weight ${name}`);
      if (w.shape.join(",") !== v.shape.join(",")) {
        throw new Error(`weight ${name}: checkpoint shape [${w.shape}] != model shape [${v.shape}]`);
      }
      tf.tidy(() => v.assign(tf.tensor(w.data, w.shape)));
    }
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
    this.params.clear();
    this.mask.dispose();
  }

  private weight(name: string, shape: number[], init: (n: number) => Float32Array, decay = false): void {
    const n = shape.reduce((a, b) => a * b, 1);
    this.params.set(name, tf.tidy(() => tf.variable(tf.tensor(init(n), shape), true)));
    if (decay) this.decayed.add(name);
  }
}

// Initial weights come from the seeded core RNG, not tf.random*, so a seed gives the same model on
// every backend.
function normal(rng: Rng, std: number): (n: number) => Float32Array {
  return (n) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i += 2) {
      const u = 1 - rng.next();
      const r = Math.sqrt(-2 * Math.log(u)) * std;
      const th = 2 * Math.PI * rng.next();
      out[i] = r * Math.cos(th);
      if (i + 1 < n) out[i + 1] = r * Math.sin(th);
    }
    return out;
  };
}
const ones = (n: number): Float32Array => new Float32Array(n).fill(1);
const zeros = (n: number): Float32Array => new Float32Array(n);
