import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createVocab } from "../vocab";
import { createGenerationTask, generationSplit, splitSentenceIndices, type GenerationSpec } from "./generation";
import { rankKeywords, scoreKeywords } from "./keywords";
import { TOKEN_KIND, cutWindows, insertKeywords, joinWindows, plainStream, stripInserted } from "./lm-stream";
import { splitSentences } from "./sentences";
import type { Tokenizer } from "./types";

/** Whitespace word tokenizer over a fixed word list, with the special tokens the task needs. */
function wordTokenizer(words: readonly string[]): Tokenizer {
  const vocab = createVocab(["<bos>", "<sep>", "<unk>", ...words]);
  return {
    kind: "word",
    vocab,
    encode: (text) => text.split(/\s+/).filter(Boolean).map((w) => (vocab.tokens.includes(w) ? vocab.id(w) : vocab.id("<unk>"))),
    decode: (ids) => ids.map((i) => vocab.token(i)).join(" "),
    special: (name) => vocab.id(name),
  };
}

const LINES = [
  " = Lobsters = ",
  "",
  " The lobster is blue . The lobster lives in the sea . Fishermen catch the lobster in pots .",
  " = = Diet = = ",
  " The lobster eats fish and worms . Crabs eat worms too . The sea holds many crabs .",
  " Pots are set near rocks . Rocks shelter the lobster from fish .",
];
const SENTENCES = splitSentences(LINES);
const TOKENIZER = wordTokenizer([...new Set(SENTENCES.flatMap((s) => s.split(" ")))]);
const spec = (over: Partial<GenerationSpec> = {}): GenerationSpec => ({
  name: "tiny",
  sentences: SENTENCES,
  tokenizer: TOKENIZER,
  strategy: "max-mi",
  scorer: "tfidf",
  blockSize: 7,
  testFraction: 0.25,
  seed: 3,
  ...over,
});

const sentencesArb = fc.array(fc.array(fc.integer({ min: 3, max: 40 }), { maxLength: 12 }), { maxLength: 10 });

describe("keyword insertion", () => {
  it("stripping the inserted tokens gives back the original stream exactly, through windows too", () => {
    fc.assert(
      fc.property(
        sentencesArb.chain((ss) => fc.tuple(fc.constant(ss), fc.array(fc.array(fc.integer({ min: 3, max: 40 }), { maxLength: 3 }), { minLength: ss.length, maxLength: ss.length }))),
        fc.integer({ min: 1, max: 9 }),
        ([sentences, keywords], blockSize) => {
          const stream = insertKeywords(sentences, keywords, 1);
          const original = sentences.flat();
          expect(stripInserted(stream)).toEqual(original);
          expect(stripInserted(joinWindows(cutWindows(stream, blockSize, "pad", 0)))).toEqual(original);
          const inserted = keywords.reduce((n, kw) => n + (kw.length > 0 ? kw.length + 1 : 0), 0);
          expect(stream.tokens.length).toBe(original.length + inserted);
        },
      ),
    );
  });

  it("puts each sentence's keywords and one separator before it, and nothing before a sentence without keywords", () => {
    const stream = insertKeywords([[10, 11], [12], [13, 14]], [[11], [], [14, 13]], 1);
    expect(stream.tokens).toEqual([11, 1, 10, 11, 12, 14, 13, 1, 13, 14]);
    const { original: O, keyword: K, separator: S } = TOKEN_KIND;
    expect(stream.kinds).toEqual([K, S, O, O, O, K, K, S, O, O]);
  });

  it("cuts fixed windows, dropping or padding the incomplete tail", () => {
    const stream = plainStream([[1, 2, 3], [4, 5]]);
    expect(cutWindows(stream, 2, "drop", 0).map((w) => w.target)).toEqual([[1, 2], [3, 4]]);
    const padded = cutWindows(stream, 2, "pad", 0);
    expect(padded.map((w) => w.target)).toEqual([[1, 2], [3, 4], [5, 0]]);
    expect(padded[2]?.kinds).toEqual([TOKEN_KIND.original, TOKEN_KIND.padding]);
    expect(padded.every((w) => w.source.length === 0)).toBe(true);
  });
});

describe("sentence split", () => {
  it("is seeded, disjoint, complete and in corpus order", () => {
    const s = splitSentenceIndices(20, 0.25, 7);
    expect(s.test).toHaveLength(5);
    expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(s.train).toEqual([...s.train].sort((a, b) => a - b));
    expect(splitSentenceIndices(20, 0.25, 7)).toEqual(s);
    expect(splitSentenceIndices(20, 0.25, 8)).not.toEqual(s);
    expect(() => splitSentenceIndices(3, 0.1, 0)).toThrow(/empty split/);
  });
});

