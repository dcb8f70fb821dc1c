import { ARITHMETIC_OPS, MAX_DIGITS, MIN_DIGITS, createArithmeticTask, type ArithmeticOp } from "./arithmetic";
import type { SeqTask } from "./types";

export { createArithmeticTask, answerWidth, ARITHMETIC_OPS, ARITHMETIC_TOKENS } from "./arithmetic";
export type { ArithmeticOp, ArithmeticSpec } from "./arithmetic";
export { blockSize } from "./types";
export type { SeqExample, SeqTask } from "./types";

/** A task reference as users write it: `mul:2`, `add:3`. */
export interface TaskRef {
  kind: "arithmetic";
  op: ArithmeticOp;
  digits: number;
}

export const TASK_NAME_HELP = `arithmetic tasks are ${ARITHMETIC_OPS.map((o) => `${o}:N`).join(", ")} with N from ${MIN_DIGITS} to ${MAX_DIGITS}`;

/** Parses `op:digits`; throws an Error naming the value and the valid forms. */
export function parseTaskName(name: string): TaskRef {
  const m = /^([a-z]+):(\d+)$/.exec(name.trim());
  const op = m?.[1] as ArithmeticOp | undefined;
  if (!m || !op || !ARITHMETIC_OPS.includes(op)) {
    throw new Error(`unknown task "${name}"; ${TASK_NAME_HELP}`);
  }
  const digits = Number(m[2]);
  if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new Error(`task "${name}": digits ${digits} out of range; ${TASK_NAME_HELP}`);
  }
  return { kind: "arithmetic", op, digits };
}

export interface TaskSizes {
  trainSize: number;
  testSize: number;
  /** Seed of the data: the same for every run of an experiment so strategies see the same examples. */
  dataSeed: number;
}

export function createTask(ref: TaskRef, sizes: TaskSizes): SeqTask {
  return createArithmeticTask({ op: ref.op, digits: ref.digits, trainSize: sizes.trainSize, testSize: sizes.testSize, seed: sizes.dataSeed });
}
