import { sequenceAccuracy } from "@orderbench/core/metrics";
import { encode, type Permutation } from "@orderbench/core/ordering";
import type { SeqTask } from "@orderbench/core/tasks";
import type { DecodeResult } from "./evaluate";

export interface EvalSample {
  /** Source as text, e.g. `35*07`. */
  input: string;
  /** Gold target in the order the model generates it (π order). */
  targetOrdered: string;
  /** The model's answer after the inverse permutation (plain order). */
  prediction: string;
  gold: string;
  correct: boolean;
}

export interface EvalSummary {
  step: number;
  tokens: number;
  elapsedMs: number;
  /** Fraction of test examples whose decoded answer is exactly right. */
  exactMatch: number;
  /** Mean of the per-position accuracies. */
  tokenAccuracy: number;
  /** Accuracy per target position, plain order (e.g. per digit). */
  positionAccuracy: number[];
  /** Teacher-forced cross-entropy per target token (nats) and its exponential. */
  loss: number;
  perplexity: number;
  /** Best exact match so far in this run. */
  best: number;
  n: number;
  samples: EvalSample[];
}

const SAMPLES = 8;

export function summarizeEval(
  task: SeqTask,
  perm: Permutation,
  d: DecodeResult,
  step: number,
  tokens: number,
  elapsedMs: number,
): EvalSummary {
  const acc = sequenceAccuracy(d.predictions, d.gold);
  const text = (ids: readonly number[]): string => ids.map((i) => task.vocab.token(i)).join("");
  const samples = task.test.slice(0, SAMPLES).map((ex, i) => {
    const prediction = d.predictions[i] ?? [];
    return {
      input: text(ex.source),
      targetOrdered: text(encode(ex.target, perm)),
      prediction: text(prediction),
      gold: text(ex.target),
      correct: text(prediction) === text(ex.target),
    };
  });
  return {
    step,
    tokens,
    elapsedMs,
    exactMatch: acc.exactMatch,
    tokenAccuracy: acc.positions.reduce((a, b) => a + b, 0) / acc.positions.length,
    positionAccuracy: acc.positions,
    loss: d.loss,
    perplexity: Math.exp(d.loss),
    best: acc.exactMatch,
    n: acc.n,
    samples,
  };
}
