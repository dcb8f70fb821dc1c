/**
 * The model's operations, each with a hand-written gradient, which per-kernel profiles of a training
 * step on wasm showed faster: autodiff of a composite op records every intermediate kernel, saves
 * (clones) its inputs, and runs each gradient's own casts; a `tf.customGrad` op saves only what its
 * backward needs and runs the fewest kernels. Products of single matrices transpose explicitly (wasm
 * runs matMul's transpose flags 9–70× slower); attention's batched products pass the flags, which
 * src/kernels.ts folds into the transposes its wasm batched product makes anyway. The same maths runs on
 * every backend.
 */
import * as tf from "@tensorflow/tfjs";

type Save = (tensors: tf.Tensor[]) => void;
type Grad = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/** tf.customGrad with the save function as the last argument and plain tensor inputs. */
function custom<A extends tf.Tensor[]>(f: (...args: [...A, Save]) => { value: tf.Tensor; gradFunc: Grad }): (...inputs: A) => tf.Tensor {
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (...inputs: A) => tf.Tensor;
}

/**
 * Replaces tfjs's BatchMatMul gradient with one that transposes explicitly and then calls a plain
 * matMul. The stock gradient uses matMul's transposeA/B flags, which the wasm backend runs 9–70× slower
 * (shared/ENGINE.md: 2.6× (nano) to 5.5× (mini) faster training). Covers products the model's own ops
 * do not (they carry their own gradients). Idempotent; same maths on every backend.
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

/** Column sums of a matrix [N, C] -> [C] (bias and gain gradients). */
function colSum(x: tf.Tensor): tf.Tensor {
  return tf.sum(x, 0);
}

const linearBias = custom<[tf.Tensor, tf.Tensor, tf.Tensor]>((x, w, b, save) => {
  save([x, w]);
  return {
    value: tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: b }), // bias added inside the product
    gradFunc: (dy, [xs, ws]) => {
      const dw = mm(swapLast(xs as tf.Tensor), dy);
      // db = 1ᵀ·dy as a product right after the one above: wasm's XNNPACK keeps dy packed from it, so this
      // costs one pass over dy (a Sum over axis 0 transposes dy first: 3–6× slower at [576, 768]).
      const db = mm(tf.ones([1, dy.shape[0] as number]), dy).reshape([dy.shape[1] as number]);
      return [mm(dy, swapLast(ws as tf.Tensor)), dw, db];
    },
  };
});

const linearNoBias = custom<[tf.Tensor, tf.Tensor]>((x, w, save) => {
  save([x, w]);
  return { value: mm(x, w), gradFunc: (dy, [xs, ws]) => [mm(dy, swapLast(ws as tf.Tensor)), mm(swapLast(xs as tf.Tensor), dy)] };
});

/** x @ w + b over the last axis, for x of any rank: [..., C] -> [..., D]. */
export function linear(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const inDim = x.shape[x.shape.length - 1] as number;
  const lead = x.shape.slice(0, -1);
  const x2 = x.reshape([-1, inDim]); // [N, C] @ [C, D] -> [N, D]
  const y = b ? linearBias(x2, w, b) : linearNoBias(x2, w);
  return y.reshape([...lead, w.shape[1] as number]);
}

const linearT = custom<[tf.Tensor, tf.Tensor]>((x, w, save) => {
  save([x, w]);
  return {
    value: mm(x, swapLast(w)), // [N, C] @ [C, V]
    gradFunc: (dy, [xs, ws]) => {
      const [n, c] = (xs as tf.Tensor).shape as [number, number];
      // dw [V, C] = dyᵀ·x, or (xᵀ·dy)ᵀ: transpose whichever of dy [N, V] and dwᵀ [C, V] is smaller
      // (at V = 50,257, wasm's transpose of a [256, V] matrix measured 9 ns per element).
      const dw = c < n ? swapLast(mm(swapLast(xs as tf.Tensor), dy)) : mm(swapLast(dy), xs as tf.Tensor);
      return [mm(dy, ws as tf.Tensor), dw];
    },
  };
});

/** x @ wᵀ for x [..., C] and w [V, C] -> [..., V]: the LM head tied to the token embedding. */
export function linearTransposed(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  const c = x.shape[x.shape.length - 1] as number;
  const lead = x.shape.slice(0, -1);
  return linearT(x.reshape([-1, c]), w).reshape([...lead, w.shape[0] as number]);
}

