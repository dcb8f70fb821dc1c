import { describe, expect, it } from "vitest";
import { rankKeywords, scoreKeywords, type TokenScore } from "./keywords";

const [a, b, c, d, e, f] = [0, 1, 2, 3, 4, 5];
const byToken = (scores: readonly TokenScore[]): Record<number, number> => Object.fromEntries(scores.map((s) => [s.token, s.score]));

describe("tfidf keywords", () => {
  // Three fitted sentences (the training split) and one held-out sentence with an unseen token f.
  const sentences = [[a, b, a, c], [b, c, d], [b, e], [a, f]];
  const fitted = [true, true, true, false];
  // N = 3, df: a 1, b 3, c 2, d 1, e 1, f 0; idf = ln((1 + N) / (1 + df)) + 1.
  const idf = { a: Math.log(4 / 2) + 1, b: 1, c: Math.log(4 / 3) + 1, f: Math.log(4 / 1) + 1 };

  it("scores tf·idf with statistics from the fitted sentences only", () => {
    const scores = scoreKeywords("tfidf", sentences, { fitted, vocabSize: 6 });
    expect(scores[0]?.map((s) => [s.token, s.position])).toEqual([[a, 0], [b, 1], [c, 3]]);
    const s0 = byToken(scores[0] ?? []);
    expect(s0[a]).toBeCloseTo((2 / 4) * idf.a, 12);
    expect(s0[b]).toBeCloseTo((1 / 4) * idf.b, 12);
    expect(s0[c]).toBeCloseTo((1 / 4) * idf.c, 12);
    const s3 = byToken(scores[3] ?? []);
    expect(s3[a]).toBeCloseTo((1 / 2) * idf.a, 12);
    expect(s3[f]).toBeCloseTo((1 / 2) * idf.f, 12);
  });

  it("max picks the highest score, min the lowest", () => {
    const scores = scoreKeywords("tfidf", sentences, { fitted, vocabSize: 6 });
    expect(scores.map((s) => rankKeywords(s, "max")[0])).toEqual([a, d, e, f]);
    expect(scores.map((s) => rankKeywords(s, "min")[0])).toEqual([b, b, b, a]);
    expect(rankKeywords(scores[0] ?? [], "max")).toEqual([a, c, b]);
  });

  it("never offers excluded tokens, and breaks ties by first occurrence", () => {
    const scores = scoreKeywords("tfidf", sentences, { fitted, vocabSize: 6, exclude: [a] });
    expect(scores[0]?.map((s) => s.token)).toEqual([b, c]);
    expect(scores[3]?.map((s) => s.token)).toEqual([f]);
    const tied = [{ token: 7, position: 2, score: 1 }, { token: 9, position: 0, score: 1 }, { token: 8, position: 1, score: 0 }];
    expect(rankKeywords(tied, "max")).toEqual([9, 7, 8]);
    expect(rankKeywords(tied, "min")).toEqual([8, 9, 7]);
  });
});

describe("context-pmi keywords", () => {
  const [x, y, p, q, r, z, h] = [0, 1, 2, 3, 4, 5, 6];
  // x and y always occur together; p, q, r and z are scattered; h occurs once.
  const sentences = [[x, y, p], [x, y, q], [x, y, r], [z, p, q], [z, r, p], [z, q, r, h]];
  const fitted = sentences.map(() => true);

  it("prefers the word that predicts the rest of its sentence", () => {
    const [w] = [7];
    // x, y and w always occur together; p, q and r also occur with z.
    const corpus = [[x, y, w, p], [x, y, w, q], [x, y, w, r], [z, p, q], [z, r, p], [z, q, r]];
    const scores = scoreKeywords("context-pmi", corpus, { fitted: corpus.map(() => true), vocabSize: 8 });
    const s0 = byToken(scores[0] ?? []);
    expect(s0[x]).toBeGreaterThan(0);
    expect(s0[x]).toBeCloseTo(s0[y] as number, 12);
    expect(s0[p]).toBeLessThan(0);
    expect(rankKeywords(scores[0] ?? [], "max")).toEqual([x, y, w, p]);
    expect(rankKeywords(scores[0] ?? [], "min")[0]).toBe(p);
  });

  it("scores a fitted sentence leave-one-out, by the formula", () => {
    const mu = 10;
    const scores = scoreKeywords("context-pmi", sentences, { fitted, vocabSize: 7, priorTokens: mu });
    // Background over T = 19 fitted tokens, V = 7: p(u) = (C(u) + 1) / 26.
    const bg = (count: number): number => (count + 1) / 26;
    // Sentence 0 without itself: x occurs in [x y q] and [x y r] (6 tokens): c_x(y) = 2, c_x(p) = 0.
    const pyx = (2 + mu * bg(3)) / (6 + mu);
    const ppx = (0 + mu * bg(3)) / (6 + mu);
    expect(byToken(scores[0] ?? [])[x]).toBeCloseTo(Math.log(pyx / bg(3)) + Math.log(ppx / bg(3)), 12);
    // A word seen in no other sentence tells nothing: every ratio is exactly the prior.
    expect(byToken(scores[5] ?? [])[h]).toBeCloseTo(0, 12);
  });

  it("scores a held-out sentence with every fitted sentence", () => {
    const withTest = [...sentences, [x, y]];
    const scores = scoreKeywords("context-pmi", withTest, { fitted: [...fitted, false], vocabSize: 7, priorTokens: 10 });
    // x occurs in three fitted sentences (9 tokens) with y each time; T = 19.
    const py = (3 + 1) / 26;
    expect(byToken(scores[6] ?? [])[x]).toBeCloseTo(Math.log((3 + 10 * py) / (9 + 10) / py), 12);
  });
});
