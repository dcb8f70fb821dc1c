import { blockSize, createTask, parseTaskName } from "@orderbench/core/tasks";
import type { FormValues } from "@/lib/experiment-form";

/**
 * Tokens one run trains on, steps × batch × block size (core/spec's tokensPerStep); null while the task,
 * steps or batch size are not valid. The block size comes from core's task, built with one example.
 */
export function tokensPerRun(v: Pick<FormValues, "task" | "steps" | "batchSize">): number | null {
  const steps = Number(v.steps);
  const batch = Number(v.batchSize);
  if (!Number.isInteger(steps) || steps < 1 || !Number.isInteger(batch) || batch < 1) return null;
  try {
    const task = createTask(parseTaskName(v.task), { trainSize: 1, testSize: 1, dataSeed: 0 });
    return steps * batch * blockSize(task);
  } catch {
    return null;
  }
}
