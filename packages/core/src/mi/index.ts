import { buildPermutation, MI_STRATEGIES, type Strategy } from "../ordering";
import { createRng, shuffle } from "../rng";
import type { SeqExample } from "../tasks/types";
import { pluginConditionalGain, pluginJointK, pluginPairwise, toColumns } from "./plugin";
import { probeMI, type SparseFeatures } from "./probe";

/**
 * Per-target-position MI estimates of the training split (METHOD.md, "MI estimators"), all in nats.
 * `score` is what max-mi/min-mi order by: pairwise → sum over source positions, joint-k → the joint MI,
 * probe → the probe estimate clamped at 0.
 */
export const ESTIMATORS = ["plugin-pairwise", "plugin-joint-k", "probe"] as const;
export type Estimator = (typeof ESTIMATORS)[number];
export const DEFAULT_MAX_EXAMPLES = 5000;
export const DEFAULT_JOINT_K = 2;

export interface MiPosition {
  /** Target position in plain order. */
  position: number;
  /** Estimated H(y_i): Miller–Madow for the plug-in estimators, held-out marginal CE for the probe. */
  entropy: number;
  score: number;
  /** pairwise: Σ_j I(s_j; y_i). */
  sum?: number;
  /** pairwise: max_j I(s_j; y_i). */
  max?: number;
  /** Source positions behind the score: the argmax j (pairwise) or the greedy top-k (joint-k). */
  sources?: number[];
}

export interface MiTable {
  estimator: Estimator;
  /** Examples used, after subsampling. */
  n: number;
  sourceLength: number;
  targetLength: number;
  unit: "nats";
  positions: MiPosition[];
  /** positions[i].score, for buildPermutation. */
  scores: number[];
}

export interface MiOptions {
  estimator: Estimator;
  vocabSize: number;
  /** Source positions joined by plugin-joint-k and by the greedy-mi gain (default 2). */
  k?: number;
  /** Seed of the subsample and of the probe's train/held-out split. */
  seed?: number;
  /** Examples kept, drawn with `seed` when there are more (default 5000). */
  maxExamples?: number;
  /** Probe features, one per example, in the order of `examples` (e.g. TF-IDF); default one-hot. */
  features?: readonly SparseFeatures[];
}

export function isEstimator(s: string): s is Estimator {
  return (ESTIMATORS as readonly string[]).includes(s);
}

export function estimateMI(examples: readonly SeqExample[], opts: MiOptions): MiTable {
  const { rows, features } = subsample(examples, opts);
  const first = rows[0] as SeqExample;
  const seed = opts.seed ?? 0;
  let positions: MiPosition[];
  switch (opts.estimator) {
    case "plugin-pairwise":
      positions = pluginPairwise(toColumns(rows));
      break;
    case "plugin-joint-k":
      positions = pluginJointK(toColumns(rows), opts.k ?? DEFAULT_JOINT_K);
      break;
    case "probe":
      positions = probeMI(rows, { vocabSize: opts.vocabSize, seed, features }).map((p) => ({
        position: p.position,
        entropy: p.entropy,
        score: Math.max(0, p.gain),
      }));
      break;
    default:
      throw new Error(`unknown MI estimator "${String(opts.estimator)}"; valid: ${ESTIMATORS.join(", ")}`);
  }
  return {
    estimator: opts.estimator,
    n: rows.length,
    sourceLength: first.source.length,
    targetLength: first.target.length,
    unit: "nats",
    positions,
    scores: positions.map((p) => p.score),
  };
}

/**
 * Gain for greedy-mi: plug-in, Miller–Madow corrected I(S_top-k(i), y_chosen; y_i), whatever the
 * estimator of the table — the probe has no notion of conditioning on target tokens.
 */
export function conditionalGain(
  examples: readonly SeqExample[],
  opts: Omit<MiOptions, "estimator" | "features">,
): (chosen: readonly number[], candidate: number) => number {
  const { rows } = subsample(examples, opts);
  return pluginConditionalGain(toColumns(rows), opts.k ?? DEFAULT_JOINT_K);
}

export interface OrderingRequest {
  examples: readonly SeqExample[];
  vocabSize: number;
  targetLength: number;
  strategy: Strategy;
  estimator: Estimator;
  /** Seed of the random strategy, the subsample and the probe split. */
  seed: number;
  k?: number;
  maxExamples?: number;
  features?: readonly SparseFeatures[];
}

/** The task's permutation; MI strategies also return the table they were built from. */
export function resolveOrdering(req: OrderingRequest): { permutation: number[]; table?: MiTable } {
  const { strategy, targetLength, seed } = req;
  if (!MI_STRATEGIES.includes(strategy)) return { permutation: buildPermutation({ strategy, targetLength, seed }) };
  const opts = { estimator: req.estimator, vocabSize: req.vocabSize, k: req.k, seed, maxExamples: req.maxExamples, features: req.features };
  const table = estimateMI(req.examples, opts);
  if (table.targetLength !== targetLength) {
    throw new Error(`examples have ${table.targetLength} target positions, ordering asked for ${targetLength}`);
  }
  const gain = strategy === "greedy-mi" ? conditionalGain(req.examples, opts) : undefined;
  return { permutation: buildPermutation({ strategy, targetLength, seed, scores: table.scores, gain }), table };
}

/** Validates the examples and keeps at most maxExamples of them, chosen with the seed. */
function subsample(
  examples: readonly SeqExample[],
  opts: { vocabSize: number; seed?: number; maxExamples?: number; features?: readonly SparseFeatures[] },
): { rows: SeqExample[]; features?: SparseFeatures[] } {
  const first = examples[0];
  if (!first) throw new Error("MI estimation needs at least one example");
  if (opts.features && opts.features.length !== examples.length) {
    throw new Error(`got ${opts.features.length} feature vectors for ${examples.length} examples`);
  }
  for (const [i, e] of examples.entries()) {
    if (e.source.length !== first.source.length || e.target.length !== first.target.length) {
      throw new Error(`example ${i} has lengths ${e.source.length}/${e.target.length}, expected ${first.source.length}/${first.target.length}`);
    }
    for (const t of [...e.source, ...e.target]) {
      if (!Number.isInteger(t) || t < 0 || t >= opts.vocabSize) {
        throw new Error(`example ${i} has token ${t} outside the vocabulary (size ${opts.vocabSize})`);
      }
    }
  }
  const max = opts.maxExamples ?? DEFAULT_MAX_EXAMPLES;
  if (!Number.isInteger(max) || max < 1) throw new Error(`maxExamples must be a positive integer, got ${max}`);
  let keep = examples.map((_, i) => i);
  if (keep.length > max) keep = shuffle(keep, createRng(opts.seed ?? 0)).slice(0, max).sort((a, b) => a - b);
  const rows = keep.map((i) => examples[i] as SeqExample);
  const features = opts.features ? keep.map((i) => opts.features?.[i] as SparseFeatures) : undefined;
  return features ? { rows, features } : { rows };
}
