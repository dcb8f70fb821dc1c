import { InvalidArgumentError, Option, type Command } from "commander";
import { PRESET_NAMES } from "@orderbench/core/presets";
import { ESTIMATOR_NAMES, RunSpecSchema, formatSpecError, type RunSpec } from "@orderbench/core/spec";
import { BACKENDS, isBackend, type BackendName } from "@orderbench/engine/backend";
import { UsageError } from "./usage-error";

/** Options shared by `train` and `compare`: everything in a RunSpec except strategy and seed. */
export function addSpecOptions(cmd: Command): Command {
  return cmd
    .requiredOption("--task <name>", "task, e.g. add:3 or mul:2")
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
    .addOption(new Option("--backend <name>", `tfjs backend: ${BACKENDS.join(", ")}`));
}

export interface SpecOptions {
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
  });
}

/** Validates with the shared schema; the first error becomes the one-line usage error. */
export function parseRunSpec(input: Record<string, unknown>): RunSpec {
  const r = RunSpecSchema.safeParse(input);
  if (!r.success) {
    const [first] = formatSpecError(r.error);
    throw new UsageError(first ? cliWording(first.message) : "invalid run specification");
  }
  return r.data;
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
