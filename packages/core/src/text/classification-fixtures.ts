import { createVocab } from "../vocab";
import type { Tokenizer } from "./types";

/**
 * A whitespace tokenizer over a fixed word list, for the classification tests: ids 0–2 are `<pad>`,
 * `<unk>`, `<sep>`, then `words` in order; unknown words encode to `<unk>`.
 */
export function tinyTokenizer(words: readonly string[]): Tokenizer {
  const vocab = createVocab(["<pad>", "<unk>", "<sep>", ...words]);
  const known = new Set(vocab.tokens);
  return {
    kind: "tiny-word",
    vocab,
    encode: (text) =>
      text
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w !== "")
        .map((w) => vocab.id(known.has(w) ? w : "<unk>")),
    decode: (ids) => ids.map((i) => vocab.token(i)).join(" "),
    special: (name) => vocab.id(name),
  };
}
