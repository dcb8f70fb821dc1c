import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { selectBackend } from "./backend";

/** Runs `f` on cpu (tfjs's reference kernels) and on wasm (with src/kernels.ts), returns both results. */
async function onBoth(f: () => tf.Tensor | tf.Tensor[]): Promise<{ cpu: number[][]; wasm: number[][]; shapes: number[][][] }> {
  const out: Record<string, number[][]> = {};
  const shapes: number[][][] = [];
  for (const backend of ["cpu", "wasm"] as const) {
    await selectBackend(backend);
    const r = tf.tidy(() => {
      const t = f();
      return Array.isArray(t) ? t : [t];
    });
    shapes.push(r.map((t) => t.shape));
    out[backend] = r.map((t) => Array.from(t.dataSync()));
    tf.dispose(r);
  }
  return { cpu: out.cpu as number[][], wasm: out.wasm as number[][], shapes };
}

function expectAllClose(a: number[][], b: number[][], tol = 1e-5): void {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => {
    expect(row.length).toBe(b[i]?.length);
    row.forEach((v, j) => expect(Math.abs(v - (b[i]?.[j] as number))).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(v))));
  });
}

const randn = (shape: number[], seed: number): tf.Tensor => tf.randomNormal(shape, 0, 1, "float32", seed);

describe("wasm kernels", () => {
  it("BatchMatMul matches cpu for single and batched products, every transpose flag, rank 2 to 4", async () => {
    const cases: [number[], number[], boolean, boolean][] = [];
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        cases.push([ta ? [4, 3] : [3, 4], tb ? [5, 4] : [4, 5], ta, tb]); // one product
        cases.push([ta ? [6, 4, 3] : [6, 3, 4], tb ? [6, 5, 4] : [6, 4, 5], ta, tb]); // a batch of 6
        cases.push([ta ? [2, 3, 4, 9] : [2, 3, 9, 4], tb ? [2, 3, 9, 4] : [2, 3, 4, 9], ta, tb]); // attention-like
      }
    }
    cases.push([[1, 7, 3], [1, 3, 2], false, false], [[4, 7, 3], [1, 3, 2], false, false]); // batch of 1, broadcast batch
    cases.push([[5, 1, 7], [5, 7, 1], false, false], [[3, 1, 1], [3, 1, 4], false, false], [[2, 4, 300], [2, 300, 3], false, false]); // 1-wide and long products
    const r = await onBoth(() => cases.map(([sa, sb, ta, tb], i) => tf.matMul(randn(sa, 1 + i) as tf.Tensor3D, randn(sb, 100 + i) as tf.Tensor3D, ta, tb)));
    expect(r.shapes[1]).toEqual(r.shapes[0]);
    expectAllClose(r.wasm, r.cpu);
  });

  it("Slice matches cpu for contiguous and strided slices of rank 1 to 4", async () => {
    const r = await onBoth(() => {
      const x4 = randn([3, 4, 5, 6], 1);
      return [
        tf.slice(randn([50], 2), [7], [20]),
        tf.slice(randn([6, 7], 3), [1, 0], [3, 7]),
        tf.slice(randn([6, 7], 3), [1, 2], [3, 4]),
        tf.slice(x4, [1, 0, 0, 0], [2, 4, 5, 6]),
        tf.slice(x4, [0, 1, 2, 0], [3, 2, 3, 6]),
        tf.slice(x4, [1, 1, 1, 1], [2, 3, 4, 5]),
        tf.slice(tf.range(0, 24, 1, "int32").reshape([2, 3, 4]), [0, 1, 1], [2, 2, 2]),
      ];
    });
    expect(r.shapes[1]).toEqual(r.shapes[0]);
    expectAllClose(r.wasm, r.cpu, 0);
  });

  it("GatherV2 matches cpu on any axis and index shape, and rejects an index out of range", async () => {
    const r = await onBoth(() => {
      const x = randn([5, 3, 4], 1);
      return [tf.gather(x, tf.tensor1d([4, 0, 0, 2], "int32")), tf.gather(x, tf.tensor2d([[2, 0], [1, 1]], [2, 2], "int32"), 1), tf.gather(x, tf.tensor1d([3], "int32"), 2)];
    });
    expect(r.shapes[1]).toEqual(r.shapes[0]);
    expectAllClose(r.wasm, r.cpu, 0);
    await selectBackend("wasm");
    expect(() => tf.gather(tf.ones([3, 2]), tf.tensor1d([3], "int32"))).toThrow(/index value 3 is not in \[0, 2\]/);
  });

  it("UnsortedSegmentSum adds rows into their segments and drops ids out of range, on cpu and wasm", async () => {
    const x = [
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 10],
    ];
    const ids = [2, 0, 2, -1, 7];
    const r = await onBoth(() => tf.unsortedSegmentSum(tf.tensor2d(x), tf.tensor1d(ids, "int32"), 4));
    expect(r.shapes[0]).toEqual([[4, 2]]);
    expect(r.cpu[0]).toEqual([3, 4, 0, 0, 6, 8, 0, 0]);
    expect(r.wasm[0]).toEqual(r.cpu[0]);
  });

  it("gives tf.gather a gradient on wasm: rows added into the ids they came from", async () => {
    await selectBackend("wasm");
    const table = tf.tensor2d([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor1d([2, 0, 2], "int32")), tf.tensor2d([[1, 2], [3, 4], [5, 6]]))))(table);
    expect(Array.from(g.dataSync())).toEqual([3, 4, 0, 0, 6, 8]);
  });

  it("Identity and same-dtype Cast share the buffer, which outlives the tensor it came from", async () => {
    await selectBackend("wasm");
    const before = tf.memory().numBytes;
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    const z = tf.cast(x, "float32");
    const f = tf.tensor1d([1.7, -2.2]);
    const i = tf.cast(f, "int32");
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(z.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(i.dataSync())).toEqual([1, -2]);
    tf.dispose([y, z, i, f]);
    expect(tf.memory().numBytes).toBe(before);
  });
});