describe("createGenerationTask", () => {
  const encoded = SENTENCES.map((s) => TOKENIZER.encode(s));

  it("is a language-modelling SeqTask: empty source, <bos> separator, whole window as target", () => {
    const task = createGenerationTask(spec());
    expect(task.name).toBe("tiny:max-mi");
    expect(task.sourceLength).toBe(0);
    expect(task.targetLength).toBe(7);
    expect(task.separator).toBe(TOKENIZER.special("<bos>"));
    for (const w of [...task.train, ...task.test]) {
      expect(w.source).toEqual([]);
      expect(w.target).toHaveLength(7);
      expect(w.kinds).toHaveLength(7);
    }
  });

  it("inserts each sentence's best TF-IDF token (max-mi) or worst (min-mi), fitted on the training split", () => {
    for (const strategy of ["max-mi", "min-mi"] as const) {
      const task = createGenerationTask(spec({ strategy }));
      const fitted = encoded.map((_, i) => task.split.train.includes(i));
      const exclude = [TOKENIZER.special("<bos>"), TOKENIZER.special("<sep>")];
      const scores = scoreKeywords("tfidf", encoded, { fitted, vocabSize: TOKENIZER.vocab.size, exclude });
      const expected = scores.map((s) => rankKeywords(s, strategy === "max-mi" ? "max" : "min").slice(0, 1));
      expect(task.keywords).toEqual(expected);
      const stream = joinWindows(task.test);
      const kwSep = TOKENIZER.special("<sep>");
      expect(stream.tokens.slice(0, 2)).toEqual([expected[task.split.test[0] as number]?.[0], kwSep]);
    }
    // "lobster" is in most sentences; min-mi must not pick the same words as max-mi.
    expect(createGenerationTask(spec({ strategy: "min-mi" })).keywords).not.toEqual(createGenerationTask(spec()).keywords);
  });

  it("evaluates exactly the test sentences' tokens under every strategy and scorer", () => {
    const testTokens = (createGenerationTask(spec({ strategy: "plain" })).split.test).flatMap((i) => encoded[i] as number[]);
    for (const strategy of ["plain", "max-mi", "min-mi"] as const) {
      for (const scorer of ["tfidf", "context-pmi"] as const) {
        const task = createGenerationTask(spec({ strategy, scorer, augment: 2 }));
        expect(stripInserted(joinWindows(task.test))).toEqual(testTokens);
        expect(task.stats.testOriginalTokens).toBe(testTokens.length);
        const inserted = strategy === "plain" ? 0 : 2 * task.stats.testSentences;
        expect(task.stats.testTokens).toBe(testTokens.length + inserted);
      }
    }
  });

  it("augments training with copies that carry the next-best keywords, a whole pass apart", () => {
    const one = createGenerationTask(spec({ augment: 0, blockSize: 1 }));
    const three = createGenerationTask(spec({ augment: 2, blockSize: 1 }));
    const trainTokens = one.split.train.flatMap((i) => encoded[i] as number[]);
    expect(stripInserted(joinWindows(one.train))).toEqual(trainTokens);
    const stream = joinWindows(three.train);
    const kws = stream.tokens.filter((_, i) => stream.kinds[i] === TOKEN_KIND.keyword);
    const ranked = (i: number): number[] => {
      const fitted = encoded.map((_, j) => one.split.train.includes(j));
      const s = scoreKeywords("tfidf", encoded, { fitted, vocabSize: TOKENIZER.vocab.size, exclude: [0, 1] })[i] ?? [];
      return rankKeywords(s, "max");
    };
    const expected = [0, 1, 2].flatMap((pass) => one.split.train.flatMap((i) => ranked(i).slice(pass, pass + 1)));
    expect(kws).toEqual(expected);
    expect(stripInserted(stream)).toEqual(
      [0, 1, 2].flatMap((pass) => one.split.train.filter((i) => ranked(i).length > pass).flatMap((i) => encoded[i] as number[])),
    );
  });

  it("with zero keywords per sentence builds exactly plain's windows through the insertion path", () => {
    const plain = createGenerationTask(spec({ strategy: "plain" }));
    const none = createGenerationTask(spec({ strategy: "max-mi", keywordsPerSentence: 0 }));
    expect(none.train).toEqual(plain.train);
    expect(none.test).toEqual(plain.test);
    expect(none.stats).toEqual(plain.stats);
  });

  it("never picks excluded tokens and names a missing special token", () => {
    const task = createGenerationTask(spec({ excludeTokens: ["lobster", "."] }));
    const excluded = [TOKENIZER.vocab.id("lobster"), TOKENIZER.vocab.id(".")];
    expect(task.keywords.flat().some((t) => excluded.includes(t))).toBe(false);
    const noKw: Tokenizer = { ...TOKENIZER, special: (name) => (name === "<bos>" ? 0 : (() => { throw new Error(`tokenizer has no ${name}`); })()) };
    expect(() => createGenerationTask(spec({ tokenizer: noKw }))).toThrow(/no <sep>/);
    expect(createGenerationTask(spec({ tokenizer: noKw, strategy: "plain" })).test.length).toBeGreaterThan(0);
  });

  it("keeps seeded samples of trainSize training and testSize test sentences, in corpus order, fitted on the sample", () => {
    const full = splitSentenceIndices(SENTENCES.length, 0.25, 3);
    const task = createGenerationTask(spec({ strategy: "max-mi", trainSize: 3, testSize: 1 }));
    expect(task.split).toEqual(generationSplit(SENTENCES.length, { testFraction: 0.25, seed: 3, trainSize: 3, testSize: 1 }));
    expect(task.split.train).toHaveLength(3);
    expect(task.split.test).toHaveLength(1);
    expect(task.split.train.every((i) => full.train.includes(i))).toBe(true);
    expect(full.test).toContain(task.split.test[0]);
    expect([...task.split.train].sort((a, b) => a - b)).toEqual(task.split.train);
    expect(stripInserted(joinWindows(task.test))).toEqual(encoded[task.split.test[0] as number]);
    const fitted = encoded.map((_, i) => task.split.train.includes(i));
    const scores = scoreKeywords("tfidf", encoded, { fitted, vocabSize: TOKENIZER.vocab.size, exclude: [0, 1] });
    expect(task.keywords).toEqual(scores.map((sc) => rankKeywords(sc, "max").slice(0, 1)));
    // Sizes at least the split's keep it whole.
    expect(createGenerationTask(spec({ trainSize: 1000, testSize: 1000 })).split).toEqual(full);
  });
});
