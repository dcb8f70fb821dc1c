import { createArithmeticTask } from "./arithmetic";
import type { TaskRef } from "./task-ref";
import type { SeqTask } from "./types";

export { createArithmeticTask, answerWidth, ARITHMETIC_OPS, ARITHMETIC_TOKENS } from "./arithmetic";
export type { ArithmeticOp, ArithmeticSpec } from "./arithmetic";
export { blockSize } from "./types";
export type { SeqExample, SeqTask } from "./types";
export { GENERATION_DATASETS, MULTI_LABEL_DATASETS, TASK_NAME_HELP, TEXT_TASK_NAMES, isTextTask, parseTaskName } from "./task-ref";
export type {
  ArithmeticTaskRef,
  ClassificationTaskRef,
  GenerationDataset,
  GenerationTaskRef,
  GlueTaskRef,
  MultiLabelDataset,
  MultiLabelTaskRef,
  TaskKind,
  TaskRef,
  TextTaskRef,
} from "./task-ref";

export interface TaskSizes {
  trainSize: number;
  testSize: number;
  /** Seed of the data: the same for every run of an experiment so strategies see the same examples. */
  dataSeed: number;
}

/**
 * Builds an arithmetic task. Text tasks read their dataset from a data directory, which core cannot
 * do: `planAnyRun` / `loadTextTask` in `@orderbench/data` build them.
 */
export function createTask(ref: TaskRef, sizes: TaskSizes): SeqTask {
  if (ref.kind !== "arithmetic") {
    throw new Error(`${ref.name} is a text task: its data is read from a data directory, so build it with planAnyRun or loadTextTask from @orderbench/data`);
  }
  return createArithmeticTask({ op: ref.op, digits: ref.digits, trainSize: sizes.trainSize, testSize: sizes.testSize, seed: sizes.dataSeed });
}
