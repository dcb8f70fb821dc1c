import { resolveOrdering, type MiTable } from "./mi";
import { resolveModelShape, stepsForBudget, type RunSpec } from "./spec";
import { blockSize, createTask, parseTaskName, type SeqTask, type TaskRef } from "./tasks";
import { countParameters, type ModelShape } from "./presets";
import type { TextSeqTask } from "./text/classification";
import type { GenerationTask } from "./text/generation";
import { GLUE_TASKS } from "./text/glue";
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

/**
 * The direction of any stored metric by its name: losses and perplexities (`loss`, `eval/loss`,
 * `scored_token_loss`, `perplexity`) are lower-is-better, every other metric (exact match, accuracy, F1,
 * score) higher-is-better. A task's primary metric carries its direction too; the two agree.
 */
export function metricDirection(name: string): MetricDirection {
  return /(loss|perplexity)$/.test(name) ? "min" : "max";
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

/**
 * What is known of a spec's plan without its data: the task family, the primary metric, and whether
 * strategies can differ where static rules decide it. The API uses this for text tasks, which only a
 * worker with a data directory can plan. `orderable` / `orderReason` are null where they depend on the
 * data: a GLUE task under `gpt2-bpe`, whose verbalizer lengths come from the tokenizer file.
 */
export interface PlanFacts {
  ref: TaskRef;
  metric: PrimaryMetric;
  orderable: boolean | null;
  orderReason: string | null;
}

/**
 * A task's primary metric, from its name alone: `exact_match` (arithmetic), `score` (classification:
 * GLUE's task score, averaged over MNLI's two dev splits; multi-label micro-F1), `perplexity` (generation,
 * lower is better). The same metric planRun / planAnyRun put in the plan.
 */
export function taskMetric(ref: TaskRef): PrimaryMetric {
  switch (ref.kind) {
    case "arithmetic":
      return EXACT_MATCH_METRIC;
    case "generation":
      return PERPLEXITY_METRIC;
    case "multi-label":
      return classificationMetric({ primaryMetric: "microF1" }, ["test"]);
    case "glue": {
      const g = GLUE_TASKS[ref.glue];
      return classificationMetric({ primaryMetric: g.metrics.length === 1 ? (g.metrics[0] as string) : `mean(${g.metrics.join(", ")})` }, g.evalSplits);
    }
  }
}

/**
 * The primary metric of a task by its stored name (taskMetric); exact match for a name that is no task,
 * which no run has, so callers asking about such a name simply find nothing.
 */
export function primaryMetricOf(task: string): PrimaryMetric {
  try {
    return taskMetric(parseTaskName(task));
  } catch {
    return EXACT_MATCH_METRIC;
  }
}

export function planFacts(spec: RunSpec): PlanFacts {
  const ref = parseTaskName(spec.task);
  switch (ref.kind) {
    case "arithmetic": {
      const plan = planRun(spec);
      return { ref, metric: plan.metric, orderable: plan.orderable, orderReason: plan.orderReason };
    }
    case "generation":
      return {
        ref,
        metric: taskMetric(ref),
        orderable: true,
        orderReason: "plain inserts nothing; max-mi / min-mi insert each sentence's best / worst keyword and a separator before it",
      };
    case "multi-label":
      return {
        ref,
        metric: taskMetric(ref),
        orderable: true,
        orderReason: `one target position per label of ${ref.name}, generated in the strategy's order`,
      };
    case "glue": {
      const g = GLUE_TASKS[ref.glue];
      const metric = taskMetric(ref);
      if ((spec.text?.tokenizer ?? "word") !== "word") return { ref, metric, orderable: null, orderReason: null };
      // The word tokenizer keeps each verbalizer word as one token (the verbalizer words are always in its vocabulary).
      const targetLength = Math.max(...g.verbalizers.map((v) => v.trim().split(/\s+/).length));
      return targetLength === 1
        ? {
            ref,
            metric,
            orderable: false,
            orderReason: `every ${g.title} verbalizer (${g.verbalizers.join(", ")}) is one token under the word tokenizer: the target has one position, so every strategy trains the same sequence`,
          }
        : { ref, metric, orderable: true, orderReason: `${targetLength} target positions (${g.title}'s verbalizers under the word tokenizer), generated in the strategy's order` };
    }
  }
}
