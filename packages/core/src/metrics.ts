/**
 * Evaluation metrics over decoded targets (METHOD.md, Tasks: exact match plus per-digit accuracy) and
 * over per-token log-probabilities (nats). Inputs are compared in plain target order, after the
 * strategy's inverse permutation, so every strategy is scored on the same positions.
 *
 * Empty input throws: the spec requires evalSize ≥ 1, so zero examples means a bug upstream, and a
 * recorded 0 or NaN would look like a result.
 */

export type Sequence<T> = readonly T[];

/** Fraction of examples whose whole predicted target equals the gold target. */
export function exactMatchAccuracy<T>(predicted: readonly Sequence<T>[], gold: readonly Sequence<T>[]): number {
  checkPairs(predicted, gold);
  let hits = 0;
  predicted.forEach((p, i) => {
    if (sameSequence(p, gold[i] as Sequence<T>)) hits += 1;
  });
  return hits / predicted.length;
}

/** Accuracy of each target position across examples: [m]. All targets must have the same length m. */
export function positionAccuracy<T>(predicted: readonly Sequence<T>[], gold: readonly Sequence<T>[]): number[] {
  checkPairs(predicted, gold);
  const m = (gold[0] as Sequence<T>).length;
  const hits = new Array<number>(m).fill(0);
  predicted.forEach((p, i) => {
    const g = gold[i] as Sequence<T>;
    if (p.length !== m || g.length !== m) {
      throw new RangeError(`example ${i}: predicted length ${p.length} and gold length ${g.length} must both be ${m}`);
    }
    for (let k = 0; k < m; k++) if (p[k] === g[k]) hits[k] = (hits[k] as number) + 1;
  });
  return hits.map((h) => h / predicted.length);
}

export interface SequenceAccuracy {
  n: number;
  exactMatch: number;
  /** [m], plain target order. */
  positions: number[];
}

export function sequenceAccuracy<T>(predicted: readonly Sequence<T>[], gold: readonly Sequence<T>[]): SequenceAccuracy {
  return {
    n: predicted.length,
    exactMatch: exactMatchAccuracy(predicted, gold),
    positions: positionAccuracy(predicted, gold),
  };
}

/**
 * Mean negative log-likelihood per token, in nats. `logProbs` are natural-log probabilities of the gold
 * tokens (≤ 0); a -Infinity (probability 0) gives an infinite cross-entropy rather than an error.
 */
export function meanCrossEntropy(logProbs: ArrayLike<number>): number {
  if (logProbs.length === 0) throw new RangeError("cross-entropy needs at least one token log-probability");
  let sum = 0;
  for (let i = 0; i < logProbs.length; i++) {
    const lp = logProbs[i] as number;
    if (Number.isNaN(lp) || lp > 0) throw new RangeError(`token ${i}: ${lp} is not a log-probability (must be ≤ 0)`);
    sum -= lp;
  }
  return sum / logProbs.length;
}

/** exp(mean cross-entropy): the per-token perplexity. */
export function perplexity(logProbs: ArrayLike<number>): number {
  return Math.exp(meanCrossEntropy(logProbs));
}

function sameSequence<T>(a: Sequence<T>, b: Sequence<T>): boolean {
  return a.length === b.length && a.every((x, k) => x === b[k]);
}

function checkPairs<T>(predicted: readonly Sequence<T>[], gold: readonly Sequence<T>[]): void {
  if (predicted.length !== gold.length) {
    throw new RangeError(`${predicted.length} predictions for ${gold.length} gold targets`);
  }
  if (predicted.length === 0) throw new RangeError("accuracy needs at least one example");
}
