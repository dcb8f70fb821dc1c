/**
 * Teacher-forced log-likelihood of target tokens, for perplexity. For the generation setting
 * (`core/text/generation.ts`) an example is a window with an empty source, so every window token is
 * scored given `<bos>` and the window's earlier tokens; the fair perplexity arithmetic is in
 * `core/text/perplexity.ts`.
 */
import * as tf from "@tensorflow/tfjs";
import type { SeqExample, SeqTask } from "@orderbench/core/tasks";
import type { LmWindow } from "@orderbench/core/text/lm-stream";
import { fairPerplexity, type PerplexityResult } from "@orderbench/core/text/perplexity";
import { encodeExamples } from "./data";
import { tokenCrossEntropy } from "./evaluate";
import type { GPT } from "./model/gpt";

/**
 * ln p(target[k] | source, separator, target[<k]) for every example and target position, in plain
 * target order: a [N · targetLength] row-major array. Runs `batchSize` examples per forward pass;
 * every tensor is freed before it returns.
 */
export async function targetLogProbs(
  model: GPT,
  task: Pick<SeqTask, "separator" | "sourceLength" | "targetLength">,
  examples: readonly SeqExample[],
  batchSize = 64,
): Promise<Float32Array> {
  const identity = Array.from({ length: task.targetLength }, (_, i) => i);
  const set = encodeExamples(task, examples, identity);
  const { blockSize: t, targetLength: m, targetOffset: off } = set;
  const out = new Float32Array(set.n * m);
  for (let start = 0; start < set.n; start += batchSize) {
    const b = Math.min(batchSize, set.n - start);
    const logp = tf.tidy(() => {
      const x = tf.tensor2d(set.inputs.subarray(start * t, (start + b) * t), [b, t], "int32");
      const y = tf.tensor1d(set.targets.subarray(start * m, (start + b) * m), "int32");
      return tf.neg(tokenCrossEntropy(model.forward(x, { from: off }), y)); // [b·m]
    });
    out.set((await logp.data()) as Float32Array, start * m);
    logp.dispose();
  }
  return out;
}

/**
 * Fair perplexity of language-modelling windows: −Σ ln p over all their scored tokens (originals,
 * inserted keywords and separators; padding excluded) divided by the original tokens, exponentiated.
 * Without insertions it is plain perplexity.
 */
export async function windowPerplexity(
  model: GPT,
  task: Pick<SeqTask, "separator" | "sourceLength" | "targetLength">,
  windows: readonly LmWindow[],
  batchSize = 64,
): Promise<PerplexityResult> {
  if (task.sourceLength !== 0) throw new Error(`windows need a task with an empty source, got sourceLength ${task.sourceLength}`);
  const logProbs = await targetLogProbs(model, task, windows, batchSize);
  return fairPerplexity(logProbs, windows.flatMap((w) => w.kinds));
}
