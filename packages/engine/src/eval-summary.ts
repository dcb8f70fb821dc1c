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

/**
 * One evaluation. Arithmetic and classification decode greedily, so the decode fields are measured;
 * generation (wikitext-2) scores perplexity instead and decodes nothing: there `exactMatch` and
 * `tokenAccuracy` are NaN, `positionAccuracy` and `samples` empty, and `loss` / `perplexity` are per
 * original token (the fair perplexity, core/text/perplexity.ts).
 */
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
  /**
   * The run's primary metric (RunPlan.metric) at this evaluation: exact match (arithmetic), the task
   * score (classification), fair perplexity (generation, lower is better).
   */
  primary: number;
  /** Best value of the primary metric so far in this run, in the metric's direction. */
  best: number;
  /**
   * Every metric of this evaluation under its stored name (the `eval/<name>` series; see
   * docs/method.md, "Evaluation metrics"), the primary metric included.
   */
  metrics: Record<string, number>;
  n: number;
  samples: EvalSample[];
}

/** Stored names of the decode metrics: exact_match, token_accuracy, loss, position_<i>_accuracy. */
export function decodeMetrics(s: Pick<EvalSummary, "exactMatch" | "tokenAccuracy" | "loss" | "positionAccuracy">): Record<string, number> {
  const out: Record<string, number> = { exact_match: s.exactMatch, token_accuracy: s.tokenAccuracy, loss: s.loss };
  s.positionAccuracy.forEach((a, i) => {
    out[`position_${i}_accuracy`] = a;
  });
  return out;
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
  const decoded = {
    exactMatch: acc.exactMatch,
    tokenAccuracy: acc.positions.reduce((a, b) => a + b, 0) / acc.positions.length,
    positionAccuracy: acc.positions,
    loss: d.loss,
  };
  return {
    step,
    tokens,
    elapsedMs,
    ...decoded,
    perplexity: Math.exp(d.loss),
    primary: acc.exactMatch,
    best: acc.exactMatch,
    metrics: decodeMetrics(decoded),
    n: acc.n,
    samples,
  };
}
