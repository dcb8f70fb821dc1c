import { describe, expect, it } from "vitest";
import { TOKEN_KIND } from "./lm-stream";
import { fairPerplexity } from "./perplexity";

const { original: O, keyword: K, separator: S, padding: P } = TOKEN_KIND;

describe("fairPerplexity", () => {
  it("divides the log-loss of every scored token by the original tokens only", () => {
    const r = fairPerplexity([-1, -2, -0.5, -0.25, -9], [K, S, O, O, P]);
    expect(r).toEqual({ nll: 3.75, originalTokens: 2, totalTokens: 4, perplexity: Math.exp(3.75 / 2) });
  });

  it("is the vocabulary size for a uniform model without insertions, and more with them", () => {
    const v = 50;
    const lp = -Math.log(v);
    expect(fairPerplexity(new Array(12).fill(lp), new Array(12).fill(O)).perplexity).toBeCloseTo(v, 9);
    const kinds = [K, S, O, O, O, K, S, O, O, O];
    expect(fairPerplexity(new Array(10).fill(lp), kinds).perplexity).toBeCloseTo(v ** (10 / 6), 6);
  });

  it("refuses windows without original tokens and misaligned inputs", () => {
    expect(() => fairPerplexity([-1, -1], [K, P])).toThrow(/no original tokens/);
    expect(() => fairPerplexity([-1], [O, O])).toThrow(/1 log-probabilities for 2/);
  });
});
