import { InvalidArgumentError, Option, type Command } from "commander";
import { PRESET_NAMES } from "@orderbench/core/presets";
import { ESTIMATOR_NAMES, RunSpecSchema, formatSpecError, type RunSpec } from "@orderbench/core/spec";
import { parseTaskName } from "@orderbench/core/tasks";
import { CORPUS_SPLITS, TEXT_TOKENIZERS } from "@orderbench/core/text-spec";
import { KEYWORD_SCORERS } from "@orderbench/core/text/keywords";
import { resolveDataDir, type DataDir } from "@orderbench/data/data-dir";
import { BACKENDS, isBackend, type BackendName } from "@orderbench/engine/backend";
import type { Env } from "./env";
import { UsageError } from "./usage-error";

/** Options shared by `train` and `compare`: everything in a RunSpec except strategy and seed. */
export function addSpecOptions(cmd: Command): Command {
  return addTextOptions(cmd
    .requiredOption("--task <name>", "task: add:N, sub:N, mul:N, glue/<TASK> (e.g. glue/RTE), toxic, goemotions, wikitext-2")
    .option("--preset <name>", `model preset: ${PRESET_NAMES.join(", ")}`)
    .option("--steps <n>", "training steps (default 2000)", num("--steps"))
    .option("--tokens <n>", "training budget in tokens instead of steps", num("--tokens"))
    .option("--batch-size <n>", "examples per step", num("--batch-size"))
    .option("--lr <x>", "peak learning rate", num("--lr"))
    .option("--warmup <n>", "warmup steps", num("--warmup"))
    .option("--eval-interval <n>", "evaluate every n steps", num("--eval-interval"))
    .option("--eval-size <n>", "test examples decoded per evaluation", num("--eval-size"))
    .option("--train-size <n>", "training examples", num("--train-size"))
    .option("--test-size <n>", "test examples", num("--test-size"))
    .option("--data-seed <n>", "seed of the dataset and of the `random` order", num("--data-seed"))
    .option("--estimator <name>", `MI estimator: ${ESTIMATOR_NAMES.join(", ")}`)
    .option("--mi-k <n>", "source positions joined by plugin-joint-k", num("--mi-k"))
    .option("--n-layer <n>", "override the preset's layers", num("--n-layer"))
    .option("--n-head <n>", "override the preset's heads", num("--n-head"))
    .option("--n-embd <n>", "override the preset's width", num("--n-embd"))
    .option("--checkpoint-interval <n>", "checkpoint every n steps", num("--checkpoint-interval"))
    .addOption(new Option("--backend <name>", `tfjs backend: ${BACKENDS.join(", ")}`)));
}

/** Text task options (RunSpec.text, core/text-spec.ts) and the data directory; `mi` takes them too. */
export function addTextOptions(cmd: Command): Command {
  return cmd
    .option("--data-dir <dir>", "text tasks: the folder that holds the datasets (default: ORDERBENCH_DATA_DIR)")
    .option("--tokenizer <name>", `text tasks: ${TEXT_TOKENIZERS.join(" or ")} (gpt2-bpe with --preset gpt2-small only)`)
    .option("--max-vocab <n>", "text tasks, word tokenizer: largest vocabulary (default 8192)", num("--max-vocab"))
    .option("--source-length <n>", "classification: input tokens per example (default 64)", num("--source-length"))
    .option("--keyword-prefix", "GLUE: prefix each input with its word of highest MI with the label")
    .option("--block-size <n>", "wikitext-2: tokens per window (default 64)", num("--block-size"))
    .option("--scorer <name>", `wikitext-2: keyword score, ${KEYWORD_SCORERS.join(" or ")} (default tfidf)`)
    .option("--augment <n>", "wikitext-2: extra training passes with next-best keywords (default 0)", num("--augment"))
    .option("--test-fraction <x>", "wikitext-2: share of sentences held out for evaluation (default 0.1)", num("--test-fraction"))
    .option("--corpus-split <name>", `wikitext-2: the split whose sentences are used, ${CORPUS_SPLITS.join(", ")} (default valid)`);
}

