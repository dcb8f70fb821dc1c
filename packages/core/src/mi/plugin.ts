import type { SeqExample } from "../tasks/types";
import { column, entropy, joinKeys, jointKeys, mutualInformation } from "./entropy";
import type { MiPosition } from "./index";

/**
 * Plug-in estimators over token columns (METHOD.md, "MI estimators"). Why restricted estimators at all:
 * an arithmetic answer is a function of the whole source, so I(S; y_i) = H(y_i) for every position and
 * the full-input MI cannot rank positions. What differs between positions is how much of that
 * information a few source tokens carry: the units digit of a product is a function of the two units
 * digits alone, a middle digit needs all of them. Pairwise MI sees single tokens; joint-k sees the k
 * tokens that together say most about y_i.
 */
export interface Columns {
  n: number;
  source: Int32Array[];
  target: Int32Array[];
}

export function toColumns(examples: readonly SeqExample[]): Columns {
  const first = examples[0];
  if (!first) throw new Error("MI estimation needs at least one example");
  return {
    n: examples.length,
    source: first.source.map((_, j) => column(examples, "source", j)),
    target: first.target.map((_, i) => column(examples, "target", i)),
  };
}

/**
 * I(s_j; y_i) for every source position j, aggregated by `sum` (the score) and `max`. Sum, because
 * when the source tokens are mutually independent (arithmetic operand digits are) I(S; y) =
 * Σ_j I(s_j; y | s_<j) ≥ Σ_j I(s_j; y): the sum is the tightest pairwise lower bound on the full-input
 * MI, while max credits only one token of an answer digit that depends on several.
 */
export function pluginPairwise(cols: Columns): MiPosition[] {
  return cols.target.map((y, position) => {
    const mis = cols.source.map((s) => mutualInformation(s, y));
    const { index, value } = argmax(mis);
    const sum = mis.reduce((a, b) => a + b, 0);
    return { position, entropy: entropy(y), score: sum, sum, max: value, sources: index < 0 ? [] : [index] };
  });
}

/**
 * Greedy choice of the k source positions that jointly say most about target `position`: the best
 * single position by pairwise MI, then repeatedly the position whose addition maximises the joint MI.
 * Ties go to the leftmost position, so the selection is deterministic.
 */
export function selectJointSources(cols: Columns, position: number, k: number): { sources: number[]; mi: number } {
  const y = cols.target[position];
  if (!y) throw new Error(`target position ${position} out of range 0…${cols.target.length - 1}`);
  const size = Math.min(Math.max(1, Math.floor(k)), cols.source.length);
  // Exhaustive over all k-subsets while that is cheap: a greedy start from the best single position
  // fails on sums, where each operand digit alone carries no information about (a0 + b0) mod 10.
  if (binomial(cols.source.length, size) <= EXHAUSTIVE_LIMIT) {
    let best = { sources: [] as number[], mi: -Infinity };
    for (const subset of subsets(cols.source.length, size)) {
      const mi = mutualInformation(jointKeys(subset.map((j) => cols.source[j] as Int32Array), cols.n), y);
      if (mi > best.mi) best = { sources: subset, mi };
    }
    return best;
  }
  const sources: number[] = [];
  let joint: Int32Array = new Int32Array(cols.n);
  let mi = 0;
  for (let step = 0; step < size; step++) {
    const gains = cols.source.map((s, j) => (sources.includes(j) ? -Infinity : mutualInformation(joinKeys(joint, s), y)));
    const { index, value } = argmax(gains);
    sources.push(index);
    joint = joinKeys(joint, cols.source[index] as Int32Array);
    mi = value;
  }
  return { sources, mi };
}

/** Subsets searched exhaustively up to this count (11 source positions, k = 4: 330). */
const EXHAUSTIVE_LIMIT = 2000;

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r = (r * (n - i)) / (i + 1);
  return r;
}

/** All k-subsets of 0..n-1 in lexicographic order. */
function* subsets(n: number, k: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === k) {
    yield prefix;
    return;
  }
  for (let j = start; j <= n - (k - prefix.length); j++) yield* subsets(n, k, j + 1, [...prefix, j]);
}

/** I(S_top-k; y_i), S_top-k chosen by `selectJointSources`; k = 2 captures digit pairs. */
export function pluginJointK(cols: Columns, k: number): MiPosition[] {
  return cols.target.map((y, position) => {
    const { sources, mi } = selectJointSources(cols, position, k);
    return { position, entropy: entropy(y), score: mi, sources };
  });
}

/**
 * Plug-in I(S_top-k(i), y_chosen; y_i) for greedy-mi: what the candidate's most informative source
 * tokens and the already generated target tokens say about it. Selections and gains are memoised,
 * because greedyOrder asks for every remaining candidate at every step.
 */
export function pluginConditionalGain(cols: Columns, k: number): (chosen: readonly number[], candidate: number) => number {
  const sourceKeys = new Map<number, Int32Array>();
  const memo = new Map<string, number>();
  return (chosen, candidate) => {
    const id = `${chosen.join(",")}|${candidate}`;
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    let base = sourceKeys.get(candidate);
    if (!base) {
      const { sources } = selectJointSources(cols, candidate, k);
      base = jointKeys(sources.map((j) => cols.source[j] as Int32Array), cols.n);
      sourceKeys.set(candidate, base);
    }
    const given = chosen.map((i) => {
      const c = cols.target[i];
      if (!c) throw new Error(`chosen target position ${i} out of range 0…${cols.target.length - 1}`);
      return c;
    });
    const gain = mutualInformation(jointKeys([base, ...given], cols.n), cols.target[candidate] as Int32Array);
    memo.set(id, gain);
    return gain;
  };
}

function argmax(values: readonly number[]): { index: number; value: number } {
  let index = -1;
  let value = -Infinity;
  values.forEach((v, i) => {
    if (v > value) {
      index = i;
      value = v;
    }
  });
  return { index, value: index < 0 ? 0 : value };
}
