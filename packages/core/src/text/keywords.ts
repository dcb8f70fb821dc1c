/**
 * Keyword scores for the generation setting (METHOD.md, Figure 1c): every distinct token of a sentence
 * gets a score, and `max-mi` inserts the best-scoring one before the sentence. Statistics are fitted
 * on the training sentences only and applied to any sentence, so a test sentence's keyword is a
 * function of that sentence alone (what the fair perplexity bound needs).
 *
 * Scorers [ours], sentences as documents, in nats:
 * - `tfidf`: tf(w, s) · idf(w) with tf = count(w in s) / |s| and the smoothed idf
 *   ln((1 + N) / (1 + df(w))) + 1 (N fitted sentences, df(w) of them containing w; scikit-learn's
 *   `smooth_idf`), finite for tokens no fitted sentence contains.
 *   Note: ln(N / df(w)) is exactly the pointwise information −ln p(w ∈ S) that the event "w occurs in
 *   the sentence" carries about the sentence, so idf is itself an MI quantity.
 * - `context-pmi`: what the word's presence tells about the *other* tokens of its sentence —
 *   Σ over positions u of s with u ≠ w of ln p(u | w ∈ S) / p(u), with
 *   p(u) = (C(u) + 1) / (T + V) the add-one unigram over fitted tokens and
 *   p(u | w ∈ S) = (c_w(u) + μ p(u)) / (N_w + μ) the token distribution of the fitted sentences that
 *   contain w (c_w counts, N_w tokens), Dirichlet-smoothed towards p(u) with μ = `priorTokens`.
 *   A fitted sentence is scored leave-one-out (its own counts removed from c_w), so a word seen in no
 *   other sentence scores 0 instead of "predicting" its own sentence. Averaged over the sentences that
 *   contain w this is KL(p(Y | w ∈ S) ‖ p(Y)), the w-present term of I(1[w ∈ S]; Y) for Y a token of
 *   the sentence: the mutual information between the word's presence and the tokens to predict.
 */
export const KEYWORD_SCORERS = ["tfidf", "context-pmi"] as const;
export type KeywordScorer = (typeof KEYWORD_SCORERS)[number];

export interface KeywordScoreOptions {
  /** fitted[i]: sentence i belongs to the split the statistics come from (the training split). */
  fitted: readonly boolean[];
  /** Token ids are 0 … vocabSize − 1 (context-pmi smooths over the whole vocabulary). */
  vocabSize: number;
  /** Token ids that are never candidates (special tokens, `<unk>`, …); they still count as context. */
  exclude?: Iterable<number>;
  /** context-pmi's Dirichlet prior strength μ, in tokens (default 100, about four sentences). */
  priorTokens?: number;
}

/** A candidate keyword of one sentence: a distinct eligible token, where it first occurs, its score. */
export interface TokenScore {
  token: number;
  position: number;
  score: number;
}

/** Scores of every distinct eligible token of every sentence, candidates in order of first occurrence. */
export function scoreKeywords(
  scorer: KeywordScorer,
  sentences: readonly (readonly number[])[],
  options: KeywordScoreOptions,
): TokenScore[][] {
  if (options.fitted.length !== sentences.length) {
    throw new Error(`fitted has ${options.fitted.length} flags for ${sentences.length} sentences`);
  }
  const exclude = new Set(options.exclude ?? []);
  const candidates = sentences.map((s) => firstOccurrences(s, exclude));
  const scores = scorer === "tfidf" ? tfidf(sentences, candidates, options) : contextPmi(sentences, candidates, options);
  return candidates.map((c, i) => c.map(([token, position], k) => ({ token, position, score: scores[i]?.[k] as number })));
}

/**
 * Candidate tokens best first: by descending score (`max`) or ascending score (`min`); equal scores
 * keep the order of first occurrence in the sentence.
 */
export function rankKeywords(scores: readonly TokenScore[], order: "max" | "min"): number[] {
  const sign = order === "max" ? -1 : 1;
  return [...scores].sort((a, b) => sign * (a.score - b.score) || a.position - b.position).map((s) => s.token);
}

function firstOccurrences(sentence: readonly number[], exclude: ReadonlySet<number>): [number, number][] {
  const seen = new Map<number, number>();
  sentence.forEach((t, i) => {
    if (!exclude.has(t) && !seen.has(t)) seen.set(t, i);
  });
  return [...seen];
}

function counts(sentence: readonly number[]): Map<number, number> {
  const c = new Map<number, number>();
  for (const t of sentence) c.set(t, (c.get(t) ?? 0) + 1);
  return c;
}

function tfidf(sentences: readonly (readonly number[])[], candidates: [number, number][][], o: KeywordScoreOptions): number[][] {
  const df = new Map<number, number>();
  let n = 0;
  sentences.forEach((s, i) => {
    if (!o.fitted[i]) return;
    n += 1;
    for (const t of new Set(s)) df.set(t, (df.get(t) ?? 0) + 1);
  });
  return sentences.map((s, i) => {
    const c = counts(s);
    return (candidates[i] ?? []).map(([t]) => ((c.get(t) ?? 0) / s.length) * (Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1));
  });
}

function contextPmi(sentences: readonly (readonly number[])[], candidates: [number, number][][], o: KeywordScoreOptions): number[][] {
  const v = o.vocabSize;
  const mu = o.priorTokens ?? 100;
  // Background unigram and, per token, the fitted sentences that contain it.
  const unigram = new Float64Array(v);
  const containing = new Map<number, number[]>();
  let total = 0;
  sentences.forEach((s, i) => {
    if (!o.fitted[i]) return;
    for (const t of s) {
      if (t < 0 || t >= v) throw new Error(`token id ${t} is outside the vocabulary (size ${v})`);
      unigram[t] = (unigram[t] as number) + 1;
    }
    total += s.length;
    for (const t of new Set(s)) {
      const list = containing.get(t);
      if (list) list.push(i);
      else containing.set(t, [i]);
    }
  });
  const background = (u: number): number => ((unigram[u] ?? 0) + 1) / (total + v);

  // Group the (word, sentence) pairs to score by word, so each word's c_w is built once.
  const requests = new Map<number, [number, number][]>(); // word -> [sentence, candidate index]
  candidates.forEach((c, i) =>
    c.forEach(([t], k) => {
      const list = requests.get(t);
      if (list) list.push([i, k]);
      else requests.set(t, [[i, k]]);
    }),
  );
  const out = candidates.map((c) => new Array<number>(c.length).fill(0));
  const cw = new Float64Array(v);
  const sentenceCounts = new Map<number, Map<number, number>>();
  for (const [w, pairs] of requests) {
    const fittedWith = containing.get(w) ?? [];
    let nw = 0;
    for (const j of fittedWith) {
      const s = sentences[j] as readonly number[];
      for (const u of s) cw[u] = (cw[u] as number) + 1;
      nw += s.length;
    }
    for (const [i, k] of pairs) {
      const s = sentences[i] as readonly number[];
      const own = o.fitted[i] ? memo(sentenceCounts, i, () => counts(s)) : undefined;
      const n = nw - (own ? s.length : 0);
      let score = 0;
      for (const u of s) {
        if (u === w) continue;
        const c = (u >= 0 && u < v ? (cw[u] as number) : 0) - (own?.get(u) ?? 0);
        const p = background(u);
        score += Math.log((c + mu * p) / (n + mu) / p);
      }
      (out[i] as number[])[k] = score;
    }
    for (const j of fittedWith) for (const u of sentences[j] as readonly number[]) cw[u] = 0;
  }
  return out;
}

function memo<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}
