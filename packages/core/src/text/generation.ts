import { createRng, shuffle } from "../rng";
import type { SeqTask } from "../tasks/types";
import { sampleRecords } from "./classification";
import { rankKeywords, scoreKeywords, type KeywordScorer } from "./keywords";
import { TOKEN_KIND, cutWindows, insertKeywords, plainStream, type LmWindow, type TokenStream } from "./lm-stream";
import type { Tokenizer } from "./types";

/**
 * The generation setting (METHOD.md, Figure 1c) as a language-modelling SeqTask: sentences, each
 * optionally preceded by its keyword and a separator, concatenated into one token stream and cut into
 * fixed windows. A window is an example with an empty source and the whole window as the target, so
 * the task's separator acts as `<bos>` and the model predicts every token of the window.
 *
 * Strategies: `plain` inserts nothing; `max-mi` inserts the sentence's best-scoring token, `min-mi` its
 * worst (the control). Keywords come from `core/text/keywords.ts`, fitted on the training sentences.
 */
export const GENERATION_STRATEGIES = ["plain", "max-mi", "min-mi"] as const;
export type GenerationStrategy = (typeof GENERATION_STRATEGIES)[number];

export interface GenerationSpec {
  /** Dataset name for the task name, e.g. `wikitext-2`. */
  name: string;
  /** Sentences in corpus order (`splitSentences`). */
  sentences: readonly string[];
  tokenizer: Tokenizer;
  strategy: GenerationStrategy;
  scorer: KeywordScorer;
  /** Tokens per window (the model's block size). */
  blockSize: number;
  /** Fraction of sentences held out for evaluation, 0 < f < 1. */
  testFraction: number;
  /** Seeds the train/test split of sentences and the samples of `trainSize` / `testSize`. */
  seed: number;
  /** Training sentences kept: a seeded sample of the training split, corpus order kept (default: all). */
  trainSize?: number;
  /** Test sentences kept, likewise (default: all). */
  testSize?: number;
  /** Extra training passes, pass c using each sentence's next-best keywords (default 0). */
  augment?: number;
  /** Keywords inserted before a sentence, best first (default 1; 0 inserts nothing). */
  keywordsPerSentence?: number;
  /** Special token that starts every window (default `<bos>`). */
  bosToken?: string;
  /** Special token after the inserted keywords (default `<sep>`, the word tokenizer's separator); needed only when keywords are inserted. */
  keywordSeparatorToken?: string;
  /** Tokens never chosen as keywords, e.g. `<unk>` (the two special tokens never are). */
  excludeTokens?: readonly string[];
  /** context-pmi's Dirichlet prior strength in tokens. */
  priorTokens?: number;
}

/** Sentence indices of each split, ascending (corpus order). */
export interface SentenceSplit {
  train: number[];
  test: number[];
}

export interface GenerationTask extends SeqTask {
  train: LmWindow[];
  test: LmWindow[];
  strategy: GenerationStrategy;
  split: SentenceSplit;
  /** Per sentence (all of them, by index), the keywords inserted in the first pass; empty for plain. */
  keywords: number[][];
  /** Counts after insertion, augmentation, windowing: what was trained and what is evaluated. */
  stats: {
    trainSentences: number;
    testSentences: number;
    /** Original tokens in the training windows (all passes; the incomplete last window is dropped). */
    trainOriginalTokens: number;
    trainTokens: number;
    /** Original tokens of the test sentences: the perplexity denominator, the same for every strategy. */
    testOriginalTokens: number;
    testTokens: number;
  };
}

/**
 * Seeded split of n sentences: a shuffle from `seed`, the first round(n·testFraction) indices are the
 * test split, the rest the training split; each split keeps corpus order.
 */
export function splitSentenceIndices(n: number, testFraction: number, seed: number): SentenceSplit {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`testFraction must be between 0 and 1 (exclusive), got ${testFraction}`);
  const nTest = Math.round(n * testFraction);
  if (nTest < 1 || nTest > n - 1) {
    throw new Error(`${n} sentences with testFraction ${testFraction} leave an empty split; use more sentences or another fraction`);
  }
  const order = shuffle(Array.from({ length: n }, (_, i) => i), createRng(seed));
  const asc = (a: number, b: number): number => a - b;
  return { test: order.slice(0, nTest).sort(asc), train: order.slice(nTest).sort(asc) };
}

/**
 * The split of `splitSentenceIndices`, then at most `trainSize` training and `testSize` test sentences,
 * each a sample drawn with `seed` and kept in corpus order: what `createGenerationTask` trains and
 * evaluates on, so a caller can build a tokenizer from exactly the training sentences.
 */
