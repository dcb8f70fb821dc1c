/**
 * The `text` block of a run or experiment spec: options that only text tasks have (docs/method.md,
 * "Running text tasks"). Every field is optional on input; parsing fills the defaults of the task's
 * family only, so a stored GLUE spec carries `sourceLength` and `keywordPrefix` and a WikiText spec
 * carries `blockSize`, `scorer`, `augment`, `testFraction` and `corpusSplit`, and a field of the other
 * family is an error naming it. Arithmetic specs have no `text` block at all.
 */
import { z } from "zod";
import { STRATEGIES } from "./ordering";
import { GENERATION_STRATEGIES } from "./text/generation";
import { KEYWORD_SCORERS } from "./text/keywords";
import { isTextTask, parseTaskName, type TaskRef } from "./tasks/task-ref";

export const TEXT_TOKENIZERS = ["word", "gpt2-bpe"] as const;
export type TextTokenizerName = (typeof TEXT_TOKENIZERS)[number];
/** WikiText-2 splits a generation run can read its sentences from (it splits them into train and test itself). */
export const CORPUS_SPLITS = ["train", "valid", "test"] as const;

/** The model preset the GPT-2 BPE tokenizer is allowed with: its 50,261-token embedding dwarfs smaller models. */
export const GPT2_BPE_PRESET = "gpt2-small";

export const TEXT_DEFAULTS = {
  tokenizer: "word",
  maxVocab: 8192,
  sourceLength: 64,
  keywordPrefix: false,
  blockSize: 64,
  scorer: "tfidf",
  augment: 0,
  testFraction: 0.1,
  corpusSplit: "valid",
} as const;

export const TextOptionsSchema = z.strictObject({
  /** `word`: a vocabulary from the training split (core/text/word-tokenizer.ts); `gpt2-bpe`: GPT-2's, with model.preset gpt2-small only. */
  tokenizer: z.enum(TEXT_TOKENIZERS).optional(),
  /** Largest word vocabulary, the four specials included (word tokenizer only); rarer training words become `<unk>`. */
  maxVocab: z.int().min(16).max(100_000).optional(),
  /** Classification: input tokens per example (the target follows). */
  sourceLength: z.int().min(1).max(1024).optional(),
  /** GLUE: prefix each input with its token of highest MI with the label and a separator. */
  keywordPrefix: z.boolean().optional(),
  /** Generation: tokens per language-modelling window, the model's block size. */
  blockSize: z.int().min(4).max(1024).optional(),
  /** Generation: keyword score that max-mi / min-mi rank a sentence's tokens by. */
  scorer: z.enum(KEYWORD_SCORERS).optional(),
  /** Generation: extra training passes, pass c with each sentence's next-best keywords. */
  augment: z.int().min(0).max(8).optional(),
  /** Generation: share of the corpus split's sentences held out for evaluation. */
  testFraction: z.number().gt(0).max(0.5).optional(),
  /** Generation: the WikiText-2 split whose sentences are split into training and test sentences. */
  corpusSplit: z.enum(CORPUS_SPLITS).optional(),
});

export type TextOptions = z.output<typeof TextOptionsSchema>;

const CLASSIFICATION_FIELDS = ["sourceLength", "keywordPrefix"] as const;
const GENERATION_FIELDS = ["blockSize", "scorer", "augment", "testFraction", "corpusSplit"] as const;

/** What the spec-level check needs: the fields as parsed, possibly invalid (their own issues are reported apart). */
interface TextCheckInput {
  task: unknown;
  text?: TextOptions | undefined;
  model?: { preset?: unknown } | undefined;
  /** The run's strategy, or an experiment's strategies. */
  strategy?: unknown;
  strategies?: unknown;
}

export interface TextIssue {
  path: (string | number)[];
  message: string;
}

function refOf(task: unknown): TaskRef | null {
  if (typeof task !== "string") return null;
  try {
    return parseTaskName(task);
  } catch {
    return null;
  }
}

/**
 * Cross-field rules of text specs: the block only for text tasks, each field only for its family,
 * gpt2-bpe only with gpt2-small, a keyword prefix only with room for it, and generation only with the
 * strategies it defines. An invalid task name yields nothing here (the task field reports it).
 */
