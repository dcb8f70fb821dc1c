/**
 * Kernel registrations that remove measured costs of the wasm backend (tfjs 4.22) and add the kernel it
 * lacks. Results equal those of the kernels they replace, up to the order of float32 sums in products
 * and segment sums; `selectBackend` installs them.
 *
 * - `Identity`: tfjs clones every tensor a gradient saves (`saveTensorsForBackwardMode`), and wasm's
 *   Identity copies the buffer. Here it shares the buffer under a reference count, as wasm's own Reshape
 *   does (cpu's Identity already works this way). Nothing in tfjs writes into an existing buffer.
 * - `Cast` to the tensor's own dtype (every Mul gradient casts both inputs): shared the same way.
 * - `Slice`: wasm's Slice first copies the *whole* input out of the heap (`readSync`), then slices the
 *   copy: 7 ms per slice of a 2.7M vector. Here it copies only the contiguous runs it returns.
 * - `BatchMatMul`: wasm runs a product on XNNPACK only when it is a single matrix product without
 *   transpose flags; a flagged one (matMul's own gradient) takes a scalar C++ loop 9–70× slower. Here
 *   a flagged single product transposes its operand (wasm's Transpose), then runs on XNNPACK.
 *   A batch of products (attention's per-head q·kᵀ and att·v) also takes that loop, at ~2 ns per
 *   multiply-add; here it runs as one XNNPACK depthwise convolution (`batchMatMulDepthwise`).
 * - `GatherV2`: wasm's measured ~100 ns per gathered element (10 ms for 576 rows of 192); here one
 *   contiguous copy per gathered row.
 * - `UnsortedSegmentSum`: missing on wasm, so `tf.gather`'s gradient fails there; cpu's version makes one
 *   pass over the whole input per segment (O(V·N·C) for an embedding of V rows). Here one pass adds each
 *   input row to its segment's row, on wasm and on cpu.
 */
import * as tf from "@tensorflow/tfjs";

type Info = tf.TensorInfo;
type Typed = Float32Array | Int32Array | Uint8Array;

/** The parts of tfjs-backend-wasm's BackendWasm used here. */
interface WasmBackend {
  incRef(dataId: tf.DataId): void;
  disposeData(dataId: tf.DataId): boolean;
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(t: Info): Typed;
}

/** The parts of tfjs-backend-cpu's MathBackendCPU used here. */
interface CpuBackend {
  readSync(dataId: tf.DataId): Typed;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Typed): Info;
}

const installed = new Set<string>();

/** Registers the kernels above for `backend` ("wasm" or "cpu"; others are left alone). Idempotent. */
export function installKernels(backend: string): void {
  if (installed.has(backend)) return;
  if (backend === "wasm") {
    const original = (name: string): tf.KernelFunc => {
      const k = tf.getKernel(name, "wasm");
      if (!k) throw new Error(`wasm backend has no ${name} kernel to wrap`);
      return k.kernelFunc;
    };
    const identity = original("Identity");
    const cast = original("Cast");
    const slice = original("Slice");
    const batchMatMul = original("BatchMatMul");
    const transpose = original("Transpose");
    const depthwise = original("DepthwiseConv2dNative");
    const gather = original("GatherV2");
    override("BatchMatMul", "wasm", (args) => {
      const { a, b } = args.inputs as { a: Info; b: Info };
      const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
      const backend = args.backend as unknown as WasmBackend;
      const batchA = sizeOf(a.shape.slice(0, -2));
      const batchB = sizeOf(b.shape.slice(0, -2));
      if (batchA === 1 && batchB === 1) {
        if (!transposeA && !transposeB) return batchMatMul(args);
        // Explicit transposes, then the XNNPACK product.
        const swap = (x: Info): Info => transpose({ inputs: { x }, backend: args.backend, attrs: { perm: swapPerm(x.shape.length) } }) as Info;
        const a2 = transposeA ? swap(a) : a;
        const b2 = transposeB ? swap(b) : b;
        const out = batchMatMul({ inputs: { a: a2, b: b2 }, backend: args.backend, attrs: { transposeA: false, transposeB: false } }) as Info;
        if (a2 !== a) backend.disposeData(a2.dataId);
        if (b2 !== b) backend.disposeData(b2.dataId);
        return out;
      }
      if (batchA !== batchB || sizeOf(a.shape) === 0 || sizeOf(b.shape) === 0) return batchMatMul(args);
      return batchMatMulDepthwise(a, b, transposeA, transposeB, backend, { transpose, depthwise });
    });
    override("GatherV2", "wasm", (args) => {
      const { x, indices } = args.inputs as { x: Info; indices: Info };
      const { axis, batchDims } = args.attrs as { axis: number; batchDims: number };
      if ((batchDims ?? 0) !== 0 || x.dtype === "string" || indices.dtype !== "int32") return gather(args);
      return gatherWasm(x, indices, axis, args.backend as unknown as WasmBackend);
    });
    override("Identity", "wasm", (args) => {
      const x = args.inputs.x as Info;
      return x.dtype === "string" ? identity(args) : share(x, args.backend as unknown as WasmBackend);
    });
    override("Cast", "wasm", (args) => {
      const x = args.inputs.x as Info;
      return x.dtype === args.attrs?.dtype && x.dtype !== "string" ? share(x, args.backend as unknown as WasmBackend) : cast(args);
    });
    override("Slice", "wasm", (args) => {
      const x = args.inputs.x as Info;
      if (x.dtype === "string") return slice(args);
      return sliceWasm(x, args.attrs as { begin: number | number[]; size: number | number[] }, args.backend as unknown as WasmBackend);
    });
    override("UnsortedSegmentSum", "wasm", ({ inputs, attrs, backend }) => {
      const b = backend as unknown as WasmBackend;
      const x = inputs.x as Info;
      const ids = inputs.segmentIds as Info;
      const n = (attrs as { numSegments: number }).numSegments;
      const out = b.makeOutput(segmentShape(x, ids, n), x.dtype);
      // Views after makeOutput: an allocation may grow the heap and detach older views.
      segmentSum(b.typedArrayFromHeap(x), b.typedArrayFromHeap(ids) as Int32Array, b.typedArrayFromHeap(out), n);
      return out;
    });
  } else if (backend === "cpu") {
    override("UnsortedSegmentSum", "cpu", ({ inputs, attrs, backend }) => {
      const b = backend as unknown as CpuBackend;
      const x = inputs.x as Info;
      const ids = inputs.segmentIds as Info;
      const n = (attrs as { numSegments: number }).numSegments;
      const shape = segmentShape(x, ids, n);
      const out = x.dtype === "int32" ? new Int32Array(sizeOf(shape)) : new Float32Array(sizeOf(shape));
      segmentSum(b.readSync(x.dataId), b.readSync(ids.dataId) as Int32Array, out, n);
      return b.makeTensorInfo(shape, x.dtype, out);
    });
  } else {
    return;
  }
  installed.add(backend);
}

