import * as tf from "@tensorflow/tfjs";
import { decode, type Permutation } from "@orderbench/core/ordering";
import type { EncodedSet } from "./data";
import type { GPT } from "./model/gpt";
import { crossEntropy } from "./model/ops";

export interface DecodeResult {
  /** Generated targets, mapped back to plain order with the inverse permutation: [N][m]. */
  predictions: number[][];
  /** Gold targets in plain order: [N][m]. */
  gold: number[][];
  /** Mean teacher-forced cross-entropy per target token (nats). */
  loss: number;
}

/**
 * Greedy decoding in the strategy's order, then the inverse permutation. Every forward pass reads a
 * full block (later positions hold placeholders the causal mask hides), so shapes stay constant.
 */
export async function greedyDecode(model: GPT, set: EncodedSet, perm: Permutation, chunk = 256): Promise<DecodeResult> {
  const { blockSize: t, targetLength: m, targetOffset: off } = set;
  const predictions: number[][] = [];
  const gold: number[][] = [];
  let lossSum = 0;
  for (let start = 0; start < set.n; start += chunk) {
    const b = Math.min(chunk, set.n - start);
    const buf = new Int32Array(b * t);
    for (let i = 0; i < b; i++) {
      const row = set.inputs.subarray((start + i) * t, (start + i + 1) * t);
      buf.set(row.subarray(0, off + 1), i * t);
    }
    const generated: number[][] = Array.from({ length: b }, () => []);
    for (let k = 0; k < m; k++) {
      const next = tf.tidy(() => {
        const logits = model.forward(tf.tensor2d(buf, [b, t], "int32"), { from: off + k }); // [b, t-off-k, V]
        return tf.argMax(tf.slice(logits, [0, 0, 0], [b, 1, -1]).reshape([b, -1]), 1); // [b]
      });
      const ids = (await next.data()) as Int32Array;
      next.dispose();
      for (let i = 0; i < b; i++) {
        const id = ids[i] as number;
        generated[i]?.push(id);
        if (off + k + 1 < t) buf[i * t + off + k + 1] = id;
      }
    }
    const ce = tf.tidy(() => {
      const inputs = tf.tensor2d(set.inputs.subarray(start * t, (start + b) * t), [b, t], "int32");
      const targets = tf.tensor1d(set.targets.subarray(start * m, (start + b) * m), "int32");
      return tf.sum(tokenCrossEntropy(model.forward(inputs, { from: off }), targets));
    });
    lossSum += ((await ce.data()) as Float32Array)[0] as number;
    ce.dispose();
    for (let i = 0; i < b; i++) {
      predictions.push(decode(generated[i] as number[], perm));
      gold.push(decode(Array.from(set.targets.subarray((start + i) * m, (start + i + 1) * m)), perm));
    }
  }
  return { predictions, gold, loss: lossSum / Math.max(1, set.n * m) };
}

/** Per-token cross-entropy: logits [B, m, V], targets [B*m] int32 -> [B*m] nats. */
export function tokenCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor1D): tf.Tensor1D {
  return crossEntropy(logits.reshape([-1, logits.shape[2]]), targets) as tf.Tensor1D;
}