/**
 * Rows of `table` [V, C] at `ids` (int32, any shape) -> [...ids.shape, C]. The gradient adds each
 * output row into its id's row (UnsortedSegmentSum, which src/kernels.ts provides on wasm and makes
 * one pass on cpu): O(N·C + V·C), where one-hot × table costs a [N, V] one-hot and N·V·C products.
 * Used at every vocabulary size: on wasm, forward and backward of 576 rows measured 0.46 ms against
 * one-hot's 0.70 ms at the arithmetic vocabulary (14 tokens, width 48), on par at width 192, and 30–90×
 * faster at 1,000–5,000 tokens; on cpu about 2× faster at 14 tokens.
 */
export function embedding(table: tf.Tensor, ids: tf.Tensor): tf.Tensor {
  const [v, c] = table.shape as [number, number];
  const flat = ids.reshape([-1]) as tf.Tensor1D;
  const gather = custom<[tf.Tensor]>((w) => ({
    value: tf.gather(w, flat),
    gradFunc: (dy) => tf.unsortedSegmentSum(dy, flat, v),
  }));
  return gather(table).reshape([...ids.shape, c]);
}

/** LayerNorm over the last axis (Ba et al. 2016). */
export function layerNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, eps = 1e-5): tf.Tensor {
  const c = x.shape[x.shape.length - 1] as number;
  const norm = custom<[tf.Tensor, tf.Tensor, tf.Tensor]>((x2, g, b, save) => {
    const mean = tf.mean(x2, 1, true); // [N, 1]
    const xc = tf.sub(x2, mean);
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(xc), 1, true), eps)); // [N, 1]
    const xhat = tf.mul(xc, rstd);
    save([xhat, rstd, g]);
    return {
      value: tf.add(tf.mul(xhat, g), b),
      gradFunc: (dy, [xh, r, gs]) => {
        const xhat = xh as tf.Tensor;
        const dxhat = tf.mul(dy, gs as tf.Tensor);
        // dx = rstd · (dxhat − mean(dxhat) − xhat · mean(dxhat · xhat))
        const centred = tf.sub(tf.sub(dxhat, tf.mean(dxhat, 1, true)), tf.mul(xhat, tf.mean(tf.mul(dxhat, xhat), 1, true)));
        return [tf.mul(centred, r as tf.Tensor), colSum(tf.mul(dy, xhat)), colSum(dy)];
      },
    };
  });
  return norm(x.reshape([-1, c]), gain, bias).reshape(x.shape);
}

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_K = 0.044715;

/**
 * GELU, tanh approximation as in GPT-2: 0.5·x·(1 + tanh(u)), u = √(2/π)(x + 0.044715x³), computed as
 * x·σ(2u) (the same function: 0.5(1 + tanh u) = σ(2u)) because wasm's Sigmoid measured 17× faster than
 * its Tanh.
 */
export const gelu = custom<[tf.Tensor]>((x, save) => {
  const x2 = tf.square(x);
  const s = tf.sigmoid(tf.mul(x, tf.add(tf.mul(x2, 2 * GELU_C * GELU_K), 2 * GELU_C))); // σ(2u)
  const y = tf.mul(x, s);
  save([x2, s, y]);
  return {
    value: y,
    gradFunc: (dy, [x2s, ss, ys]) => {
      // d/dx x·σ(2u) = s + x·s(1 − s)·2u' = s + (y − y·s)·2u',  2u' = 2√(2/π)(1 + 3·0.044715x²)
      const sig = ss as tf.Tensor;
      const yv = ys as tf.Tensor;
      const du = tf.add(tf.mul(x2s as tf.Tensor, 6 * GELU_C * GELU_K), 2 * GELU_C);
      return tf.mul(dy, tf.add(sig, tf.mul(tf.sub(yv, tf.mul(yv, sig)), du)));
    },
  };
});

/**
 * Causal self-attention core: qkv [B, T, 3C] (q, k and v side by side, nh heads of C/nh) -> [B, T, C],
 * softmax(q·kᵀ/√hs + mask)·v per head. `keep` (optional, [B, nh, T, T]) multiplies the attention weights
 * after the softmax: a dropout multiplier, see `dropoutMultiplier`. One transpose brings all heads to
 * [B, 3nh, T, hs] (q, k, v are then contiguous blocks per example); products that need a transposed
 * operand say so with matMul's flags, which src/kernels.ts turns into the transposes its wasm batched
 * product makes anyway, and which cpu and webgpu take natively.
 */
