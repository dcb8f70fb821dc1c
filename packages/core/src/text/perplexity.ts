import { TOKEN_KIND, type TokenKind } from "./lm-stream";

/**
 * Fair perplexity for text with inserted keywords (METHOD.md, Generation). The keyword is a function
 * of the sentence, so for any model p(s) = Σ_k p(k, s) ≥ p(kw(s), s) = p(kw, <sep>) · p(s | kw, <sep>):
 * the log-probability of the whole inserted stream — keywords and separators included — is a lower
 * bound on the model's log-probability of the original text. Dividing its negative by the number of
 * original tokens and exponentiating gives an upper bound on the model's perplexity of the text, on
 * the same per-token scale as plain's perplexity. With nothing inserted the formula is plain perplexity.
 */
export interface PerplexityResult {
  /** −Σ ln p over every scored token (originals and inserted ones, padding excluded), nats. */
  nll: number;
  /** Tokens of the text: the denominator. */
  originalTokens: number;
  /** Scored tokens: originals plus inserted keywords and separators. */
  totalTokens: number;
  /** exp(nll / originalTokens). */
  perplexity: number;
}

/** logProbs[i] = ln p(token i | its window's prefix), aligned with kinds[i]; sums in float64. */
export function fairPerplexity(logProbs: ArrayLike<number>, kinds: ArrayLike<TokenKind>): PerplexityResult {
  if (logProbs.length !== kinds.length) throw new Error(`${logProbs.length} log-probabilities for ${kinds.length} token kinds`);
  let nll = 0;
  let originalTokens = 0;
  let totalTokens = 0;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i] as TokenKind;
    if (kind === TOKEN_KIND.padding) continue;
    nll -= logProbs[i] as number;
    totalTokens += 1;
    if (kind === TOKEN_KIND.original) originalTokens += 1;
  }
  if (originalTokens === 0) throw new Error("no original tokens to score: the evaluation windows hold only inserted tokens or padding");
  return { nll, originalTokens, totalTokens, perplexity: Math.exp(nll / originalTokens) };
}