export interface TextFlags {
  dataDir?: string;
  tokenizer?: string;
  maxVocab?: number;
  sourceLength?: number;
  keywordPrefix?: boolean;
  blockSize?: number;
  scorer?: string;
  augment?: number;
  testFraction?: number;
  corpusSplit?: string;
}

/** The text block these flags describe; undefined when none is given. */
export function textInput(o: TextFlags): Record<string, unknown> | undefined {
  const text = prune({
    tokenizer: o.tokenizer,
    maxVocab: o.maxVocab,
    sourceLength: o.sourceLength,
    keywordPrefix: o.keywordPrefix,
    blockSize: o.blockSize,
    scorer: o.scorer,
    augment: o.augment,
    testFraction: o.testFraction,
    corpusSplit: o.corpusSplit,
  });
  return Object.keys(text).length > 0 ? text : undefined;
}

/**
 * The data directory of a text task (`--data-dir`, else ORDERBENCH_DATA_DIR; relative paths from where
 * the user typed the command); undefined for arithmetic, which needs none.
 */
export function dataDirFor(task: string, o: Pick<TextFlags, "dataDir">, env: Env): DataDir | undefined {
  if (parseTaskName(task).kind === "arithmetic") return undefined;
  try {
    return resolveDataDir({ dir: o.dataDir, dirSource: "--data-dir", env: { ORDERBENCH_DATA_DIR: env.ORDERBENCH_DATA_DIR }, base: env.INIT_CWD });
  } catch (err) {
    throw new UsageError(`${task} reads its dataset from a data directory: ${(err as Error).message}`);
  }
}

export interface SpecOptions extends TextFlags {
  task: string;
  preset?: string;
  steps?: number;
  tokens?: number;
  batchSize?: number;
  lr?: number;
  warmup?: number;
  evalInterval?: number;
  evalSize?: number;
  trainSize?: number;
  testSize?: number;
  dataSeed?: number;
  estimator?: string;
  miK?: number;
  nLayer?: number;
  nHead?: number;
  nEmbd?: number;
  checkpointInterval?: number;
  backend?: string;
}

/** The RunSpec input these options describe (undefined fields take the schema's defaults). */
export function specInput(o: SpecOptions, strategy: string, seed: number): Record<string, unknown> {
  const budget = o.steps === undefined && o.tokens === undefined ? undefined : { steps: o.steps, tokens: o.tokens };
  return prune({
    task: o.task,
    strategy,
    seed,
    estimator: o.estimator,
    miK: o.miK,
    data: { trainSize: o.trainSize, testSize: o.testSize, dataSeed: o.dataSeed },
    model: { preset: o.preset, nLayer: o.nLayer, nHead: o.nHead, nEmbd: o.nEmbd },
    budget,
    batchSize: o.batchSize,
    optimizer: { lr: o.lr },
    schedule: { warmupSteps: o.warmup },
    evalInterval: o.evalInterval,
    evalSize: o.evalSize,
    checkpointInterval: o.checkpointInterval,
    text: textInput(o),
  });
}

/** Validates with the shared schema; the first error becomes the one-line usage error. */
export function parseRunSpec(input: Record<string, unknown>): RunSpec {
  textFlagsOnArithmetic(input);
  const r = RunSpecSchema.safeParse(input);
  if (!r.success) {
    const [first] = formatSpecError(r.error);
    throw new UsageError(first ? cliWording(first.message) : "invalid run specification");
  }
  return r.data;
}