export function causalAttention(qkv: tf.Tensor, nh: number, mask: tf.Tensor, keep?: tf.Tensor): tf.Tensor {
  const [b, t, c3] = qkv.shape as [number, number, number];
  const c = c3 / 3;
  const hs = c / nh;
  const scale = 1 / Math.sqrt(hs);
  const bmm = (x: tf.Tensor, y: tf.Tensor, ta = false, tb = false): tf.Tensor => tf.matMul(x as tf.Tensor4D, y as tf.Tensor4D, ta, tb);
  const core = custom<[tf.Tensor]>((x, save) => {
    const heads = tf.transpose(x.reshape([b, t, 3 * nh, hs]), [0, 2, 1, 3]); // [B, 3nh, T, hs]
    const part = (i: number): tf.Tensor => tf.slice(heads, [0, i * nh, 0, 0], [b, nh, t, hs]); // [B, nh, T, hs]
    const [q, k, v] = [part(0), part(1), part(2)];
    const att = tf.softmax(tf.add(tf.mul(bmm(q, k, false, true), scale), mask)); // q·kᵀ: [B, nh, T, T]
    const attK = keep ? tf.mul(att, keep) : att;
    save([q, k, v, att, attK]);
    return {
      value: tf.transpose(bmm(attK, v), [0, 2, 1, 3]).reshape([b, t, c]), // [B, nh, T, hs] -> [B, T, C]
      gradFunc: (dy, saved) => {
        const [qs, ks, vs, atts, attKs] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        const dY = tf.transpose(dy.reshape([b, t, nh, hs]), [0, 2, 1, 3]); // [B, nh, T, hs]
        const dV = bmm(attKs, dY, true); // attᵀ·dY
        let dAtt = bmm(dY, vs, false, true); // dY·vᵀ: [B, nh, T, T]
        if (keep) dAtt = tf.mul(dAtt, keep);
        // softmax backward, then the scale: dS = att·(dAtt − Σ_j dAtt·att)/√hs
        const dS = tf.mul(tf.mul(atts, tf.sub(dAtt, tf.sum(tf.mul(dAtt, atts), -1, true))), scale);
        const dQ = bmm(dS, ks); // dS·k
        const dK = bmm(dS, qs, true); // dSᵀ·q
        const dHeads = tf.concat([dQ, dK, dV], 1); // [B, 3nh, T, hs]
        return tf.transpose(dHeads, [0, 2, 1, 3]).reshape([b, t, c3]);
      },
    };
  });
  return core(qkv);
}

/**
 * The multiplier `tf.dropout(x, rate, undefined, seed)` applies to x of `shape`: the same draws, so a
 * model that applies it inside its own op drops the same elements as tf.dropout would.
 */
export function dropoutMultiplier(shape: number[], rate: number, seed: number): tf.Tensor {
  const keepProb = 1 - rate;
  return tf.div(tf.floor(tf.add(tf.randomUniform(shape, 0, 1, "float32", seed), keepProb)), keepProb);
}

/**
 * Per-row cross-entropy of logits [N, V] against int32 targets [N] -> [N] nats, with gradient
 * (softmax − onehot)·dy. Uses the Softmax kernel and lse = max(l) − log(max(softmax(l))) (max(softmax)
 * ≥ 1/V, so the log is finite): wasm's Exp measured 10× slower than its Softmax.
 */
export function crossEntropy(logits: tf.Tensor, targets: tf.Tensor): tf.Tensor {
  const [n, v] = logits.shape as [number, number];
  const ce = custom<[tf.Tensor]>((l, save) => {
    const p = tf.softmax(l); // [N, V]
    const lse = tf.sub(tf.max(l, 1), tf.log(tf.max(p, 1))); // [N]
    // The target logits by flat index row·V + target (no [N, V] one-hot in the forward pass) while
    // that index fits int32.
    const picked =
      n * v < 2 ** 31
        ? tf.gather(l.reshape([-1]), tf.add(tf.mul(tf.range(0, n, 1, "int32"), tf.scalar(v, "int32")), targets))
        : tf.sum(tf.mul(l, tf.cast(tf.oneHot(targets as tf.Tensor1D, v), "float32")), 1);
    save([p]);
    return {
      value: tf.sub(lse, picked),
      gradFunc: (dy, [ps]) => {
        const onehot = tf.cast(tf.oneHot(targets as tf.Tensor1D, v), "float32"); // wasm's OneHot writes int32 whatever the dtype
        return tf.mul(tf.sub(ps as tf.Tensor, onehot), dy.reshape([-1, 1]));
      },
    };
  });
  return ce(logits);
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
