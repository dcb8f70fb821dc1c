import { classValue, GLUE_TASK_NAMES, GLUE_TASKS, type GlueGold, type GlueMetric, type GlueTaskName, type GlueTaskSpec } from "./glue";

/**
 * Classification metrics over decoded labels, all as fractions (correlations in [−1, 1]).
 *
 * - Multi-label: label-wise accuracy (1 − Hamming loss), exact-set match, micro-F1 (counts pooled over
 *   labels), macro-F1 (mean of per-label F1) and per-label precision/recall/F1.
 * - GLUE (Wang et al. 2018, §3.4): Matthews correlation for CoLA, F1 of the positive class and accuracy
 *   for MRPC and QQP, Pearson and Spearman for STS-B, accuracy otherwise; a task with several metrics
 *   (or MNLI's two evaluation splits) scores their unweighted mean, and the GLUE score is the mean of
 *   the task scores.
 *
 * Degenerate cases follow scikit-learn: F1 with no gold and no predicted positives is 0, and MCC or a
 * correlation whose denominator is 0 (a side with no variation, e.g. a model that always predicts the
 * same class) is 0 — no measurable association — so an early evaluation of a constant model records
 * "no skill" instead of NaN. Ties in Spearman get average ranks, as scipy's `spearmanr`.
 *
 * Correlations are small two-pass code rather than a library: the one @stdlib package that returns a
 * Pearson coefficient (`stats-pcorrtest`) is a significance test that refuses fewer than four
 * observations and brings ~300 packages, and `stats-ranks` alone ~60 new ones for a sort.
 */

export function accuracy(predicted: readonly number[], gold: readonly number[]): number {
  checkPairs(predicted, gold);
  let hits = 0;
  predicted.forEach((p, i) => {
    if (p === gold[i]) hits += 1;
  });
  return hits / predicted.length;
}

export interface BinaryCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function binaryCounts(predicted: readonly number[], gold: readonly number[], positive = 1): BinaryCounts {
  checkPairs(predicted, gold);
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  predicted.forEach((p, i) => {
    const g = gold[i] === positive;
    if (p === positive) c[g ? "tp" : "fp"] += 1;
    else c[g ? "fn" : "tn"] += 1;
  });
  return c;
}

export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

/** From counts; each ratio with a zero denominator is 0. F1 = 2tp / (2tp + fp + fn). */
export function precisionRecallF1(c: Pick<BinaryCounts, "tp" | "fp" | "fn">): PrecisionRecallF1 {
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  return { precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn), f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn) };
}

/** F1 of the `positive` class. */
export function f1Score(predicted: readonly number[], gold: readonly number[], positive = 1): number {
  return precisionRecallF1(binaryCounts(predicted, gold, positive)).f1;
}

/**
 * Matthews correlation from the K-class confusion matrix (Gorodkin 2004; the binary case is
 * (tp·tn − fp·fn) / √((tp+fp)(tp+fn)(tn+fp)(tn+fn))): (c·s − Σ_k p_k t_k) / √((s² − Σ p_k²)(s² − Σ t_k²)),
 * s samples, c correct, p_k / t_k how often class k is predicted / true.
 */
export function matthewsCorrelation(predicted: readonly number[], gold: readonly number[]): number {
  checkPairs(predicted, gold);
  const p = new Map<number, number>();
  const t = new Map<number, number>();
  let correct = 0;
  predicted.forEach((x, i) => {
    const g = gold[i] as number;
    p.set(x, (p.get(x) ?? 0) + 1);
    t.set(g, (t.get(g) ?? 0) + 1);
    if (x === g) correct += 1;
  });
  const s = predicted.length;
  let pt = 0;
  for (const [k, pk] of p) pt += pk * (t.get(k) ?? 0);
  const sq = (m: Map<number, number>): number => [...m.values()].reduce((a, v) => a + v * v, 0);
  const denominator = Math.sqrt((s * s - sq(p)) * (s * s - sq(t)));
  return denominator === 0 ? 0 : (correct * s - pt) / denominator;
}

/** Pearson's r, two-pass; 0 when either side is constant. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  checkPairs(x, y);
  const n = x.length;
  const mx = x.reduce((a, v) => a + v, 0) / n;
  const my = y.reduce((a, v) => a + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    const dx = xi - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  });
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** 1-based ranks; tied values share the mean of the ranks they span. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && (order[end + 1] as { v: number }).v === (order[start] as { v: number }).v) end += 1;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[(order[k] as { i: number }).i] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Spearman's ρ: Pearson's r of the average ranks. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  checkPairs(x, y);
  return pearson(averageRanks(x), averageRanks(y));
}

export interface LabelScore extends PrecisionRecallF1 {
  label: string;
  /** Gold positives. */
  support: number;
}

export interface MultiLabelMetrics {
  n: number;
  /** Fraction of (example, label) pairs right: 1 − Hamming loss. */
  accuracy: number;
  /** Fraction of examples with every label right. */
  exactSetMatch: number;
  microF1: number;
  macroF1: number;
  perLabel: LabelScore[];
  /** Label positions whose decode was no label token; scored as the wrong value. */
  unrecognised: number;
}

/**
 * Multi-label metrics. predicted[i][j] is 0, 1, or null for a decode that is no label token of
 * position j; null counts as the opposite of the gold value (a miss or a false alarm).
 */
