import { resolveOrdering, type MiTable } from "./mi";
import { resolveModelShape, stepsForBudget, type RunSpec } from "./spec";
import { blockSize, createTask, parseTaskName, type SeqTask, type TaskRef } from "./tasks";
import { countParameters, type ModelShape } from "./presets";
import type { TextSeqTask } from "./text/classification";
import type { GenerationTask } from "./text/generation";
import type { GlueSeqTask } from "./text/glue-task";
import type { MultiLabelSeqTask } from "./text/multi-label";

/** Whether a larger or a smaller value of a metric is better. */
export type MetricDirection = "max" | "min";

/**
 * The metric a run is judged by: the `best` of a run, the leaderboard and the compare table use it.
 * `name` is its stored name: the key in a run's final metrics and the `eval/<name>` series.
 */
export interface PrimaryMetric {
  /** `exact_match` (arithmetic), `score` (classification), `perplexity` (generation). */
  name: string;
  direction: MetricDirection;
  /** What the value is, for tables: `exact match`, `accuracy`, `mean(f1, accuracy)`, `microF1`, `fair perplexity`. */
  label: string;
  /** Shown ×100 (accuracies, F1, correlations in GLUE's points); otherwise as is (perplexity). */
  percent: boolean;
}

export const EXACT_MATCH_METRIC: PrimaryMetric = { name: "exact_match", direction: "max", label: "exact match", percent: true };
export const PERPLEXITY_METRIC: PrimaryMetric = { name: "perplexity", direction: "min", label: "fair perplexity", percent: false };

/**
 * How the engine evaluates a run. `decode`: greedy decoding in π order, exact match (arithmetic).
 * `classification`: the same decode, then `task.evaluate` on each of `splits` (the first is the test
 * split; MNLI adds dev_mismatched), `score` their mean. `perplexity`: teacher-forced fair perplexity of
 * every test window (generation), lower is better.
 */
export type EvaluationPlan =
  | { kind: "decode" }
  | { kind: "classification"; task: GlueSeqTask | MultiLabelSeqTask; splits: string[] }
  | { kind: "perplexity"; task: GenerationTask };

/**
 * What a RunSpec turns into before training: the dataset, the target order (with the MI table it came
 * from, computed on the training split only), the model shape, the step budget, and how the run is
 * evaluated and judged. `planRun` is pure and synchronous, so the API can show an arithmetic run's order
 * and size without loading TensorFlow.js; text tasks read a data directory and are planned by
 * `planAnyRun` in `@orderbench/data`, which returns the same shape.
 */
export interface RunPlan {
  ref: TaskRef;
  task: SeqTask;
  permutation: number[];
  miTable?: MiTable;
  shape: ModelShape;
  blockSize: number;
  numParams: number;
  steps: number;
  metric: PrimaryMetric;
  /** False where every strategy trains the same sequence; `orderReason` says why (or what strategies change). */
  orderable: boolean;
  orderReason: string;
  evaluation: EvaluationPlan;
}

export function planRun(spec: RunSpec): RunPlan {
  const ref = parseTaskName(spec.task);
  if (ref.kind !== "arithmetic") {
    throw new Error(`${ref.name} is a text task: planRun builds arithmetic tasks only; plan it with planAnyRun from @orderbench/data, which reads the data directory`);
  }
  const task = createTask(ref, spec.data);
  const { permutation, table } = resolveOrdering({
    examples: task.train,
    vocabSize: task.vocab.size,
    targetLength: task.targetLength,
    strategy: spec.strategy,
    estimator: spec.estimator,
    // The order is one per task (METHOD.md): it follows the data seed, not the run seed, so every seed
    // of a strategy trains the same order.
    seed: spec.data.dataSeed,
    k: spec.miK,
  });
  return {
    ...sizePlan(spec, task),
    ref,
    task,
    permutation,
    ...(table ? { miTable: table } : {}),
    metric: EXACT_MATCH_METRIC,
    orderable: task.targetLength > 1,
    orderReason: `${task.targetLength} answer characters, generated in the strategy's order`,
    evaluation: { kind: "decode" },
  };
}

/** Model shape, block size, parameter count and step budget of a spec on a built task. */
export function sizePlan(spec: RunSpec, task: Pick<SeqTask, "sourceLength" | "targetLength" | "vocab">): Pick<RunPlan, "shape" | "blockSize" | "numParams" | "steps"> {
  const shape = resolveModelShape(spec.model);
  const t = blockSize(task);
  return { shape, blockSize: t, numParams: countParameters(shape, task.vocab.size, t), steps: stepsForBudget(spec, t) };
}

/**
 * The primary metric of a classification task: `score`, the task's headline (GLUE's task score,
 * multi-label micro-F1), averaged over `splits` when there are several (MNLI).
 */
export function classificationMetric(task: Pick<TextSeqTask, "primaryMetric">, splits: readonly string[]): PrimaryMetric {
  const over = splits.length > 1 ? `, mean of ${splits.join(" and ")}` : "";
  return { name: "score", direction: "max", label: `${task.primaryMetric}${over}`, percent: true };
}
