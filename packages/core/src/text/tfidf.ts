import type { SparseFeatures } from "../mi/probe";

/**
 * TF-IDF features of token-id documents for the probe MI estimator (METHOD.md, "MI estimators"), as
 * scikit-learn's TfidfVectorizer defaults: tf = the count of the term in the document, idf =
 * ln((1 + N) / (1 + df)) + 1 over the N fitted documents (df: documents containing the term), each row
 * scaled to unit L2 norm. Features are the fitted terms, numbered densely in order of first occurrence;
 * a term the fitted documents lack is dropped.
 */
export interface TfidfModel {
  /** Token id of feature f. */
  terms: number[];
  /** Token id → feature index. */
  index: ReadonlyMap<number, number>;
  /** idf of feature f. */
  idf: Float64Array;
  /** Documents fitted. */
  n: number;
}

export function fitTfidf(docs: readonly (readonly number[])[], exclude: ReadonlySet<number> = new Set()): TfidfModel {
  const index = new Map<number, number>();
  const terms: number[] = [];
  const df: number[] = [];
  for (const doc of docs) {
    for (const t of new Set(doc)) {
      if (exclude.has(t)) continue;
      let f = index.get(t);
      if (f === undefined) {
        f = terms.length;
        index.set(t, f);
        terms.push(t);
        df.push(0);
      }
      df[f] = (df[f] as number) + 1;
    }
  }
  const n = docs.length;
  return { terms, index, idf: Float64Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1), n };
}

/** One document's unit-norm TF-IDF row, indices ascending; no indices for a document of unfitted terms. */
export function tfidfFeatures(model: TfidfModel, doc: readonly number[]): SparseFeatures {
  const counts = new Map<number, number>();
  for (const t of doc) {
    const f = model.index.get(t);
    if (f !== undefined) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  const indices = [...counts.keys()].sort((a, b) => a - b);
  const values = indices.map((f) => (counts.get(f) as number) * (model.idf[f] as number));
  const norm = Math.sqrt(values.reduce((a, v) => a + v * v, 0));
  return { indices, values: values.map((v) => v / norm) };
}
