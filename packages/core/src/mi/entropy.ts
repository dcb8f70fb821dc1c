import type { SeqExample } from "../tasks/types";

/**
 * Plug-in entropy and mutual information from counts, in nats (natural log), with the Miller–Madow
 * bias correction H_MM = H_plugin + (K − 1) / (2N), K = bins observed, N = samples (G. A. Miller,
 * "Note on the bias of information estimates", 1955). The plug-in estimate is biased low by about
 * (K − 1)/(2N); without the correction a joint variable with many cells looks informative by itself.
 *
 * A variable is an integer key per example. Joint variables are re-keyed densely (`joinKeys`) after
 * each factor, so keys stay below N however many positions are joined and never overflow.
 */
export type Keys = ArrayLike<number>;

export function countKeys(keys: Keys): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as number;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** −Σ (c/N) ln(c/N) over the counts, N = Σ c. */
export function plugInEntropy(counts: Iterable<number>): number {
  let n = 0;
  let sumClogC = 0;
  for (const c of counts) {
    if (c <= 0) continue;
    n += c;
    sumClogC += c * Math.log(c);
  }
  return n === 0 ? 0 : Math.log(n) - sumClogC / n;
}

export function millerMadowEntropy(counts: Iterable<number>): number {
  let n = 0;
  let k = 0;
  const list: number[] = [];
  for (const c of counts) {
    if (c <= 0) continue;
    n += c;
    k += 1;
    list.push(c);
  }
  return n === 0 ? 0 : plugInEntropy(list) + (k - 1) / (2 * n);
}

export function entropy(keys: Keys, correction: "miller-madow" | "none" = "miller-madow"): number {
  const counts = countKeys(keys).values();
  return correction === "none" ? plugInEntropy(counts) : millerMadowEntropy(counts);
}

/** Dense key of the pair (a, b): equal pairs get equal keys, keys are 0 … distinct pairs − 1. */
export function joinKeys(a: Keys, b: Keys): Int32Array {
  if (a.length !== b.length) throw new Error(`cannot join variables of ${a.length} and ${b.length} samples`);
  let radix = 1;
  for (let i = 0; i < b.length; i++) radix = Math.max(radix, (b[i] as number) + 1);
  const dense = new Map<number, number>();
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const raw = (a[i] as number) * radix + (b[i] as number);
    let d = dense.get(raw);
    if (d === undefined) {
      d = dense.size;
      dense.set(raw, d);
    }
    out[i] = d;
  }
  return out;
}

/** Joint variable of several columns; no columns is the constant variable. */
export function jointKeys(columns: readonly Keys[], n: number): Int32Array {
  let acc: Int32Array = new Int32Array(n);
  for (const c of columns) acc = joinKeys(acc, c);
  return acc;
}

/**
 * I(X; Y) = H(X) + H(Y) − H(X, Y) with each term Miller–Madow corrected, clamped at 0: the corrected
 * estimate of independent variables scatters around 0, and a negative value carries no ordering signal.
 * Keys must be non-negative integers.
 */
export function mutualInformation(x: Keys, y: Keys): number {
  const mi = entropy(x) + entropy(y) - entropy(joinKeys(x, y));
  return Math.max(0, mi);
}

/** Column `position` of the sources or targets, one key (token id) per example. */
export function column(examples: readonly SeqExample[], side: "source" | "target", position: number): Int32Array {
  const out = new Int32Array(examples.length);
  examples.forEach((e, i) => {
    out[i] = e[side][position] as number;
  });
  return out;
}