export function multiLabelMetrics(predicted: readonly (readonly (number | null)[])[], gold: readonly (readonly number[])[], labelNames: readonly string[]): MultiLabelMetrics {
  checkPairs(predicted, gold);
  const m = labelNames.length;
  const counts = labelNames.map(() => ({ tp: 0, fp: 0, fn: 0 }));
  let right = 0;
  let exact = 0;
  let unrecognised = 0;
  predicted.forEach((row, i) => {
    const g = gold[i] as readonly number[];
    if (row.length !== m || g.length !== m) throw new RangeError(`example ${i}: predicted ${row.length} and gold ${g.length} labels, expected ${m}`);
    let all = true;
    row.forEach((raw, j) => {
      const truth = g[j] as number;
      if (raw === null) unrecognised += 1;
      const p = raw ?? 1 - truth;
      const c = counts[j] as { tp: number; fp: number; fn: number };
      if (p === 1 && truth === 1) c.tp += 1;
      else if (p === 1) c.fp += 1;
      else if (truth === 1) c.fn += 1;
      if (p === truth) right += 1;
      else all = false;
    });
    if (all) exact += 1;
  });
  const perLabel = labelNames.map((label, j) => {
    const c = counts[j] as { tp: number; fp: number; fn: number };
    return { label, support: c.tp + c.fn, ...precisionRecallF1(c) };
  });
  const pooled = counts.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return {
    n: predicted.length,
    accuracy: right / (predicted.length * m),
    exactSetMatch: exact / predicted.length,
    microF1: precisionRecallF1(pooled).f1,
    macroF1: perLabel.reduce((a, l) => a + l.f1, 0) / m,
    perLabel,
    unrecognised,
  };
}

export interface GlueSplitMetrics {
  /** GLUE's metrics of the task on this split. */
  metrics: Partial<Record<GlueMetric, number>>;
  /** Their unweighted mean. */
  score: number;
  unrecognised: number;
}

/**
 * GLUE metrics of one split. predicted[i] is a class index or null for a decode that is no
 * verbalizer; null is scored as wrong: the other class of a binary task, the next class of MNLI, and
 * for STS-B the bin farthest from the gold score. STS-B correlates the gold scores (not their bins)
 * with the predicted bins' values, so its numbers are comparable to GLUE's regression results.
 */
export function glueSplitMetrics(spec: GlueTaskSpec, predicted: readonly (number | null)[], gold: readonly GlueGold[]): GlueSplitMetrics {
  checkPairs(predicted, gold);
  const k = spec.classes.length;
  let unrecognised = 0;
  const resolved = predicted.map((p, i) => {
    const g = gold[i] as GlueGold;
    if (p !== null) return p;
    unrecognised += 1;
    if (spec.score) return (g.score ?? classValue(spec, g.label)) >= (spec.score.min + spec.score.max) / 2 ? 0 : k - 1;
    return (g.label + 1) % k;
  });
  const labels = gold.map((g) => g.label);
  const metrics: Partial<Record<GlueMetric, number>> = {};
  for (const metric of spec.metrics) {
    if (metric === "accuracy") metrics.accuracy = accuracy(resolved, labels);
    else if (metric === "mcc") metrics.mcc = matthewsCorrelation(resolved, labels);
    else if (metric === "f1") metrics.f1 = f1Score(resolved, labels, spec.positive ?? 1);
    else {
      const values = resolved.map((c) => classValue(spec, c));
      const scores = gold.map((g) => g.score ?? classValue(spec, g.label));
      metrics[metric] = metric === "pearson" ? pearson(values, scores) : spearman(values, scores);
    }
  }
  const values = spec.metrics.map((m) => metrics[m] as number);
  return { metrics, score: values.reduce((a, v) => a + v, 0) / values.length, unrecognised };
}

/** A task's GLUE score: the mean of its splits' scores (MNLI: matched and mismatched). */
export function glueTaskScore(name: GlueTaskName, splitScores: Readonly<Record<string, number>>): number {
  const spec = GLUE_TASKS[name];
  const missing = spec.evalSplits.filter((s) => splitScores[s] === undefined);
  if (missing.length > 0) throw new Error(`${spec.title} score needs the split(s) ${missing.join(", ")}`);
  return spec.evalSplits.reduce((a, s) => a + (splitScores[s] as number), 0) / spec.evalSplits.length;
}

export interface GlueAverage {
  /** Mean of the task scores given. */
  average: number;
  tasks: GlueTaskName[];
  /** Tasks without a score: the average is GLUE's only when this is empty. */
  missing: GlueTaskName[];
}

export function glueAverage(taskScores: Readonly<Partial<Record<GlueTaskName, number>>>): GlueAverage {
  const tasks = GLUE_TASK_NAMES.filter((t) => taskScores[t] !== undefined);
  if (tasks.length === 0) throw new RangeError("the GLUE average needs at least one task score");
  return {
    average: tasks.reduce((a, t) => a + (taskScores[t] as number), 0) / tasks.length,
    tasks,
    missing: GLUE_TASK_NAMES.filter((t) => taskScores[t] === undefined),
  };
}

function checkPairs(predicted: readonly unknown[], gold: readonly unknown[]): void {
  if (predicted.length !== gold.length) throw new RangeError(`${predicted.length} predictions for ${gold.length} gold labels`);
  if (predicted.length === 0) throw new RangeError("metrics need at least one example");
}
