import { DEFAULT_MAX_EXAMPLES, estimateMI, resolveOrdering, type Estimator, type MiTable } from "../mi/index";
import type { SparseFeatures } from "../mi/probe";
import { MI_STRATEGIES, buildPermutation, type Strategy } from "../ordering";
import type { SeqExample } from "../tasks/types";
import { sampleRecords, type TextSeqTask } from "./classification";
import { fitTfidf, tfidfFeatures } from "./tfidf";

/**
 * MI between a text task's input and each target position (each label token, each verbalizer token),
 * through the estimators of mi/ unchanged (METHOD.md, "MI estimators"; docs/method.md, "Text
 * classification"). A text's tokens sit at positions that mean nothing across examples, so the input
 * is re-expressed as a view of the training split:
 *
 * - its source becomes word indicators: position j is 1 when word j of the K words in most training
 *   inputs occurs in the input, else 0. `plugin-pairwise` then gives Σ_j Î(1[w_j]; y_i) (Miller–Madow)
 *   with the max and the argmax word, `plugin-joint-k` the joint of the best k words, and the
 *   greedy-mi gain conditions on those words and the targets already placed. Indicators of correlated
 *   words are not independent, so the sum is a ranking score here, not a bound on I(S; y_i);
 * - `features` are the inputs' TF-IDF rows (tfidf.ts), which the `probe` uses instead of the source:
 *   logistic regression, Ĥ(y_i) − held-out CE(y_i | TF-IDF).
 *
 * Everything is fitted on (a seeded sample of) the training split; IDF uses the whole sample, the
 * probe's held-out quarter included (no labels are involved).
 */
export const DEFAULT_TOP_WORDS = 512;

export interface TextMiOptions {
  /** Word indicators K (default 512). */
  topWords?: number;
  /** Training examples used, drawn with `seed` (default 5000, as estimateMI). */
  maxExamples?: number;
  seed?: number;
}

export interface TextMiView {
  /** Training examples: source = K word indicators (0/1), target = the task's target in plain order. */
  examples: SeqExample[];
  /** TF-IDF row of each example's input. */
  features: SparseFeatures[];
  featureCount: number;
  /** Vocabulary size covering the indicators and the target tokens. */
  vocabSize: number;
  /** Token id behind indicator j, by descending document frequency (ties: lower id first). */
  words: number[];
  /** Token id behind TF-IDF feature f. */
  terms: number[];
}

type MiTask = Pick<TextSeqTask, "train" | "vocab" | "sourceSpecials">;

export function textMiView(task: MiTask, opts: TextMiOptions = {}): TextMiView {
  const topWords = opts.topWords ?? DEFAULT_TOP_WORDS;
  if (!Number.isInteger(topWords) || topWords < 1) throw new Error(`topWords must be a positive integer, got ${topWords}`);
  const rows = sampleRecords(task.train, opts.maxExamples ?? DEFAULT_MAX_EXAMPLES, opts.seed ?? 0);
  if (rows.length === 0) throw new Error("MI estimation needs at least one training example");
  const skip = new Set(task.sourceSpecials);
  const docs = rows.map((e) => e.source.filter((t) => !skip.has(t)));

  const df = new Map<number, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const words = [...df.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, topWords)
    .map(([t]) => t);
  const examples = rows.map((e, i) => {
    const present = new Set(docs[i]);
    return { source: words.map((w) => (present.has(w) ? 1 : 0)), target: [...e.target] };
  });

  const tfidf = fitTfidf(docs);
  return {
    examples,
    features: docs.map((d) => tfidfFeatures(tfidf, d)),
    featureCount: tfidf.terms.length,
    vocabSize: Math.max(2, task.vocab.size),
    words,
    terms: tfidf.terms,
  };
}

export interface TextMiRequest extends TextMiOptions {
  estimator: Estimator;
  /** Words joined by plugin-joint-k and the greedy-mi gain (default 2). */
  k?: number;
}

/** The per-target-position MI table of a text task, in nats. */
export function estimateTextMI(task: MiTask, req: TextMiRequest): MiTable {
  const view = textMiView(task, req);
  return estimateMI(view.examples, {
    estimator: req.estimator,
    vocabSize: view.vocabSize,
    k: req.k,
    seed: req.seed,
    maxExamples: view.examples.length,
    features: view.features,
  });
}

export interface TextOrderingRequest extends TextMiRequest {
  strategy: Strategy;
  /** Seed of the random strategy, the sample and the probe split. */
  seed: number;
}

/** The task's permutation through resolveOrdering; MI strategies also return the table and the view. */
export function resolveTextOrdering(
  task: MiTask & Pick<TextSeqTask, "targetLength">,
  req: TextOrderingRequest,
): { permutation: number[]; table?: MiTable; view?: TextMiView } {
  if (!MI_STRATEGIES.includes(req.strategy)) {
    return { permutation: buildPermutation({ strategy: req.strategy, targetLength: task.targetLength, seed: req.seed }) };
  }
  const view = textMiView(task, req);
  const { permutation, table } = resolveOrdering({
    examples: view.examples,
    vocabSize: view.vocabSize,
    targetLength: task.targetLength,
    strategy: req.strategy,
    estimator: req.estimator,
    seed: req.seed,
    k: req.k,
    maxExamples: view.examples.length,
    features: view.features,
  });
  return table ? { permutation, table, view } : { permutation, view };
}
