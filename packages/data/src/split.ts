import { createRng, shuffle } from "@orderbench/core/rng";

/**
 * A seeded, deterministic train/eval split for data published as one file: the same records, fraction and
 * seed always give the same split. `round(n · evalFraction)` records (at least one when n ≥ 2) go to eval;
 * both parts keep the file's order.
 */
export function seededSplit<R>(records: readonly R[], evalFraction: number, seed: number): { train: R[]; eval: R[] } {
  if (!(evalFraction > 0 && evalFraction < 1)) throw new RangeError(`evalFraction must be between 0 and 1 (exclusive), got ${evalFraction}`);
  const n = records.length;
  const nEval = n < 2 ? 0 : Math.min(n - 1, Math.max(1, Math.round(n * evalFraction)));
  const order = shuffle(Array.from({ length: n }, (_, i) => i), createRng(seed));
  const isEval = new Uint8Array(n);
  for (const i of order.slice(0, nEval)) isEval[i] = 1;
  return { train: records.filter((_, i) => !isEval[i]), eval: records.filter((_, i) => isEval[i]) };
}
