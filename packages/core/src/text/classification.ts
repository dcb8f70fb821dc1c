import { createRng, shuffle } from "../rng";
import type { SeqExample, SeqTask } from "../tasks/types";
import { createVocab, type Vocab } from "../vocab";
import type { RecordOrigin, Tokenizer } from "./types";

/**
 * Shared pieces of classification as sequence prediction (METHOD.md, Figure 1b; docs/method.md, "Text
 * classification"). Source layout [ours]: the tokenized input, truncated at its end to `sourceLength`
 * and left-padded with `<pad>`, so the text always ends right before the separator and the first target
 * token is predicted from the last input tokens, whatever the input's length.
 */

/** What evaluating decoded targets gives: the task's headline `score` plus every metric it reports. */
export interface TextEvaluation {
  split: string;
  n: number;
  /** The task's headline metric (GLUE: the task score; multi-label: micro-F1). */
  score: number;
  metrics: Record<string, number>;
  /** Decodes that map to no label (multi-label: label positions), each scored as wrong. */
  unrecognised: number;
}

/** A classification task ready to train: a SeqTask plus its evaluation splits and label decoding. */
export interface TextSeqTask extends SeqTask {
  /** Every evaluation split of the dataset, encoded like `test`. */
  evalSplits: Record<string, SeqExample[]>;
  /** Name of the split `test` is. */
  testSplit: string;
  /** Ids of `<pad>` and `<sep>`: filler in the source, not input words (MI features skip them). */
  sourceSpecials: number[];
  /**
   * False where every strategy trains the same sequence (a single target position), so a comparison of
   * strategies would only measure seed noise; `orderReason` says why, for the CLI and the report.
   */
  orderable: boolean;
  orderReason: string;
  /** Name of the metric `evaluate(...).score` is. */
  primaryMetric: string;
  /**
   * Scores generated targets in plain order (after the inverse permutation). predicted[i] is the
   * decode of example i of `split` (default `testSplit`); fewer predictions than examples score the
   * first predicted.length examples, as the engine evaluates a prefix of the test split.
   */
  evaluate(predicted: readonly (readonly number[])[], split?: string): TextEvaluation;
}

/** Sizes and seed shared by the text task builders; sizes smaller than a split draw a seeded sample. */
export interface TextTaskOptions {
  /** Source tokens per example (at least 1, plus 2 with a keyword prefix). */
  sourceLength: number;
  /** Training examples kept (default: all). */
  trainSize?: number;
  /** Examples kept of each evaluation split (default: all). */
  testSize?: number;
  /** Seed of those samples (default 0). */
  seed?: number;
  /** The evaluation split `test` is (default: the dataset's first one). */
  evalSplit?: string;
}

export function checkSourceLength(sourceLength: number, minimum: number): void {
  if (!Number.isInteger(sourceLength) || sourceLength < minimum) {
    throw new Error(`sourceLength must be an integer ≥ ${minimum}, got ${sourceLength}`);
  }
}

/**
 * At most `size` of `items`, drawn with `seed` and kept in file order; all of them when `size` is
 * undefined or not smaller.
 */
export function sampleRecords<T>(items: readonly T[], size: number | undefined, seed: number): T[] {
  if (size === undefined || size >= items.length) return [...items];
  if (!Number.isInteger(size) || size < 1) throw new Error(`sample size must be a positive integer, got ${size}`);
  const keep = shuffle(items.map((_, i) => i), createRng(seed)).slice(0, size).sort((a, b) => a - b);
  return keep.map((i) => items[i] as T);
}

/** `ids` cut to its first `length` tokens, then left-padded with `pad` to exactly `length`. */
export function fitSource(ids: readonly number[], length: number, pad: number): number[] {
  const kept = ids.slice(0, length);
  return [...new Array<number>(length - kept.length).fill(pad), ...kept];
}

/**
 * A sentence pair as `a <sep> b` in at most `length` tokens. Too long a pair loses tokens from the
 * end of the longer sentence, one at a time, the second on ties (Hugging Face's `longest_first`), so
 * both sentences keep a share of the budget.
 */
export function joinPair(a: readonly number[], b: readonly number[], length: number, sep: number): number[] {
  let la = a.length;
  let lb = b.length;
  while (la + lb + 1 > length && la + lb > 0) {
    if (la > lb) la -= 1;
    else lb -= 1;
  }
  return [...a.slice(0, la), sep, ...b.slice(0, lb)];
}

/** The tokenizer's vocabulary followed by the `extra` tokens it lacks: tokenizer ids stay unchanged. */
export function extendVocab(base: Vocab, extra: readonly string[]): Vocab {
  const have = new Set(base.tokens);
  const added: string[] = [];
  for (const t of extra) {
    if (!have.has(t)) {
      have.add(t);
      added.push(t);
    }
  }
  return added.length === 0 ? base : createVocab([...base.tokens, ...added]);
}

/** `file:line` of a record, for error messages; empty when the record has no origin. */
export function where(origin: RecordOrigin | undefined): string {
  return origin ? ` at ${origin.file}:${origin.line}` : "";
}

/** The eval split to score, checked against the task's splits. */
export function pickSplit(splits: Record<string, unknown>, split: string, task: string): void {
  if (!(split in splits)) throw new Error(`${task} has no evaluation split "${split}"; splits: ${Object.keys(splits).join(", ")}`);
}

/** The split named by the options, or the dataset's first; throws naming the available ones. */
export function chooseTestSplit(evalSplits: Record<string, unknown>, wanted: string | undefined, dataset: string): string {
  const names = Object.keys(evalSplits);
  const split = wanted ?? names[0];
  if (split === undefined) throw new Error(`dataset ${dataset} has no evaluation split`);
  pickSplit(evalSplits, split, `dataset ${dataset}`);
  return split;
}

/** Predictions checked against the split: no more than its examples, each of the target length. */
export function checkPredictions(predicted: readonly (readonly number[])[], available: number, targetLength: number, split: string): void {
  if (predicted.length === 0) throw new RangeError(`no predictions to score on split ${split}`);
  if (predicted.length > available) throw new RangeError(`${predicted.length} predictions for the ${available} examples of split ${split}`);
  predicted.forEach((p, i) => {
    if (p.length !== targetLength) throw new RangeError(`prediction ${i} has ${p.length} tokens, the target has ${targetLength}`);
  });
}

/**
 * Readable example: the source without padding, each `<sep>`-separated part decoded by the tokenizer,
 * then `<sep>` and the target tokens as the vocabulary spells them (padding included, so the target's
 * fixed width shows).
 */
export function formatExample(tokenizer: Tokenizer, vocab: Vocab, pad: number, sep: number, source: readonly number[], target: readonly number[]): string {
  const parts: number[][] = [[]];
  for (const id of source) {
    if (id === pad) continue;
    if (id === sep) parts.push([]);
    else parts[parts.length - 1]?.push(id);
  }
  const text = parts.map((p) => tokenizer.decode(p)).join(" <sep> ");
  return `${text} <sep> ${target.map((id) => vocab.token(id)).join(" ")}`;
}

/** Special tokens of the tokenizer that are never input words, among `<pad> <sep> <unk> <bos> <eos>`. */
export function specialIds(tokenizer: Tokenizer): Set<number> {
  const ids = new Set<number>();
  for (const name of ["<pad>", "<sep>", "<unk>", "<bos>", "<eos>"]) {
    if (tokenizer.vocab.tokens.includes(name)) ids.add(tokenizer.special(name));
  }
  return ids;
}