export function textSpecIssues(spec: TextCheckInput): TextIssue[] {
  const ref = refOf(spec.task);
  if (!ref) return [];
  const issues: TextIssue[] = [];
  const text = spec.text;
  if (!isTextTask(ref)) {
    if (text !== undefined) {
      issues.push({ path: ["text"], message: `text applies to text tasks only (glue/<TASK>, toxic, goemotions, wikitext-2); ${ref.name} is an arithmetic task` });
    }
    return issues;
  }
  if (ref.kind === "generation") {
    for (const f of CLASSIFICATION_FIELDS) {
      if (text?.[f] !== undefined) issues.push({ path: ["text", f], message: `text.${f} applies to classification tasks (glue/<TASK>, toxic, goemotions); ${ref.name} windows are text.blockSize tokens` });
    }
    // A name that is no strategy at all is reported by the strategy field itself.
    const bad = (s: unknown): boolean =>
      typeof s === "string" && (STRATEGIES as readonly string[]).includes(s) && !(GENERATION_STRATEGIES as readonly string[]).includes(s);
    const valid = `valid for ${ref.name}: ${GENERATION_STRATEGIES.join(", ")} (the strategy chooses which keyword is inserted before each sentence)`;
    if (bad(spec.strategy)) issues.push({ path: ["strategy"], message: `strategy "${String(spec.strategy)}" does not apply to ${ref.name}; ${valid}` });
    if (Array.isArray(spec.strategies)) {
      spec.strategies.forEach((s, i) => {
        if (bad(s)) issues.push({ path: ["strategies", i], message: `strategies lists "${String(s)}", which does not apply to ${ref.name}; ${valid}` });
      });
    }
  } else {
    for (const f of GENERATION_FIELDS) {
      if (text?.[f] !== undefined) issues.push({ path: ["text", f], message: `text.${f} applies to wikitext-2 only; ${ref.name} is a classification task` });
    }
    if (ref.kind !== "glue" && text?.keywordPrefix !== undefined) {
      issues.push({ path: ["text", "keywordPrefix"], message: `text.keywordPrefix applies to GLUE tasks only; ${ref.name} is multi-label` });
    }
    const sourceLength = text?.sourceLength ?? TEXT_DEFAULTS.sourceLength;
    if (text?.keywordPrefix === true && typeof sourceLength === "number" && sourceLength < 3) {
      issues.push({ path: ["text", "sourceLength"], message: `text.sourceLength must be at least 3 with text.keywordPrefix (the keyword and its separator take 2 positions), got ${sourceLength}` });
    }
  }
  if (text?.tokenizer === "gpt2-bpe") {
    const preset = spec.model?.preset ?? "nanogpt";
    if (preset !== GPT2_BPE_PRESET) {
      issues.push({
        path: ["text", "tokenizer"],
        message: `text.tokenizer gpt2-bpe needs model.preset ${GPT2_BPE_PRESET} (its 50,261-token embedding would be most of a ${String(preset)} model); use text.tokenizer word`,
      });
    }
    if (text.maxVocab !== undefined) issues.push({ path: ["text", "maxVocab"], message: "text.maxVocab applies to the word tokenizer; gpt2-bpe has GPT-2's fixed vocabulary" });
  }
  return issues;
}

/**
 * The text block with the defaults of the task's family filled in; undefined for arithmetic. Applied
 * to its own output it returns an equal object, so stored specs re-validate unchanged.
 */
export function withTextDefaults(task: string, text: TextOptions | undefined): TextOptions | undefined {
  const ref = refOf(task);
  if (!ref || !isTextTask(ref)) return text;
  const tokenizer = text?.tokenizer ?? TEXT_DEFAULTS.tokenizer;
  const out: TextOptions = { tokenizer };
  if (tokenizer === "word") out.maxVocab = text?.maxVocab ?? TEXT_DEFAULTS.maxVocab;
  if (ref.kind === "generation") {
    out.blockSize = text?.blockSize ?? TEXT_DEFAULTS.blockSize;
    out.scorer = text?.scorer ?? TEXT_DEFAULTS.scorer;
    out.augment = text?.augment ?? TEXT_DEFAULTS.augment;
    out.testFraction = text?.testFraction ?? TEXT_DEFAULTS.testFraction;
    out.corpusSplit = text?.corpusSplit ?? TEXT_DEFAULTS.corpusSplit;
  } else {
    out.sourceLength = text?.sourceLength ?? TEXT_DEFAULTS.sourceLength;
    if (ref.kind === "glue") out.keywordPrefix = text?.keywordPrefix ?? TEXT_DEFAULTS.keywordPrefix;
  }
  return out;
}

/** Classification options of a parsed spec, every field resolved. */
export function classificationOptions(text: TextOptions | undefined) {
  return {
    tokenizer: text?.tokenizer ?? TEXT_DEFAULTS.tokenizer,
    maxVocab: text?.maxVocab ?? TEXT_DEFAULTS.maxVocab,
    sourceLength: text?.sourceLength ?? TEXT_DEFAULTS.sourceLength,
    keywordPrefix: text?.keywordPrefix ?? TEXT_DEFAULTS.keywordPrefix,
  };
}

/** Generation options of a parsed spec, every field resolved. */
export function generationOptions(text: TextOptions | undefined) {
  return {
    tokenizer: text?.tokenizer ?? TEXT_DEFAULTS.tokenizer,
    maxVocab: text?.maxVocab ?? TEXT_DEFAULTS.maxVocab,
    blockSize: text?.blockSize ?? TEXT_DEFAULTS.blockSize,
    scorer: text?.scorer ?? TEXT_DEFAULTS.scorer,
    augment: text?.augment ?? TEXT_DEFAULTS.augment,
    testFraction: text?.testFraction ?? TEXT_DEFAULTS.testFraction,
    corpusSplit: text?.corpusSplit ?? TEXT_DEFAULTS.corpusSplit,
  };
}