/** Replaces a kernel, keeping its setup and dispose functions (the wrapped original relies on them). */
function override(kernelName: string, backendName: string, kernelFunc: tf.KernelFunc): void {
  const old = tf.getKernel(kernelName, backendName);
  if (old) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ kernelName, backendName, kernelFunc, setupFunc: old?.setupFunc, disposeFunc: old?.disposeFunc });
}

function swapPerm(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 1] = rank - 2;
  perm[rank - 2] = rank - 1;
  return perm;
}

/**
 * G products C[g] = op(A[g]) @ op(B[g]) (A [G, M, K], B [G, K, N], flags as matMul's) as one depthwise
 * convolution on XNNPACK: input [1, M, K, G] (the G products as channels), filter [1, K, G, N] (channel
 * multiplier N), "valid" padding -> [1, M, 1, G·N] = [M, G, N]. Three transposes move the batch axis
 * last and back. Measured 2–3× faster than wasm's batched C++ loop at attention's 9×9 blocks, 7–14× at
 * 64×64 and 128×128.
 */
function batchMatMulDepthwise(a: Info, b: Info, ta: boolean, tb: boolean, backend: WasmBackend, k: { transpose: tf.KernelFunc; depthwise: tf.KernelFunc }): Info {
  const ar = a.shape.length;
  const br = b.shape.length;
  const m = a.shape[ta ? ar - 1 : ar - 2] as number;
  const kk = a.shape[ta ? ar - 2 : ar - 1] as number;
  const n = b.shape[tb ? br - 2 : br - 1] as number;
  if ((b.shape[tb ? br - 1 : br - 2] as number) !== kk) {
    throw new Error(`Error in matMul: inner shapes of [${a.shape}] and [${b.shape}] (transposeA=${ta}, transposeB=${tb}) must match`);
  }
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const g = sizeOf(outer);
  const be = backend as unknown as tf.KernelBackend;
  const view = (t: Info, shape: number[]): Info => ({ dataId: t.dataId, shape, dtype: t.dtype });
  const tr = (t: Info, perm: number[]): Info => k.transpose({ inputs: { x: t }, backend: be, attrs: { perm } }) as Info;
  const x = tr(view(a, ta ? [g, kk, m] : [g, m, kk]), ta ? [2, 1, 0] : [1, 2, 0]); // [M, K, G]
  const f = tr(view(b, tb ? [g, n, kk] : [g, kk, n]), tb ? [2, 0, 1] : [1, 0, 2]); // [K, G, N]
  const y = k.depthwise({
    inputs: { x: view(x, [1, m, kk, g]), filter: view(f, [1, kk, g, n]) },
    backend: be,
    attrs: { strides: [1, 1], pad: "valid", dilations: [1, 1] },
  }) as Info; // [1, M, 1, G·N]
  const out = tr(view(y, [m, g, n]), [1, 0, 2]); // [G, M, N]
  backend.disposeData(x.dataId);
  backend.disposeData(f.dataId);
  backend.disposeData(y.dataId);
  return { ...out, shape: [...outer, m, n] };
}

