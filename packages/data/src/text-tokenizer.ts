import type { TextTokenizerName } from "@orderbench/core/text-spec";
import type { Tokenizer } from "@orderbench/core/text/types";
import { WORD_SPECIALS, buildWordTokenizer, splitWords, wordTokenizerFromVocab } from "@orderbench/core/text/word-tokenizer";
import { createGpt2Tokenizer } from "./gpt2-tokenizer";

export interface TextTokenizerOptions {
  /** Largest word vocabulary, specials included (word tokenizer only). */
  maxVocab: number;
  /**
   * Texts whose words must get an id whatever their count: GLUE's verbalizers, which the model
   * generates and which may be rare in (or absent from) the training inputs. They take the places of
   * the rarest training words when the vocabulary is full.
   */
  required?: readonly string[];
}

/**
 * The task's tokenizer. `word`: a lower-cased word vocabulary built from `trainingTexts` only (the
 * training split, never evaluation text), words by descending count up to `maxVocab`, plus the words of
 * `required`. `gpt2-bpe`: GPT-2's fixed byte-level BPE vocabulary with orderbench's four specials.
 */
export function buildTextTokenizer(kind: TextTokenizerName, trainingTexts: readonly string[], options: TextTokenizerOptions): Tokenizer {
  if (kind === "gpt2-bpe") return createGpt2Tokenizer();
  const built = buildWordTokenizer(trainingTexts, { maxSize: options.maxVocab });
  const known = new Set(built.vocab.tokens);
  const missing = [...new Set((options.required ?? []).flatMap((t) => splitWords(t, built.lowercase)))].filter((w) => !known.has(w));
  if (missing.length === 0) return built;
  const room = options.maxVocab - missing.length;
  if (room < WORD_SPECIALS.length) {
    throw new RangeError(`a word vocabulary of ${options.maxVocab} has no room for the specials and the words ${missing.join(", ")}`);
  }
  return wordTokenizerFromVocab([...built.vocab.tokens.slice(0, room), ...missing], { lowercase: built.lowercase });
}
