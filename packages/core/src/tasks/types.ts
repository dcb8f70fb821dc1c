import type { Vocab } from "../vocab";

/**
 * One supervised example as token ids: the model reads `source`, then `separator`, then predicts
 * `target` (in the order a strategy chooses). Every example of a task has the same source and target
 * lengths, so a target position means the same thing across examples.
 */
export interface SeqExample {
  source: number[];
  target: number[];
}

/** A dataset ready to train on: fixed-width examples over one vocabulary. */
export interface SeqTask {
  /** Canonical name, e.g. `mul:2`. */
  name: string;
  vocab: Vocab;
  /** Token id placed between source and target. */
  separator: number;
  sourceLength: number;
  targetLength: number;
  train: SeqExample[];
  test: SeqExample[];
  /** Human-readable rendering of an example, e.g. `35*07=0245`. */
  format(source: number[], target: number[]): string;
}

/** Sequence length fed to the model: source, separator and all but the last target token. */
export function blockSize(task: Pick<SeqTask, "sourceLength" | "targetLength">): number {
  return task.sourceLength + task.targetLength;
}
