import { planRun, type RunPlan } from "@orderbench/core/plan";
import type { RunSpec } from "@orderbench/core/spec";
import { createEvaluator } from "./evaluator";
import { train, type TrainOptions, type TrainResult } from "./train";

export type RunCallbacks = Pick<TrainOptions, "signal" | "onStep" | "onEval" | "onCheckpoint" | "resume">;

/**
 * One RunSpec, end to end: plan (task, order, budget) then train. The CLI and the worker both call
 * this, so a run means the same thing wherever it executes. Text tasks need their plan passed in
 * (`planAnyRun` in @orderbench/data reads the data directory); planRun covers arithmetic. The plan's
 * evaluation decides what `onEval` reports (exact match, classification score, fair perplexity).
 */
export async function executeRun(spec: RunSpec, callbacks: RunCallbacks = {}, plan: RunPlan = planRun(spec)): Promise<{ plan: RunPlan; result: TrainResult }> {
  const evalSize = Math.min(spec.evalSize, plan.task.test.length);
  const evaluator = createEvaluator(plan.evaluation, plan.permutation, evalSize);
  const result = await train({
    task: plan.task,
    permutation: plan.permutation,
    model: { ...plan.shape, vocabSize: plan.task.vocab.size, blockSize: plan.blockSize, dropout: spec.model.dropout },
    seed: spec.seed,
    steps: plan.steps,
    batchSize: spec.batchSize,
    optimizer: spec.optimizer,
    schedule: spec.schedule,
    evalInterval: spec.evalInterval,
    evalSize,
    ...(evaluator ? { evaluator } : {}),
    checkpointInterval: spec.checkpointInterval,
    ...callbacks,
  });
  return { plan, result };
}
