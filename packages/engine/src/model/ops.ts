import * as tf from "@tensorflow/tfjs";

/**
 * Matrix product whose gradient transposes explicitly and then calls a plain matMul. The default
 * gradient uses matMul's transposeA/B flags, which the wasm backend runs 9–70× slower
 * (shared/ENGINE.md); this made training 2.6× (nano) to 5.5× (mini) faster there.
 * Works for rank 2 and batched rank 3/4 operands with matching batch dimensions.
 */
export const mm = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor, tf.Tensor];
      return [tf.matMul(dy as tf.Tensor3D, swapLast(sb) as tf.Tensor3D), tf.matMul(swapLast(sa) as tf.Tensor3D, dy as tf.Tensor3D)];
    },
  };
}) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** Transposes the last two axes. */
export function swapLast(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  const r = perm.length;
  perm[r - 1] = r - 2;
  perm[r - 2] = r - 1;
  return tf.transpose(x, perm);
}

/** x @ w + b over the last axis, for x of any rank: [..., C] -> [..., D]. */
export function linear(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const inDim = x.shape[x.shape.length - 1] as number;
  const lead = x.shape.slice(0, -1);
  const y = mm(x.reshape([-1, inDim]), w); // [N, C] @ [C, D] -> [N, D]
  const out = b ? tf.add(y, b) : y;
  return out.reshape([...lead, w.shape[1] as number]);
}

/** LayerNorm over the last axis (Ba et al. 2016). */
export function layerNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, eps = 1e-5): tf.Tensor {
  const axis = x.shape.length - 1;
  const { mean, variance } = tf.moments(x, axis, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), gain), bias);
}

/** GELU, tanh approximation as in GPT-2. */
export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.mul(tf.mul(x, x), x))));
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

/**
 * Additive causal mask [T, T]: 0 on and below the diagonal, -1e9 above. Built as a constant because
 * tf.linalg.bandPart has no working gradient.
 */
export function causalMask(t: number): tf.Tensor2D {
  const data = new Float32Array(t * t);
  for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) data[i * t + j] = -1e9;
  return tf.tensor2d(data, [t, t]);
}
