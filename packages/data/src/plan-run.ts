import { isPermutation } from "@orderbench/core/ordering";
import { PERPLEXITY_METRIC, classificationMetric, planRun, sizePlan, type RunPlan } from "@orderbench/core/plan";
import type { RunSpec } from "@orderbench/core/spec";
import { parseTaskName } from "@orderbench/core/tasks";
import { resolveTextOrdering } from "@orderbench/core/text/label-mi";
import type { DataDir } from "./data-dir";
import { loadTextTask, type LoadedTextTask, type TextTaskCache } from "./text-task";

export interface PlanOptions {
  /** Where text datasets are (ignored for arithmetic). */
  dataDir?: string | DataDir;
  /**
   * An order already resolved for this spec (e.g. by `compare`, once per strategy, before its threads
   * plan the same spec again): used instead of estimating MI a second time. Must be a permutation of
   * the task's target positions.
   */
  permutation?: readonly number[];
  /** Loads the text task through this cache, so runs planned one after another read the dataset once. */
  texts?: TextTaskCache;
}

/**
 * Any task's RunPlan: planRun for arithmetic (pure, sync), planTextRun for text tasks. The CLI and the
 * worker call this; the API, which has no data directory, calls planRun for arithmetic only.
 */
export async function planAnyRun(spec: RunSpec, options: PlanOptions = {}): Promise<RunPlan> {
  return parseTaskName(spec.task).kind === "arithmetic" ? planRun(spec) : planTextRun(spec, options);
}

/**
 * A text task's RunPlan: the dataset from the data directory, the task (loadTextTask), its order and
 * how it is evaluated. Classification orders its label positions with resolveTextOrdering (MI on the
 * training split's word view, seeded by data.dataSeed as for arithmetic, so every run seed of a strategy
 * trains the same order). Generation's strategy acts in the data (which keyword is inserted), so its
 * permutation is the identity over the window.
 */
export async function planTextRun(spec: RunSpec, options: PlanOptions = {}): Promise<RunPlan> {
  const loaded = await (options.texts ? options.texts.load(spec, options) : loadTextTask(spec, options));
  return loaded.kind === "generation" ? generationPlan(spec, loaded) : classificationPlan(spec, loaded, options.permutation);
}

function classificationPlan(spec: RunSpec, loaded: Extract<LoadedTextTask, { kind: "classification" }>, given: readonly number[] | undefined): RunPlan {
  const { task, splits } = loaded;
  let order: { permutation: number[]; table?: RunPlan["miTable"] };
  if (given) {
    if (!isPermutation(given, task.targetLength)) throw new Error(`the given order ${given.join(",")} is not a permutation of ${task.name}'s ${task.targetLength} target positions`);
    order = { permutation: [...given] };
  } else {
    order = resolveTextOrdering(task, { strategy: spec.strategy, estimator: spec.estimator, k: spec.miK, seed: spec.data.dataSeed });
  }
  return {
    ...sizePlan(spec, task),
    ref: loaded.ref,
    task,
    permutation: order.permutation,
    ...(order.table ? { miTable: order.table } : {}),
    metric: classificationMetric(task, splits),
    orderable: task.orderable,
    orderReason: task.orderReason,
    evaluation: { kind: "classification", task, splits },
  };
}

function generationPlan(spec: RunSpec, loaded: Extract<LoadedTextTask, { kind: "generation" }>): RunPlan {
  const { task } = loaded;
  const inserted = task.stats.testTokens - task.stats.testOriginalTokens;
  return {
    ...sizePlan(spec, task),
    ref: loaded.ref,
    task,
    permutation: Array.from({ length: task.targetLength }, (_, i) => i),
    metric: PERPLEXITY_METRIC,
    orderable: true,
    orderReason:
      spec.strategy === "plain"
        ? "plain inserts nothing; max-mi / min-mi insert each sentence's best / worst keyword and a separator before it"
        : `${spec.strategy} inserts one keyword and a separator before each sentence (${inserted} inserted tokens among the ${task.stats.testTokens} scored test tokens)`,
    evaluation: { kind: "perplexity", task },
  };
}
