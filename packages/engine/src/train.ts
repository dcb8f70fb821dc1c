/**
 * The training loop: one linear function, sectioned like tfjs-examples' `lstm-text-generation` and
 * nanoGPT's `train.py`. Callbacks carry everything out; nothing in here does I/O.
 */
import * as tf from "@tensorflow/tfjs";
import type { Permutation } from "@orderbench/core/ordering";
import { countParameters } from "@orderbench/core/presets";
import type { SeqTask } from "@orderbench/core/tasks";
import { checkWasmCapacity } from "./backend";
import type { Checkpoint } from "./checkpoint";
import { BatchSampler, encodeExamples } from "./data";
import { greedyDecode, tokenCrossEntropy } from "./evaluate";
import type { GPTConfig } from "./model/config";
import { GPT } from "./model/gpt";
import { AdamW, learningRate, type AdamWConfig } from "./optim";
import { summarizeEval, type EvalSummary } from "./eval-summary";
import type { Evaluator } from "./evaluator";

export interface TrainOptions {
  task: SeqTask;
  /** Target order: ordered[k] = target[permutation[k]]. */
  permutation: Permutation;
  model: GPTConfig;
  /** Seeds weights, data order and dropout. */
  seed: number;
  steps: number;
  batchSize: number;
  optimizer: Omit<AdamWConfig, "eps"> & { eps?: number };
  schedule: { warmupSteps: number; minLrRatio: number };
  evalInterval: number;
  /** Test examples decoded at each evaluation. */
  evalSize: number;
  /**
   * Replaces the greedy decode + exact match evaluation (text tasks: createEvaluator); `best` then
   * follows the evaluator's primary metric in its direction.
   */
  evaluator?: Evaluator;
  checkpointInterval: number;
  resume?: Checkpoint;
  signal?: AbortSignal;
  onStep?: (s: StepInfo) => void | Promise<void>;
  onEval?: (e: EvalSummary) => void | Promise<void>;
  onCheckpoint?: (c: Checkpoint) => void | Promise<void>;
}

export interface StepInfo {
  /** Updates completed, 1-based. */
  step: number;
  totalSteps: number;
  loss: number;
  lr: number;
  gradNorm: number;
  tokens: number;
  elapsedMs: number;
  tokensPerSec: number;
}

export interface TrainResult {
  status: "completed" | "aborted" | "diverged";
  step: number;
  numParams: number;
  tokens: number;
  elapsedMs: number;
  final: EvalSummary | null;
  /** Best primary metric (exact match unless an evaluator says otherwise) and its step. */
  best: { value: number; step: number } | null;
  /** Every evaluation, in step order (including those before a resume only if passed back in). */
  evals: EvalSummary[];
}

export async function train(o: TrainOptions): Promise<TrainResult> {
  // --- setup ---------------------------------------------------------------------------------------
  checkWasmCapacity(countParameters(o.model, o.model.vocabSize, o.model.blockSize));
  const model = new GPT(o.model, o.seed);
  const optimizer = new AdamW(model.params, model.decayed, { eps: 1e-8, ...o.optimizer });
  const trainSet = encodeExamples(o.task, o.task.train, o.permutation);
  const evalSet = encodeExamples(o.task, o.task.test.slice(0, o.evalSize), o.permutation);
  const sampler = new BatchSampler(trainSet, o.seed);
  const schedule = { lr: o.optimizer.lr, totalSteps: o.steps, ...o.schedule };
  const varNames = new Map([...model.params].map(([name, v]) => [v.name, name]));
  const tokensPerStep = o.batchSize * trainSet.blockSize;

  let step = 0;
  let tokens = 0;
  let elapsedBefore = 0;
  let best: TrainResult["best"] = null;
  if (o.resume) {
    const r = o.resume;
    if (r.permutation.join(",") !== o.permutation.join(",")) throw new Error("checkpoint was trained with a different target order");
    model.setWeights(r.weights);
    optimizer.setState(r.optimizer);
    sampler.cursor = { ...r.cursor };
    ({ step, tokens, best } = r);
    elapsedBefore = r.elapsedMs;
  }
  const started = performance.now();
  const elapsed = (): number => elapsedBefore + performance.now() - started;
  const evals: EvalSummary[] = [];
  let final: EvalSummary | null = null;
  let status: TrainResult["status"] = "completed";

  const evaluate = async (): Promise<EvalSummary> => {
    const summary = o.evaluator
      ? await o.evaluator.evaluate(model, { step, tokens, elapsedMs: elapsed })
      : summarizeEval(o.task, o.permutation, await greedyDecode(model, evalSet, o.permutation), step, tokens, elapsed());
    const lower = o.evaluator?.direction === "min";
    if (!best || Number.isNaN(best.value) || (lower ? summary.primary < best.value : summary.primary > best.value)) best = { value: summary.primary, step };
    summary.best = best.value;
    evals.push(summary);
    await o.onEval?.(summary);
    return summary;
  };
  const checkpoint = async (): Promise<void> => {
    if (!o.onCheckpoint) return;
    await o.onCheckpoint({
      version: 1,
      config: o.model,
      step,
      seed: o.seed,
      permutation: [...o.permutation],
      weights: await model.getWeights(),
      optimizer: await optimizer.getState(),
      cursor: { ...sampler.cursor },
      best,
      tokens,
      elapsedMs: elapsed(),
    });
  };

  try {
    // --- loop ------------------------------------------------------------------------------------------
    while (step < o.steps) {
      if (o.signal?.aborted) {
        status = "aborted";
        break;
      }
      const lr = learningRate(step, schedule);
      const batch = sampler.next(o.batchSize);
      const [lossT, normT] = tf.tidy(() => {
        const x = tf.tensor2d(batch.inputs, [o.batchSize, trainSet.blockSize], "int32");
        const y = tf.tensor1d(batch.targets, "int32");
        const { value, grads } = tf.variableGrads(
          () => tf.mean(tokenCrossEntropy(model.forward(x, { training: true, dropoutSeed: o.seed * 1_000_003 + step, from: trainSet.targetOffset }), y)) as tf.Scalar,
        );
        const named = Object.fromEntries(Object.entries(grads).map(([k, g]) => [varNames.get(k) ?? k, g]));
        return [value, optimizer.apply(named, lr)];
      });
      const loss = ((await lossT.data()) as Float32Array)[0] as number;
      const gradNorm = ((await normT.data()) as Float32Array)[0] as number;
      lossT.dispose();
      normT.dispose();
      step += 1;
      tokens += tokensPerStep;
      const ms = elapsed();
      await o.onStep?.({ step, totalSteps: o.steps, loss, lr, gradNorm, tokens, elapsedMs: ms, tokensPerSec: (tokens / ms) * 1000 });
      if (!Number.isFinite(loss)) {
        status = "diverged";
        break;
      }

      // --- evaluation and checkpoints ---------------------------------------------------------------------
      if (step % o.evalInterval === 0 || step === o.steps) final = await evaluate();
      if (step % o.checkpointInterval === 0 || step === o.steps) await checkpoint();
    }
    if (status === "aborted" && step > 0) await checkpoint();
    return { status, step, numParams: model.numParams, tokens, elapsedMs: elapsed(), final, best, evals };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
