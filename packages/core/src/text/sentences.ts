/**
 * Sentences from WikiText lines (Merity et al. 2016, "Pointer Sentinel Mixture Models"). WikiText is
 * already word-tokenized: tokens are separated by single spaces and punctuation stands alone
 * (`lobster , H. americanus .`), so a sentence boundary is a token, not a character pattern.
 *
 * Rule [ours]:
 * - a blank line (only whitespace) is skipped;
 * - a heading line ` = Title = `, ` = = Section = = ` … (one or more `=` on both sides) is skipped;
 * - every other line is a paragraph; its tokens are split after each token that is exactly `.`, `?` or
 *   `!`, and the end of the line ends the last sentence even without such a token;
 * - abbreviations need no special case: WikiText keeps their period attached (`H.`, `U.S.`), and the
 *   decimal point is the token `@.@`, so neither is a standalone `.`.
 * A sentence is returned as its tokens joined by single spaces, so `tokenizer.encode` sees normal text.
 */
const TERMINAL = new Set([".", "?", "!"]);
const HEADING = /^(?:= )+\S.*?(?: =)+$/;

export function isHeading(line: string): boolean {
  return HEADING.test(line.trim());
}

export function splitSentences(lines: Iterable<string>): string[] {
  const sentences: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === "" || HEADING.test(trimmed)) continue;
    let current: string[] = [];
    for (const token of trimmed.split(/\s+/)) {
      current.push(token);
      if (TERMINAL.has(token)) {
        sentences.push(current.join(" "));
        current = [];
      }
    }
    if (current.length > 0) sentences.push(current.join(" "));
  }
  return sentences;
}
