import { millerMadowEntropy } from "../mi/entropy";

/**
 * The `keyword-prefix` option of single-label tasks (METHOD.md, "Tasks"), mirroring the generation
 * setting: each input is prefixed with its token of highest MI with the label, then `<sep>`. A token's
 * score is I(1[w ∈ x]; label) — word present or absent in the input vs the class — plug-in with the
 * Miller–Madow correction on each entropy (as mi/entropy.ts), clamped at 0, fitted on the training
 * split only. An input's keyword is then a function of the input alone (the argmax of the fitted
 * scores over its tokens), so test inputs get theirs without their label.
 */

/** Score of every token that occurs in a document; tokens in `exclude` get none. */
export function indicatorLabelMI(docs: readonly (readonly number[])[], labels: readonly number[], exclude: ReadonlySet<number> = new Set()): Map<number, number> {
  if (docs.length !== labels.length) throw new Error(`${docs.length} documents for ${labels.length} labels`);
  const n = docs.length;
  const classCounts = new Map<number, number>();
  for (const y of labels) classCounts.set(y, (classCounts.get(y) ?? 0) + 1);
  // withWord.get(w).get(c): documents of class c that contain w.
  const withWord = new Map<number, Map<number, number>>();
  docs.forEach((doc, i) => {
    const y = labels[i] as number;
    for (const w of new Set(doc)) {
      if (exclude.has(w)) continue;
      let byClass = withWord.get(w);
      if (!byClass) withWord.set(w, (byClass = new Map()));
      byClass.set(y, (byClass.get(y) ?? 0) + 1);
    }
  });
  const hLabel = millerMadowEntropy(classCounts.values());
  const scores = new Map<number, number>();
  for (const [w, byClass] of withWord) {
    let present = 0;
    const joint: number[] = [];
    for (const [c, total] of classCounts) {
      const k = byClass.get(c) ?? 0;
      present += k;
      joint.push(k, total - k);
    }
    const mi = millerMadowEntropy([present, n - present]) + hLabel - millerMadowEntropy(joint);
    scores.set(w, Math.max(0, mi));
  }
  return scores;
}

/**
 * The input's token with the highest score; ties go to the earliest occurrence. Tokens without a
 * score (unseen in training, or excluded) are not candidates; `fallback` when none is.
 */
export function pickKeyword(tokens: readonly number[], scores: ReadonlyMap<number, number>, fallback: number): number {
  let best = fallback;
  let bestScore = -Infinity;
  for (const t of tokens) {
    const s = scores.get(t);
    if (s !== undefined && s > bestScore) {
      best = t;
      bestScore = s;
    }
  }
  return best;
}
