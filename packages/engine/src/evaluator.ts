import type { EvaluationPlan, MetricDirection } from "@orderbench/core/plan";
import type { Permutation } from "@orderbench/core/ordering";
import { classificationEvaluator } from "./classification-eval";
import type { EvalSummary } from "./eval-summary";
import type { GPT } from "./model/gpt";
import { perplexityEvaluator } from "./perplexity-eval";

/** Where in the run an evaluation happens; `elapsedMs` is read once the evaluation is done. */
export interface EvalPoint {
  step: number;
  tokens: number;
  elapsedMs: () => number;
}

/**
 * A task-specific evaluation for the training loop, replacing its greedy decode + exact match. The
 * summary's `primary` is the run's primary metric; `direction` tells the loop which value is best.
 * Every tensor it creates is freed before it resolves.
 */
export interface Evaluator {
  direction: MetricDirection;
  evaluate(model: GPT, at: EvalPoint): Promise<EvalSummary>;
}

/**
 * The evaluator of a plan: none for `decode` (the loop's own greedy decode and exact match, as for
 * arithmetic), classification metrics after the decode, or fair perplexity.
 */
export function createEvaluator(evaluation: EvaluationPlan, permutation: Permutation, evalSize: number): Evaluator | undefined {
  switch (evaluation.kind) {
    case "decode":
      return undefined;
    case "classification":
      return classificationEvaluator(evaluation.task, evaluation.splits, permutation, evalSize);
    case "perplexity":
      return perplexityEvaluator(evaluation.task);
  }
}