export function generationSplit(n: number, spec: Pick<GenerationSpec, "testFraction" | "seed" | "trainSize" | "testSize">): SentenceSplit {
  const split = splitSentenceIndices(n, spec.testFraction, spec.seed);
  return { train: sampleRecords(split.train, spec.trainSize, spec.seed), test: sampleRecords(split.test, spec.testSize, spec.seed) };
}

export function createGenerationTask(spec: GenerationSpec): GenerationTask {
  const { tokenizer, strategy } = spec;
  const augment = spec.augment ?? 0;
  const k = spec.keywordsPerSentence ?? 1;
  if (!Number.isInteger(augment) || augment < 0) throw new Error(`augment must be a non-negative integer, got ${augment}`);
  if (!Number.isInteger(k) || k < 0) throw new Error(`keywordsPerSentence must be a non-negative integer, got ${k}`);
  if (!(GENERATION_STRATEGIES as readonly string[]).includes(strategy)) {
    throw new Error(`unknown generation strategy "${strategy}"; valid: ${GENERATION_STRATEGIES.join(", ")}`);
  }
  const bos = tokenizer.special(spec.bosToken ?? "<bos>");
  const encoded = spec.sentences.map((s) => tokenizer.encode(s));
  const split = generationSplit(encoded.length, spec);
  const pick = (ids: readonly number[]): number[][] => ids.map((i) => encoded[i] as number[]);

  // Ranked candidates per sentence (best first for max-mi, worst first for min-mi).
  let ranked: number[][] = encoded.map(() => []);
  let separator = bos;
  if (strategy !== "plain") {
    separator = tokenizer.special(spec.keywordSeparatorToken ?? "<sep>");
    const fitted = new Array<boolean>(encoded.length).fill(false);
    for (const i of split.train) fitted[i] = true;
    const exclude = [bos, separator, ...(spec.excludeTokens ?? []).map((t) => tokenizer.vocab.id(t))];
    const scores = scoreKeywords(spec.scorer, encoded, { fitted, vocabSize: tokenizer.vocab.size, exclude, priorTokens: spec.priorTokens });
    ranked = scores.map((s) => rankKeywords(s, strategy === "max-mi" ? "max" : "min"));
  }
  const keywordsOfPass = (ids: readonly number[], pass: number): { sentences: number[][]; keywords: number[][] } => {
    const sentences: number[][] = [];
    const keywords: number[][] = [];
    for (const i of ids) {
      const kw = (ranked[i] as number[]).slice(pass * k, (pass + 1) * k);
      if (pass > 0 && kw.length < k) continue; // no next-best keywords left for this copy
      sentences.push(encoded[i] as number[]);
      keywords.push(kw);
    }
    return { sentences, keywords };
  };
  const streamOf = (ids: readonly number[], pass: number): TokenStream => {
    if (strategy === "plain") return plainStream(pick(ids));
    const p = keywordsOfPass(ids, pass);
    return insertKeywords(p.sentences, p.keywords, separator);
  };

  // Training: the first pass and `augment` further passes, each pass over the training sentences in
  // corpus order, so a sentence's copies sit a whole pass apart and never share a window.
  const passes = Array.from({ length: augment + 1 }, (_, c) => streamOf(split.train, c));
  const trainStream: TokenStream = { tokens: passes.flatMap((p) => p.tokens), kinds: passes.flatMap((p) => p.kinds) };
  const train = cutWindows(trainStream, spec.blockSize, "drop", bos);
  if (train.length === 0) {
    throw new Error(`the training split has ${trainStream.tokens.length} tokens, fewer than blockSize ${spec.blockSize}`);
  }
  const test = cutWindows(streamOf(split.test, 0), spec.blockSize, "pad", bos);

  const count = (windows: readonly LmWindow[], original: boolean): number =>
    windows.reduce((n, w) => n + w.kinds.filter((kind) => (original ? kind === TOKEN_KIND.original : kind !== TOKEN_KIND.padding)).length, 0);
  return {
    name: `${spec.name}:${strategy}`,
    vocab: tokenizer.vocab,
    separator: bos,
    sourceLength: 0,
    targetLength: spec.blockSize,
    train,
    test,
    strategy,
    split,
    keywords: ranked.map((r) => r.slice(0, k)),
    stats: {
      trainSentences: split.train.length,
      testSentences: split.test.length,
      trainOriginalTokens: count(train, true),
      trainTokens: count(train, false),
      testOriginalTokens: count(test, true),
      testTokens: count(test, false),
    },
    format: (_source, target) => tokenizer.decode(target),
  };
}
