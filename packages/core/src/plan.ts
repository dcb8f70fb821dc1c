import { resolveOrdering, type MiTable } from "./mi";
import { resolveModelShape, stepsForBudget, type RunSpec } from "./spec";
import { blockSize, createTask, parseTaskName, type SeqTask } from "./tasks";
import { countParameters, type ModelShape } from "./presets";

/**
 * What a RunSpec turns into before training: the dataset, the target order (with the MI table it came
 * from, computed on the training split only), the model shape and the step budget. Pure, so the API
 * can show a run's order and size without loading TensorFlow.js.
 */
export interface RunPlan {
  task: SeqTask;
  permutation: number[];
  miTable?: MiTable;
  shape: ModelShape;
  blockSize: number;
  numParams: number;
  steps: number;
}

export function planRun(spec: RunSpec): RunPlan {
  const task = createTask(parseTaskName(spec.task), spec.data);
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
  const shape = resolveModelShape(spec.model);
  const t = blockSize(task);
  return {
    task,
    permutation,
    ...(table ? { miTable: table } : {}),
    shape,
    blockSize: t,
    numParams: countParameters(shape, task.vocab.size, t),
    steps: stepsForBudget(spec, t),
  };
}
