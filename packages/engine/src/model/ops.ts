import * as tf from "@tensorflow/tfjs";

/**
 * Replaces tfjs's BatchMatMul gradient with one that transposes explicitly and then calls a plain
 * matMul. The stock gradient uses matMul's transposeA/B flags, which the wasm backend runs 9–70× slower
 * (shared/ENGINE.md: 2.6× (nano) to 5.5× (mini) faster training). A registered gradient, unlike
 * tf.customGrad, adds no identity kernels around every product. Idempotent; same maths on every backend.
 */
export function installMatMulGradient(): void {
  if (installed) return;
  installed = true;
  tf.registerGradient({
    kernelName: "BatchMatMul",
    inputsToSave: ["a", "b"],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
      const g = dy as tf.Tensor3D;
      const [a, b] = saved as [tf.Tensor3D, tf.Tensor3D];
      const t = (x: tf.Tensor): tf.Tensor3D => swapLast(x) as tf.Tensor3D;
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return { a: () => tf.matMul(g, t(b)), b: () => tf.matMul(t(a), g) };
      if (!transposeA && transposeB) return { a: () => tf.matMul(g, b), b: () => tf.matMul(t(g), a) };
      if (transposeA && !transposeB) return { a: () => tf.matMul(b, t(g)), b: () => tf.matMul(a, g) };
      return { a: () => tf.matMul(t(b), t(g)), b: () => tf.matMul(t(g), t(a)) };
    },
  });
}
let installed = false;

/** Plain matrix product (rank 2, or batched rank 3/4 with equal batch dimensions). */
export function mm(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D);
}

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
