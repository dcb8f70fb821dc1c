import { createVocab } from "../vocab";
import type { Tokenizer } from "./types";

/** Special tokens of the word-level tokenizer, always ids 0–3 in this order. */
export const WORD_SPECIALS = ["<pad>", "<unk>", "<sep>", "<bos>"] as const;

/**
 * Word splitting, in order of precedence (after lowercasing, when on):
 * 1. a special token written in the text (`<pad>`, `<unk>`, `<sep>`, `<bos>`) is one token, so WikiText's
 *    `<unk>` is the tokenizer's `<unk>`;
 * 2. WikiText's number joiners `@-@`, `@,@`, `@.@` are one token each;
 * 3. a word is a maximal run of letters, combining marks and digits (Unicode L, M, N), so `don't` is
 *    `don ' t` and `3.5` is `3 . 5`;
 * 4. any other non-space character (punctuation, symbols, each code point of an emoji) is a token alone.
 * Whitespace only separates tokens.
 */
const TOKEN = /<(?:pad|unk|sep|bos)>|@[-,.]@|[\p{L}\p{M}\p{N}]+|\S/gu;

export function splitWords(text: string, lowercase: boolean): string[] {
  return (lowercase ? text.toLowerCase() : text).match(TOKEN) ?? [];
}

/**
 * What `decode(encode(text))` gives for a text whose words are all in the vocabulary: its tokens joined
 * by single spaces (lowercased when the tokenizer lowercases). Words outside the vocabulary come back as
 * `<unk>`.
 */
export function normalizeWords(text: string, lowercase: boolean): string {
  return splitWords(text, lowercase).join(" ");
}

export interface WordVocabOptions {
  /** Lowercase text before splitting; default true. */
  lowercase?: boolean;
  /** Largest vocabulary size, the four specials included; default no limit. */
  maxSize?: number;
  /** Fewest occurrences in the training texts for a word to get an id; default 1. */
  minCount?: number;
}

export interface WordTokenizer extends Tokenizer {
  readonly kind: "word";
  readonly lowercase: boolean;
  /** The tokens `encode` maps, before the vocabulary lookup. */
  split(text: string): string[];
}

/**
 * Builds the vocabulary from the training split only: words by descending count, ties in code-point
 * order (so the result does not depend on the order of the texts), after the specials; words seen fewer
 * than `minCount` times, and those past `maxSize`, map to `<unk>`.
 */
export function buildWordTokenizer(trainingTexts: Iterable<string>, options: WordVocabOptions = {}): WordTokenizer {
  const lowercase = options.lowercase ?? true;
  const minCount = options.minCount ?? 1;
  const maxSize = options.maxSize ?? Infinity;
  if (!Number.isInteger(minCount) || minCount < 1) throw new RangeError(`minCount must be an integer of at least 1, got ${minCount}`);
  if (maxSize !== Infinity && (!Number.isInteger(maxSize) || maxSize < WORD_SPECIALS.length)) {
    throw new RangeError(`maxSize must be an integer of at least ${WORD_SPECIALS.length} (the specials), got ${maxSize}`);
  }
  const counts = new Map<string, number>();
  const specials = new Set<string>(WORD_SPECIALS);
  for (const text of trainingTexts) {
    for (const word of splitWords(text, lowercase)) if (!specials.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const words = [...counts]
    .filter(([, n]) => n >= minCount)
    .sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, maxSize - WORD_SPECIALS.length)
    .map(([w]) => w);
  return wordTokenizerFromVocab([...WORD_SPECIALS, ...words], { lowercase });
}

/** A word tokenizer over a saved vocabulary (the `vocab.tokens` of one built earlier). */
export function wordTokenizerFromVocab(tokens: readonly string[], options: { lowercase: boolean }): WordTokenizer {
  WORD_SPECIALS.forEach((s, i) => {
    if (tokens[i] !== s) throw new Error(`a word vocabulary starts with ${WORD_SPECIALS.join(", ")}; id ${i} is ${JSON.stringify(tokens[i])}`);
  });
  const vocab = createVocab(tokens);
  const index = new Map(tokens.map((t, i) => [t, i]));
  const unk = 1;
  const { lowercase } = options;
  return {
    kind: "word",
    vocab,
    lowercase,
    split: (text) => splitWords(text, lowercase),
    encode: (text) => splitWords(text, lowercase).map((w) => index.get(w) ?? unk),
    decode: (ids) => ids.map((id) => vocab.token(id)).join(" "),
    special(name) {
      if (!(WORD_SPECIALS as readonly string[]).includes(name)) throw new Error(`the word tokenizer has no special token ${JSON.stringify(name)}; it has ${WORD_SPECIALS.join(", ")}`);
      return vocab.id(name);
    },
  };
}
