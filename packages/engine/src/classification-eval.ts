import { encode, type Permutation } from "@orderbench/core/ordering";
import type { GlueSeqTask } from "@orderbench/core/text/glue-task";
import type { MultiLabelSeqTask } from "@orderbench/core/text/multi-label";
import type { SeqExample } from "@orderbench/core/tasks";
import { encodeExamples } from "./data";
import { summarizeEval, type EvalSample } from "./eval-summary";
import { greedyDecode, type DecodeResult } from "./evaluate";
import type { Evaluator } from "./evaluator";

const SAMPLES = 8;

/**
 * Classification (GLUE, multi-label): the greedy decode of the first `evalSize` examples of each scored
 * split, mapped back to plain order, then `task.evaluate` (core/text: label decoding, unrecognised
 * decodes scored as wrong, GLUE or multi-label metrics). `score` is the mean of the splits' scores (MNLI:
 * dev_matched and dev_mismatched, as GLUE scores it); the decode metrics (exact_match, token_accuracy,
 * loss, position accuracies) are those of the first split, the test split. Metric names: the test
 * split's task metrics in snake case (`accuracy`, `mcc`, `f1`, `pearson`, `spearman`, `micro_f1`,
 * `macro_f1`, `exact_set_match`, `f1/<label>`), `unrecognised` as a fraction of the decodes (multi-label:
 * of the label positions), and the same under `<split>/` for every further split.
 */
export function classificationEvaluator(task: GlueSeqTask | MultiLabelSeqTask, splits: readonly string[], perm: Permutation, evalSize: number): Evaluator {
  if (splits[0] !== task.testSplit) throw new Error(`the first scored split must be ${task.name}'s test split ${task.testSplit}, got ${splits.join(", ")}`);
  const sets = splits.map((split) => {
    const all = task.evalSplits[split];
    if (!all) throw new Error(`${task.name} has no evaluation split "${split}"; splits: ${Object.keys(task.evalSplits).join(", ")}`);
    const examples = all.slice(0, evalSize);
    return { split, examples, set: encodeExamples(task, examples, perm) };
  });
  const unitsPerExample = task.kind === "multi-label" ? task.targetLength : 1;

  return {
    direction: "max",
    async evaluate(model, at) {
      const decoded: DecodeResult[] = [];
      for (const s of sets) decoded.push(await greedyDecode(model, s.set, perm));
      const results = sets.map((s, i) => task.evaluate((decoded[i] as DecodeResult).predictions, s.split));
      const first = decoded[0] as DecodeResult;
      const base = summarizeEval(task, perm, first, at.step, at.tokens, at.elapsedMs());
      const score = results.reduce((a, r) => a + r.score, 0) / results.length;
      const metrics: Record<string, number> = { ...base.metrics, score };
      results.forEach((r, i) => {
        const prefix = i === 0 ? "" : `${r.split}/`;
        for (const [name, value] of Object.entries(r.metrics)) metrics[prefix + metricName(name)] = value;
        metrics[`${prefix}unrecognised`] = r.unrecognised / (r.n * unitsPerExample);
        if (i > 0) metrics[`${prefix}score`] = r.score;
      });
      const samples = textSamples(task, perm, (sets[0] as (typeof sets)[number]).examples, first.predictions);
      return { ...base, primary: score, best: score, metrics, samples };
    },
  };
}

/** `microF1` → `micro_f1`; the part after a `/` (a label name) is kept as it is. */
export function metricName(name: string): string {
  const [head, ...rest] = name.split("/");
  const snake = (head as string).replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  return [snake, ...rest].join("/");
}

/** Readable samples: tokens joined by spaces, padding left out. */
function textSamples(task: GlueSeqTask | MultiLabelSeqTask, perm: Permutation, examples: readonly SeqExample[], predictions: readonly number[][]): EvalSample[] {
  const pad = task.sourceSpecials[0];
  const words = (ids: readonly number[]): string => ids.filter((id) => id !== pad).map((id) => task.vocab.token(id)).join(" ");
  return examples.slice(0, SAMPLES).map((ex, i) => {
    const predicted = predictions[i] ?? [];
    const correct = predicted.length === ex.target.length && predicted.every((id, k) => id === ex.target[k]);
    return { input: words(ex.source), targetOrdered: words(encode(ex.target, perm)), prediction: words(predicted), gold: words(ex.target), correct };
  });
}
