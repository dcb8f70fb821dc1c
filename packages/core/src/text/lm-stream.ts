import type { SeqExample } from "../tasks/types";

/**
 * Token streams for language modelling with inserted keywords: each stream position carries a kind,
 * so evaluation can count the original tokens (the perplexity denominator) apart from the inserted
 * ones, and stripping the inserted tokens gives back the original text exactly.
 */
export const TOKEN_KIND = {
  /** A token of the text. */
  original: 0,
  /** An inserted keyword. */
  keyword: 1,
  /** The separator after a sentence's inserted keywords. */
  separator: 2,
  /** Filler after the end of the stream in the last window; never scored. */
  padding: 3,
} as const;
export type TokenKind = (typeof TOKEN_KIND)[keyof typeof TOKEN_KIND];

export interface TokenStream {
  tokens: number[];
  kinds: TokenKind[];
}

/** A language-modelling window as a SeqExample: empty source, the window's tokens as the target. */
export interface LmWindow extends SeqExample {
  /** kinds[k] is the kind of target[k]. */
  kinds: TokenKind[];
}

/** The sentences back to back, every token original: the stream `plain` trains on. */
export function plainStream(sentences: readonly (readonly number[])[]): TokenStream {
  const tokens: number[] = [];
  for (const s of sentences) for (const t of s) tokens.push(t);
  return { tokens, kinds: tokens.map(() => TOKEN_KIND.original) };
}

/**
 * Before sentence i, its keywords (best first) and then `separator`: `kw … <sep> sentence`. A sentence
 * whose keyword list is empty gets nothing inserted, not even the separator.
 */
export function insertKeywords(
  sentences: readonly (readonly number[])[],
  keywords: readonly (readonly number[])[],
  separator: number,
): TokenStream {
  if (keywords.length !== sentences.length) throw new Error(`${keywords.length} keyword lists for ${sentences.length} sentences`);
  const tokens: number[] = [];
  const kinds: TokenKind[] = [];
  sentences.forEach((s, i) => {
    const kw = keywords[i] as readonly number[];
    if (kw.length > 0) {
      for (const t of kw) {
        tokens.push(t);
        kinds.push(TOKEN_KIND.keyword);
      }
      tokens.push(separator);
      kinds.push(TOKEN_KIND.separator);
    }
    for (const t of s) {
      tokens.push(t);
      kinds.push(TOKEN_KIND.original);
    }
  });
  return { tokens, kinds };
}

/** The original tokens of a stream, in order (inserted tokens and padding removed). */
export function stripInserted(stream: TokenStream): number[] {
  return stream.tokens.filter((_, i) => stream.kinds[i] === TOKEN_KIND.original);
}

/**
 * Consecutive, non-overlapping windows of `blockSize` tokens. The stream's last, incomplete window is
 * dropped (`drop`: training, where every window must be real text) or filled with `filler` tokens of
 * kind padding (`pad`: evaluation, so every original token is scored exactly once whatever the
 * strategy inserted).
 */
export function cutWindows(stream: TokenStream, blockSize: number, tail: "drop" | "pad", filler: number): LmWindow[] {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error(`blockSize must be a positive integer, got ${blockSize}`);
  const windows: LmWindow[] = [];
  for (let start = 0; start < stream.tokens.length; start += blockSize) {
    const target = stream.tokens.slice(start, start + blockSize);
    const kinds = stream.kinds.slice(start, start + blockSize);
    if (target.length < blockSize) {
      if (tail === "drop") break;
      while (target.length < blockSize) {
        target.push(filler);
        kinds.push(TOKEN_KIND.padding);
      }
    }
    windows.push({ source: [], target, kinds });
  }
  return windows;
}

/** The windows joined back into one stream (padding included; `stripInserted` removes it). */
export function joinWindows(windows: readonly LmWindow[]): TokenStream {
  return { tokens: windows.flatMap((w) => w.target), kinds: windows.flatMap((w) => w.kinds) };
}