/** The spec's message for a text block on an arithmetic task names no flag; this one names those given. */
function textFlagsOnArithmetic(input: Record<string, unknown>): void {
  const text = input.text as Record<string, unknown> | undefined;
  if (text === undefined || typeof input.task !== "string") return;
  let kind: string;
  try {
    kind = parseTaskName(input.task).kind;
  } catch {
    return; // the task's own message follows
  }
  if (kind !== "arithmetic") return;
  const flags = Object.keys(text).map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  throw new UsageError(`${flags.join(", ")} ${flags.length === 1 ? "applies" : "apply"} to text tasks only (glue/<TASK>, toxic, goemotions, wikitext-2); ${input.task.trim()} is an arithmetic task`);
}

export function parseBackend(name: string | undefined, fallback: BackendName): BackendName {
  const b = name ?? fallback;
  if (!isBackend(b)) throw new UsageError(`unknown backend "${b}"; valid: ${BACKENDS.join(", ")}`);
  return b;
}

/** Schema field paths -> the flags a CLI user typed. */
const FLAGS: [RegExp, string][] = [
  [/^budget\.steps\b/, "--steps"],
  [/^budget\.tokens\b/, "--tokens"],
  [/^budget\b/, "--steps/--tokens"],
  [/^batchSize\b/, "--batch-size"],
  [/^optimizer\.lr\b/, "--lr"],
  [/^schedule\.warmupSteps\b/, "--warmup"],
  [/^evalInterval\b/, "--eval-interval"],
  [/^evalSize\b/, "--eval-size"],
  [/^data\.trainSize\b/, "--train-size"],
  [/^data\.testSize\b/, "--test-size"],
  [/^data\.dataSeed\b/, "--data-seed"],
  [/^model\.preset\b/, "--preset"],
  [/^model\.nLayer\b/, "--n-layer"],
  [/^model\.nHead\b/, "--n-head"],
  [/^model\.nEmbd\b/, "--n-embd"],
  [/^miK\b/, "--mi-k"],
  [/^checkpointInterval\b/, "--checkpoint-interval"],
  [/^strategy\b/, "--strategy"],
  [/^estimator\b/, "--estimator"],
  [/^seed\b/, "--seed"],
  [/^task\b/, "--task"],
  [/^text\.tokenizer\b/, "--tokenizer"],
  [/^text\.maxVocab\b/, "--max-vocab"],
  [/^text\.sourceLength\b/, "--source-length"],
  [/^text\.keywordPrefix\b/, "--keyword-prefix"],
  [/^text\.blockSize\b/, "--block-size"],
  [/^text\.scorer\b/, "--scorer"],
  [/^text\.augment\b/, "--augment"],
  [/^text\.testFraction\b/, "--test-fraction"],
  [/^text\.corpusSplit\b/, "--corpus-split"],
];

/** Rewrites every schema path in a message (the leading one and any it mentions) as its flag. */
function cliWording(message: string): string {
  return message
    .split(" ")
    .map((word, i) => {
      if (i > 0 && !word.includes(".")) return word;
      for (const [re, flag] of FLAGS) if (re.test(word)) return word.replace(re, flag);
      return word;
    })
    .join(" ");
}

/** `--thresholds 0.6,0.8` → [0.6, 0.8]; undefined when not given. */
export function parseThresholds(list: string | undefined): number[] | undefined {
  if (list === undefined) return undefined;
  const values = list.split(",").map((x) => x.trim()).filter(Boolean);
  const parsed = values.map(Number);
  const bad = values.find((x, i) => !Number.isFinite(parsed[i]));
  if (bad !== undefined) throw new UsageError(`--thresholds must be comma-separated numbers, got "${bad}"`);
  if (parsed.length > 10) throw new UsageError(`--thresholds has ${parsed.length} values, more than the limit of 10`);
  return parsed;
}

export function num(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError(`${flag} must be a number.`);
    return n;
  };
}

function prune(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const inner = prune(v as Record<string, unknown>);
      if (Object.keys(inner).length > 0) out[k] = inner;
    } else out[k] = v;
  }
  return out;
}
