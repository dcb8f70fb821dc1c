import { GLUE_TASK_NAMES, GLUE_TASKS, parseGlueTaskName, type GlueTaskName } from "../text/glue";
import { ARITHMETIC_OPS, MAX_DIGITS, MIN_DIGITS, type ArithmeticOp } from "./arithmetic";

/**
 * A task as users write it, parsed: the one place that knows every task name. `name` is the canonical
 * spelling (what specs store and leaderboards group by): `mul:2`, `glue/RTE`, `toxic`, `goemotions`,
 * `wikitext-2`. Text tasks read their data from a data directory (`@orderbench/data`), so only
 * arithmetic can be built here; `kind` says which family a task is and how it is evaluated.
 */
export type TaskRef = ArithmeticTaskRef | GlueTaskRef | MultiLabelTaskRef | GenerationTaskRef;

export interface ArithmeticTaskRef {
  kind: "arithmetic";
  name: string;
  op: ArithmeticOp;
  digits: number;
}

/** A GLUE task: single-label classification with verbalizers (core/text/glue.ts). */
export interface GlueTaskRef {
  kind: "glue";
  name: string;
  glue: GlueTaskName;
}

/** Multi-label classification: Jigsaw toxic comments (6 labels) or GoEmotions (28). */
export interface MultiLabelTaskRef {
  kind: "multi-label";
  name: string;
  dataset: MultiLabelDataset;
}

/** Language modelling with keyword insertion (core/text/generation.ts). */
export interface GenerationTaskRef {
  kind: "generation";
  name: string;
  dataset: GenerationDataset;
}

export const MULTI_LABEL_DATASETS = ["toxic", "goemotions"] as const;
export type MultiLabelDataset = (typeof MULTI_LABEL_DATASETS)[number];
export const GENERATION_DATASETS = ["wikitext-2"] as const;
export type GenerationDataset = (typeof GENERATION_DATASETS)[number];

/** Task families: arithmetic is generated, the others are text tasks read from a data directory. */
export type TaskKind = TaskRef["kind"];
/** Text tasks scored by decoding labels (the classification families). */
export type ClassificationTaskRef = GlueTaskRef | MultiLabelTaskRef;
export type TextTaskRef = ClassificationTaskRef | GenerationTaskRef;

/** Canonical names of every text task, in the order help texts list them. */
export const TEXT_TASK_NAMES: readonly string[] = [
  ...GLUE_TASK_NAMES.map((t) => `glue/${GLUE_TASKS[t].title}`),
  ...MULTI_LABEL_DATASETS,
  ...GENERATION_DATASETS,
];

export const TASK_NAME_HELP =
  `arithmetic tasks are ${ARITHMETIC_OPS.map((o) => `${o}:N`).join(", ")} with N from ${MIN_DIGITS} to ${MAX_DIGITS}; ` +
  `text tasks are glue/<TASK> with TASK one of ${GLUE_TASK_NAMES.map((t) => GLUE_TASKS[t].title).join(", ")}, ` +
  `${MULTI_LABEL_DATASETS.join(", ")}, ${GENERATION_DATASETS.join(", ")}`;

/**
 * Parses a task name; throws an Error naming the value and every valid form. Text task names are
 * case-insensitive (`glue/rte`, `GLUE/sst-2`, `glue/sst2`, `WikiText-2`); arithmetic is `op:digits`.
 */
export function parseTaskName(name: string): TaskRef {
  const trimmed = name.trim();
  const lower = trimmed.toLowerCase();
  const m = /^([a-z]+):(\d+)$/.exec(trimmed);
  if (m) {
    const op = m[1] as ArithmeticOp;
    if (ARITHMETIC_OPS.includes(op)) {
      const digits = Number(m[2]);
      if (digits < MIN_DIGITS || digits > MAX_DIGITS) throw new Error(`task "${name}": digits ${digits} out of range; ${TASK_NAME_HELP}`);
      return { kind: "arithmetic", name: `${op}:${digits}`, op, digits };
    }
  }
  if (lower.startsWith("glue/")) {
    let glue: GlueTaskName;
    try {
      glue = parseGlueTaskName(trimmed);
    } catch {
      throw new Error(`unknown task "${name}"; ${TASK_NAME_HELP}`);
    }
    return { kind: "glue", name: `glue/${GLUE_TASKS[glue].title}`, glue };
  }
  const multi = MULTI_LABEL_DATASETS.find((d) => d === lower);
  if (multi) return { kind: "multi-label", name: multi, dataset: multi };
  const generation = GENERATION_DATASETS.find((d) => d === lower);
  if (generation) return { kind: "generation", name: generation, dataset: generation };
  throw new Error(`unknown task "${name}"; ${TASK_NAME_HELP}`);
}

export function isTextTask(ref: TaskRef): ref is TextTaskRef {
  return ref.kind !== "arithmetic";
}
