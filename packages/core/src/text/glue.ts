import { where } from "./classification";
import type { LabeledText } from "./types";

/**
 * The nine GLUE tasks (Wang et al. 2018, "GLUE: A Multi-Task Benchmark and Analysis Platform for
 * Natural Language Understanding") as single-label classification: classes in GLUE's label order, the
 * raw label strings a record may carry, the verbalizer the model generates for each class [ours], and
 * GLUE's metrics. Raw labels accept the GLUE TSV strings and the integer ids of the Hugging Face `glue`
 * dataset, which follow the same class order.
 *
 * STS-B's 0–5 similarity score becomes six classes [ours]: class i holds the scores that round (half
 * up) to i, and its value is i. Its verbalizers are two-word summaries of the six points of the STS
 * annotation scale (Agirre et al., SemEval-2012 Task 6): 0 on different topics, 1 not equivalent but on
 * the same topic, 2 not equivalent but sharing some details, 3 roughly, 4 mostly, 5 completely
 * equivalent.
 */
export const GLUE_TASK_NAMES = ["cola", "sst2", "mrpc", "stsb", "qqp", "mnli", "qnli", "rte", "wnli"] as const;
export type GlueTaskName = (typeof GLUE_TASK_NAMES)[number];
export type GlueMetric = "mcc" | "accuracy" | "f1" | "pearson" | "spearman";

export interface GlueTaskSpec {
  name: GlueTaskName;
  /** GLUE's spelling, as the data loaders name the task: `glue/<title>`. */
  title: string;
  /** Sentence-pair task: the input is `text <sep> textB`. */
  pair: boolean;
  classes: readonly string[];
  /** The text generated for each class, in class order. */
  verbalizers: readonly string[];
  /** Raw label string → class index; empty for STS-B, whose label is a score. */
  rawLabels: Readonly<Record<string, number>>;
  /** GLUE's metrics for the task; the task score is their unweighted mean. */
  metrics: readonly GlueMetric[];
  /** Evaluation splits that make up the task score (MNLI: matched and mismatched). */
  evalSplits: readonly string[];
  /** Class that F1 counts as positive (MRPC: equivalent, QQP: duplicate). */
  positive?: number;
  /** STS-B: the score range the classes bin. */
  score?: { min: number; max: number };
}

const binary = (neg: string, pos: string): Readonly<Record<string, number>> => ({ "0": 0, "1": 1, [neg]: 0, [pos]: 1 });
const DEV = ["dev"] as const;

