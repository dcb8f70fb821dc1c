import { createRng, shuffle } from "./rng";

/**
 * Target orderings (METHOD.md, "Orderings"). A permutation `perm` lists original target positions in
 * the order they are trained and generated: ordered[k] = target[perm[k]]. Decoding applies the inverse.
 */
export const STRATEGIES = ["plain", "reverse", "random", "max-mi", "min-mi", "greedy-mi"] as const;
export type Strategy = (typeof STRATEGIES)[number];
export type Permutation = readonly number[];

/** Strategies whose order depends on an MI estimate of the training split. */
export const MI_STRATEGIES: readonly Strategy[] = ["max-mi", "min-mi", "greedy-mi"];

export function isStrategy(s: string): s is Strategy {
  return (STRATEGIES as readonly string[]).includes(s);
}

export function isPermutation(perm: Permutation, length: number): boolean {
  if (perm.length !== length) return false;
  const seen = new Array<boolean>(length).fill(false);
  for (const p of perm) {
    if (!Number.isInteger(p) || p < 0 || p >= length || seen[p]) return false;
    seen[p] = true;
  }
  return true;
}

export function invert(perm: Permutation): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, k) => {
    inv[p] = k;
  });
  return inv;
}

/** Target in plain order -> training order. */
export function encode<T>(target: readonly T[], perm: Permutation): T[] {
  if (target.length !== perm.length) throw new Error(`target length ${target.length} != permutation length ${perm.length}`);
  return perm.map((p) => target[p] as T);
}

/** Generated sequence in training order -> target in plain order. */
export function decode<T>(ordered: readonly T[], perm: Permutation): T[] {
  if (ordered.length !== perm.length) throw new Error(`sequence length ${ordered.length} != permutation length ${perm.length}`);
  const out = new Array<T>(perm.length);
  perm.forEach((p, k) => {
    out[p] = ordered[k] as T;
  });
  return out;
}

/**
 * Positions sorted by score, descending for `desc`; ties keep plain (left-to-right) order, so
 * uninformative estimates fall back to NTP rather than to an arbitrary order.
 */
export function orderByScores(scores: readonly number[], direction: "desc" | "asc"): number[] {
  const sign = direction === "desc" ? -1 : 1;
  return scores
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s === b.s ? a.i - b.i : sign * (a.s - b.s)))
    .map(({ i }) => i);
}

/**
 * Greedy order: at each step choose the remaining position with the largest `gain(chosen, i)`
 * (for greedy-mi, I(S, y_chosen; y_i)); ties go to the leftmost position.
 */
export function greedyOrder(length: number, gain: (chosen: readonly number[], candidate: number) => number): number[] {
  const chosen: number[] = [];
  const remaining = new Set(Array.from({ length }, (_, i) => i));
  while (remaining.size > 0) {
    let best = -1;
    let bestGain = -Infinity;
    for (const i of remaining) {
      const g = gain(chosen, i);
      if (g > bestGain) {
        best = i;
        bestGain = g;
      }
    }
    chosen.push(best);
    remaining.delete(best);
  }
  return chosen;
}

export interface OrderingInput {
  strategy: Strategy;
  targetLength: number;
  /** Seed of the `random` strategy: one permutation per task, not per sample. */
  seed: number;
  /** Per-position MI scores, required by max-mi and min-mi. */
  scores?: readonly number[];
  /** Conditional gain I(S, y_chosen; y_i), required by greedy-mi. */
  gain?: (chosen: readonly number[], candidate: number) => number;
}

export function buildPermutation(input: OrderingInput): number[] {
  const m = input.targetLength;
  const identity = Array.from({ length: m }, (_, i) => i);
  switch (input.strategy) {
    case "plain":
      return identity;
    case "reverse":
      return identity.reverse();
    case "random":
      return shuffle(identity, createRng(input.seed));
    case "max-mi":
    case "min-mi": {
      if (!input.scores || input.scores.length !== m) {
        throw new Error(`${input.strategy} needs ${m} per-position MI scores`);
      }
      return orderByScores(input.scores, input.strategy === "max-mi" ? "desc" : "asc");
    }
    case "greedy-mi":
      if (!input.gain) throw new Error("greedy-mi needs a conditional MI gain function");
      return greedyOrder(m, input.gain);
  }
}
