import { createRng, shuffle } from "@orderbench/core/rng";
import { encode, type Permutation } from "@orderbench/core/ordering";
import { blockSize, type SeqExample, type SeqTask } from "@orderbench/core/tasks";

/**
 * Training rows in the strategy's order: `source, separator, target[perm]`. The model reads the first
 * blockSize tokens and is scored on the target span only.
 */
export interface EncodedSet {
  /** Row-major [N, blockSize] inputs. */
  inputs: Int32Array;
  /** Row-major [N, targetLength] targets in training order. */
  targets: Int32Array;
  n: number;
  blockSize: number;
  targetLength: number;
  /** Index of the first logit that predicts a target token. */
  targetOffset: number;
}

export function encodeExamples(task: Pick<SeqTask, "separator" | "sourceLength" | "targetLength">, examples: readonly SeqExample[], perm: Permutation): EncodedSet {
  const t = blockSize(task);
  const m = task.targetLength;
  const inputs = new Int32Array(examples.length * t);
  const targets = new Int32Array(examples.length * m);
  examples.forEach((ex, i) => {
    const row = [...ex.source, task.separator, ...encode(ex.target, perm)];
    inputs.set(row.slice(0, t), i * t);
    targets.set(row.slice(t - m + 1), i * m);
  });
  return { inputs, targets, n: examples.length, blockSize: t, targetLength: m, targetOffset: task.sourceLength };
}

/** Position in the epoch-shuffled stream of training rows; stored in checkpoints. */
export interface DataCursor {
  epoch: number;
  index: number;
}

/**
 * Deterministic batches: each epoch is a fresh shuffle seeded by (seed, epoch), so a cursor alone is
 * enough to resume the exact stream.
 */
export class BatchSampler {
  private order: number[] = [];
  private orderEpoch = -1;

  constructor(
    private readonly set: EncodedSet,
    private readonly seed: number,
    public cursor: DataCursor = { epoch: 0, index: 0 },
  ) {}

  next(batchSize: number): { inputs: Int32Array; targets: Int32Array } {
    const { blockSize: t, targetLength: m } = this.set;
    const inputs = new Int32Array(batchSize * t);
    const targets = new Int32Array(batchSize * m);
    for (let b = 0; b < batchSize; b++) {
      if (this.cursor.index >= this.set.n) this.cursor = { epoch: this.cursor.epoch + 1, index: 0 };
      const row = this.epochOrder()[this.cursor.index++] as number;
      inputs.set(this.set.inputs.subarray(row * t, (row + 1) * t), b * t);
      targets.set(this.set.targets.subarray(row * m, (row + 1) * m), b * m);
    }
    return { inputs, targets };
  }

  private epochOrder(): number[] {
    if (this.orderEpoch !== this.cursor.epoch) {
      const rng = createRng(this.seed * 100_003 + this.cursor.epoch);
      this.order = shuffle(Array.from({ length: this.set.n }, (_, i) => i), rng);
      this.orderEpoch = this.cursor.epoch;
    }
    return this.order;
  }
}