/** tf.gather without batch dimensions: one contiguous copy per gathered slice. */
function gatherWasm(x: Info, indices: Info, axis: number, backend: WasmBackend): Info {
  const ax = tf.util.parseAxisParam(axis, x.shape)[0] as number;
  const dim = x.shape[ax] as number;
  const ids = backend.typedArrayFromHeap(indices) as Int32Array;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (id < 0 || id >= dim) throw new Error(`GatherV2: the index value ${id} is not in [0, ${dim - 1}]`);
  }
  const outerSize = sizeOf(x.shape.slice(0, ax));
  const inner = sizeOf(x.shape.slice(ax + 1));
  const out = backend.makeOutput([...x.shape.slice(0, ax), ...indices.shape, ...x.shape.slice(ax + 1)], x.dtype);
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  const idx = backend.typedArrayFromHeap(indices) as Int32Array; // again: the allocation may have moved the heap
  const n = idx.length;
  for (let o = 0; o < outerSize; o++) {
    for (let i = 0; i < n; i++) {
      copyRun(src, (o * dim + (idx[i] as number)) * inner, dst, (o * n + i) * inner, inner);
    }
  }
  return out;
}

/** A second tensor on the same buffer; the backend frees it when the last one is disposed. */
function share(x: Info, backend: WasmBackend): Info {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function sliceWasm(x: Info, attrs: { begin: number | number[]; size: number | number[] }, backend: WasmBackend): Info {
  const [begin, size] = tf.slice_util.parseSliceParams(x as tf.TensorInfo as tf.Tensor, attrs.begin, attrs.size) as [number[], number[]];
  const out = backend.makeOutput(size, x.dtype);
  if (sizeOf(size) === 0) return out;
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  const shape = x.shape;
  const rank = shape.length;
  // Axes after `inner` are taken whole, so each run of `run` elements is contiguous in both tensors.
  let inner = rank - 1;
  while (inner > 0 && size[inner] === shape[inner]) inner--;
  const strides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) strides[i] = (strides[i + 1] as number) * (shape[i + 1] as number);
  const run = (size[inner] as number) * (strides[inner] as number);
  let base = 0;
  for (let i = 0; i < rank; i++) base += (begin[i] as number) * (strides[i] as number);
  // Odometer over the axes before `inner`.
  const idx = new Array<number>(inner).fill(0);
  let o = 0;
  for (;;) {
    let off = base;
    for (let i = 0; i < inner; i++) off += (idx[i] as number) * (strides[i] as number);
    copyRun(src, off, dst, o, run);
    o += run;
    let a = inner - 1;
    while (a >= 0) {
      idx[a] = (idx[a] as number) + 1;
      if ((idx[a] as number) < (size[a] as number)) break;
      idx[a] = 0;
      a--;
    }
    if (a < 0) break;
  }
  return out;
}

/** dst[to..to+n) = src[from..from+n): a loop for short runs, where a subarray object per run costs more. */
function copyRun(src: Typed, from: number, dst: Typed, to: number, n: number): void {
  if (n >= 64) {
    dst.set(src.subarray(from, from + n), to);
    return;
  }
  for (let j = 0; j < n; j++) dst[to + j] = src[from + j] as number;
}

/** Output shape of UnsortedSegmentSum: [numSegments, ...x.shape after the segment ids' rank]. */
function segmentShape(x: Info, ids: Info, numSegments: number): number[] {
  const lead = ids.shape.length;
  if (x.shape.slice(0, lead).join(",") !== ids.shape.join(",")) {
    throw new Error(`UnsortedSegmentSum: segmentIds shape [${ids.shape}] is not a prefix of x shape [${x.shape}]`);
  }
  return [numSegments, ...x.shape.slice(lead)];
}

/** out[ids[i]] += x[i] row by row; ids outside [0, n) are dropped, as in TensorFlow. */
function segmentSum(x: Typed, ids: Int32Array, out: Typed, n: number): void {
  out.fill(0);
  const rows = ids.length;
  const width = rows === 0 ? 0 : x.length / rows;
  for (let r = 0; r < rows; r++) {
    const s = ids[r] as number;
    if (s < 0 || s >= n) continue;
    const xo = r * width;
    const oo = s * width;
    for (let j = 0; j < width; j++) out[oo + j] = (out[oo + j] as number) + (x[xo + j] as number);
  }
}
