import type { DataCursor } from "./data";
import type { GPTConfig } from "./model/config";
import type { OptimizerState } from "./optim";

/**
 * Everything needed to resume a run exactly (nanoGPT `train.py` keeps the same): weights, optimizer
 * moments and step count, the data cursor, the best metric so far, and the configuration.
 */
export interface Checkpoint {
  version: 1;
  config: GPTConfig;
  /** Updates completed; training resumes at this step. */
  step: number;
  seed: number;
  permutation: number[];
  weights: Record<string, { shape: number[]; data: Float32Array }>;
  optimizer: OptimizerState;
  cursor: DataCursor;
  best: { value: number; step: number } | null;
  tokens: number;
  elapsedMs: number;
}

const MAGIC = 0x4b43424f; // "OBCK" little-endian

/**
 * Binary layout: magic u32, header length u32, UTF-8 JSON header (arrays replaced by offsets), zero
 * padding to 4 bytes, then every float32 array back to back.
 */
export function serializeCheckpoint(ck: Checkpoint): Uint8Array {
  const arrays: Float32Array[] = [];
  let offset = 0;
  const ref = (a: Float32Array): { offset: number; length: number } => {
    arrays.push(a);
    const r = { offset, length: a.length };
    offset += a.length;
    return r;
  };
  const header = {
    ...ck,
    weights: Object.fromEntries(Object.entries(ck.weights).map(([k, w]) => [k, { shape: w.shape, ...ref(w.data) }])),
    optimizer: {
      t: ck.optimizer.t,
      m: Object.fromEntries(Object.entries(ck.optimizer.m).map(([k, a]) => [k, ref(a)])),
      v: Object.fromEntries(Object.entries(ck.optimizer.v).map(([k, a]) => [k, ref(a)])),
    },
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align4(8 + json.length);
  const out = new Uint8Array(dataStart + offset * 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  const floats = new Float32Array(out.buffer, dataStart, offset);
  let pos = 0;
  for (const a of arrays) {
    floats.set(a, pos);
    pos += a.length;
  }
  return out;
}

export function deserializeCheckpoint(bytes: Uint8Array): Checkpoint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error("not an orderbench checkpoint (bad magic number)");
  const len = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + len)));
  if (header.version !== 1) throw new Error(`unsupported checkpoint version ${header.version}`);
  const dataStart = align4(8 + len);
  // Copy so the arrays do not alias (and keep alive) the whole input buffer.
  const floats = new Float32Array(bytes.slice(dataStart).buffer);
  const take = (r: { offset: number; length: number }): Float32Array => floats.slice(r.offset, r.offset + r.length);
  const map = (o: Record<string, { offset: number; length: number }>) =>
    Object.fromEntries(Object.entries(o).map(([k, r]) => [k, take(r)]));
  return {
    ...header,
    weights: Object.fromEntries(
      Object.entries(header.weights as Record<string, { shape: number[]; offset: number; length: number }>).map(([k, w]) => [k, { shape: w.shape, data: take(w) }]),
    ),
    optimizer: { t: header.optimizer.t, m: map(header.optimizer.m), v: map(header.optimizer.v) },
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