export const GLUE_TASKS: Readonly<Record<GlueTaskName, GlueTaskSpec>> = {
  cola: {
    name: "cola",
    title: "CoLA",
    pair: false,
    classes: ["unacceptable", "acceptable"],
    verbalizers: ["unacceptable", "acceptable"],
    rawLabels: binary("unacceptable", "acceptable"),
    metrics: ["mcc"],
    evalSplits: DEV,
  },
  sst2: {
    name: "sst2",
    title: "SST-2",
    pair: false,
    classes: ["negative", "positive"],
    verbalizers: ["negative", "positive"],
    rawLabels: binary("negative", "positive"),
    metrics: ["accuracy"],
    evalSplits: DEV,
  },
  mrpc: {
    name: "mrpc",
    title: "MRPC",
    pair: true,
    classes: ["not_equivalent", "equivalent"],
    verbalizers: ["not equivalent", "equivalent"],
    rawLabels: binary("not_equivalent", "equivalent"),
    metrics: ["f1", "accuracy"],
    evalSplits: DEV,
    positive: 1,
  },
  stsb: {
    name: "stsb",
    title: "STS-B",
    pair: true,
    classes: ["0", "1", "2", "3", "4", "5"],
    verbalizers: ["different topics", "same topic", "share details", "roughly equivalent", "mostly equivalent", "completely equivalent"],
    rawLabels: {},
    metrics: ["pearson", "spearman"],
    evalSplits: DEV,
    score: { min: 0, max: 5 },
  },
  qqp: {
    name: "qqp",
    title: "QQP",
    pair: true,
    classes: ["not_duplicate", "duplicate"],
    verbalizers: ["not duplicate", "duplicate"],
    rawLabels: binary("not_duplicate", "duplicate"),
    metrics: ["f1", "accuracy"],
    evalSplits: DEV,
    positive: 1,
  },
  mnli: {
    name: "mnli",
    title: "MNLI",
    pair: true,
    classes: ["entailment", "neutral", "contradiction"],
    verbalizers: ["entailment", "neutral", "contradiction"],
    rawLabels: { "0": 0, "1": 1, "2": 2, entailment: 0, neutral: 1, contradiction: 2 },
    metrics: ["accuracy"],
    evalSplits: ["dev_matched", "dev_mismatched"],
  },
  qnli: {
    name: "qnli",
    title: "QNLI",
    pair: true,
    classes: ["entailment", "not_entailment"],
    verbalizers: ["entailment", "not entailment"],
    rawLabels: { "0": 0, "1": 1, entailment: 0, not_entailment: 1 },
    metrics: ["accuracy"],
    evalSplits: DEV,
  },
  rte: {
    name: "rte",
    title: "RTE",
    pair: true,
    classes: ["entailment", "not_entailment"],
    verbalizers: ["entailment", "not entailment"],
    rawLabels: { "0": 0, "1": 1, entailment: 0, not_entailment: 1 },
    metrics: ["accuracy"],
    evalSplits: DEV,
  },
  wnli: {
    name: "wnli",
    title: "WNLI",
    pair: true,
    // GLUE's WNLI files use 1 for entailment.
    classes: ["not_entailment", "entailment"],
    verbalizers: ["not entailment", "entailment"],
    rawLabels: binary("not_entailment", "entailment"),
    metrics: ["accuracy"],
    evalSplits: DEV,
  },
};

export const GLUE_NAME_HELP = `GLUE tasks are ${GLUE_TASK_NAMES.map((n) => GLUE_TASKS[n].title).join(", ")} (also written lower-case, without "-", or as glue/<task>)`;

/** `RTE`, `glue/SST-2`, `sst2`, `sts-b` → the registry key; throws naming the valid tasks. */
export function parseGlueTaskName(name: string): GlueTaskName {
  const key = name.trim().replace(/^glue\//i, "").toLowerCase().replace(/-/g, "");
  if ((GLUE_TASK_NAMES as readonly string[]).includes(key)) return key as GlueTaskName;
  throw new Error(`unknown GLUE task "${name}"; ${GLUE_NAME_HELP}`);
}

/** A record's gold label: its class and, for STS-B, the raw score the class bins. */
export interface GlueGold {
  label: number;
  score?: number;
}

/**
 * The class of a record's raw label; an unknown value throws an Error naming the value, the valid
 * values and the record's origin (file:line) when it has one.
 */
export function parseGlueLabel(spec: GlueTaskSpec, record: Pick<LabeledText, "label" | "origin">): GlueGold {
  const raw = record.label.trim();
  if (spec.score) {
    const score = Number(raw);
    if (raw === "" || !Number.isFinite(score) || score < spec.score.min || score > spec.score.max) {
      throw new Error(`${spec.title}: label "${record.label}"${where(record.origin)} is not a score from ${spec.score.min} to ${spec.score.max}`);
    }
    return { label: Math.floor(score + 0.5), score };
  }
  const label = spec.rawLabels[raw];
  if (label === undefined || !Object.hasOwn(spec.rawLabels, raw)) {
    throw new Error(`${spec.title}: unknown label "${record.label}"${where(record.origin)}; valid labels: ${Object.keys(spec.rawLabels).join(", ")}`);
  }
  return { label };
}

/** Numeric value of a class: the bin's score for STS-B (class i → i), the class index otherwise. */
export function classValue(spec: GlueTaskSpec, label: number): number {
  return spec.score ? spec.score.min + label : label;
}
