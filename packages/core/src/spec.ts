/**
 * Run and experiment specs: the one contract the CLI, the GraphQL API and the worker validate against.
 * A RunSpec is everything one training run needs; an ExperimentSpec expands into RunSpecs over
 * strategies × seeds × optional lr/batchSize grid. Objects are strict so a misspelt field is an error,
 * not a silently ignored default. Parsing an output again returns it unchanged, so stored specs re-validate.
 */
import { z } from "zod";
import { STRATEGIES } from "./ordering";
import { MODEL_PRESETS, PRESET_NAMES, type ModelShape } from "./presets";
import { ESTIMATORS } from "./mi";
import { parseTaskName } from "./tasks";
import { TextOptionsSchema, textSpecIssues, withTextDefaults } from "./text-spec";

export const ESTIMATOR_NAMES = ESTIMATORS;
export type EstimatorName = (typeof ESTIMATOR_NAMES)[number];

/** rng.ts hashes a seed as a 32-bit integer, so a larger seed would alias a smaller one. */
export const MAX_SEED = 0xffff_ffff;
export const MAX_STEPS = 10_000_000;

/** Message of a missing required field; formatSpecError renders it as "<field> is required". */
const MISSING = "required";
const required = { error: (issue: { input?: unknown }) => (issue.input === undefined ? MISSING : undefined) };

const seed = z.int().min(0).max(MAX_SEED);
const lr = z.number().gt(0).max(1);
const batchSize = z.int().min(1).max(4096);

/** A task name, stored in its canonical spelling (`glue/rte` → `glue/RTE`), so runs group by task. */
const task = z
  .string(required)
  .trim()
  .transform((name, ctx) => {
    try {
      return parseTaskName(name).name;
    } catch (e) {
      ctx.addIssue({ code: "custom", message: e instanceof Error ? e.message : String(e) });
      return z.NEVER;
    }
  });

const DataSchema = z
  .strictObject({
    /**
     * Training examples wanted; fewer when the task has fewer distinct operand pairs. Text tasks keep a
     * seeded sample of at most this many training records (wikitext-2: sentences).
     */
    trainSize: z.int().min(1).max(1_000_000).default(8000),
    /** Test examples; text tasks: at most this many records of each evaluation split (wikitext-2: test sentences). */
    testSize: z.int().min(1).max(100_000).default(1000),
    /** Shared by every run of an experiment so all strategies see the same examples (and text samples and splits). */
    dataSeed: seed.default(0),
  })
  .prefault({});

const ModelSchema = z
  .strictObject({
    preset: z.enum(PRESET_NAMES).default("nanogpt"),
    /** Overrides of the preset's shape. */
    nLayer: z.int().min(1).max(48).optional(),
    nHead: z.int().min(1).max(64).optional(),
    nEmbd: z.int().min(1).max(4096).optional(),
    dropout: z.number().min(0).max(0.9).default(0),
  })
  .superRefine((model, ctx) => {
    const { nHead, nEmbd } = resolveModelShape(model);
    if (nEmbd % nHead === 0) return;
    const origin = (field: "nHead" | "nEmbd") => (model[field] === undefined ? `, from preset ${model.preset}` : "");
    ctx.addIssue({
      code: "custom",
      path: [model.nEmbd !== undefined ? "nEmbd" : "nHead"],
      message: `model.nEmbd (${nEmbd}${origin("nEmbd")}) must be divisible by model.nHead (${nHead}${origin("nHead")})`,
    });
  })
  .prefault({});

const BudgetSchema = z
  .strictObject({
    steps: z.int().min(1).max(MAX_STEPS).optional(),
    /** Tokens fed to the model, B·T per step (see tokensPerStep). */
    tokens: z.int().min(1).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.steps !== undefined && b.tokens !== undefined) {
      ctx.addIssue({ code: "custom", message: "budget must set exactly one of budget.steps or budget.tokens, not both" });
    } else if (b.steps === undefined && b.tokens === undefined) {
      ctx.addIssue({ code: "custom", message: "budget must set one of budget.steps or budget.tokens" });
    }
  })
  .transform((b): { steps: number } | { tokens: number } => (b.steps !== undefined ? { steps: b.steps } : { tokens: b.tokens as number }))
  .prefault({ steps: 2000 });

/** AdamW as in nanoGPT's configure_optimizers. */
const OptimizerSchema = z
  .strictObject({
    lr: lr.default(1e-3),
    weightDecay: z.number().min(0).max(1).default(0.1),
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.99),
    /** Maximum global gradient L2 norm. */
    gradClip: z.number().gt(0).default(1),
  })
  .prefault({});

/** Linear warmup to optimizer.lr, then cosine decay to optimizer.lr · minLrRatio at the last step. */
const ScheduleSchema = z
  .strictObject({
    warmupSteps: z.int().min(0).max(MAX_STEPS).default(100),
    minLrRatio: z.number().min(0).max(1).default(0.1),
  })
  .prefault({});

/** Fields a run and an experiment share, at the same paths, so errors read the same in both. */
const sharedShape = {
  task,
  data: DataSchema,
  model: ModelSchema,
  estimator: z.enum(ESTIMATOR_NAMES).default("plugin-joint-k"),
  /** Input positions in the joint of plugin-joint-k. */
  miK: z.int().min(1).max(4).default(2),
  budget: BudgetSchema,
  batchSize: batchSize.default(64),
  optimizer: OptimizerSchema,
  schedule: ScheduleSchema,
  evalInterval: z.int().min(1).default(100),
  /**
   * Test examples decoded per evaluation; the whole test split when it is smaller. wikitext-2 scores
   * every test window instead (a prefix would cover different text under different strategies).
   */
  evalSize: z.int().min(1).max(100_000).default(500),
  checkpointInterval: z.int().min(1).default(500),
  /** Text task options (text-spec.ts); absent for arithmetic, defaults of the task's family filled in otherwise. */
  text: TextOptionsSchema.optional(),
};

/** Cross-field rules of text specs (text-spec.ts), then the text block's defaults. */
function textRules<T extends { task: string; text?: z.output<typeof TextOptionsSchema> | undefined }>(spec: T, ctx: z.RefinementCtx): void {
  for (const issue of textSpecIssues(spec)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
}
function textDefaults<T extends { task: string; text?: z.output<typeof TextOptionsSchema> | undefined }>(spec: T): T {
  const text = withTextDefaults(spec.task, spec.text);
  if (text === undefined) return spec;
  return { ...spec, text };
}

export const RunSpecSchema = z
  .strictObject({
    ...sharedShape,
    strategy: z.enum(STRATEGIES).default("plain"),
    seed: seed.default(0),
  })
  .superRefine(textRules)
  .transform(textDefaults);

function distinct(field: string) {
  return (items: readonly unknown[], ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    items.forEach((item, i) => {
      if (seen.has(item)) ctx.addIssue({ code: "custom", path: [i], message: `${field} lists ${JSON.stringify(item)} more than once` });
      seen.add(item);
    });
  };
}

/** A count n means seeds 0…n−1; the output is always the list. */
const SeedsSchema = z
  .union([z.int().min(1).max(100), z.array(seed).min(1).max(100).superRefine(distinct("seeds"))], {
    error: (issue) => (issue.input === undefined ? MISSING : "seeds must be a count from 1 to 100 or a list of distinct non-negative integer seeds"),
  })
  .transform((s) => (typeof s === "number" ? Array.from({ length: s }, (_, i) => i) : s));

/** Values swept per run; a grid axis replaces optimizer.lr or batchSize. */
const GridSchema = z.strictObject({
  lr: z.array(lr).min(1).max(10).superRefine(distinct("grid.lr")).optional(),
  batchSize: z.array(batchSize).min(1).max(10).superRefine(distinct("grid.batchSize")).optional(),
});

export const ExperimentSpecSchema = z
  .strictObject({
    name: z.string(required).trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
    ...sharedShape,
    strategies: z.array(z.enum(STRATEGIES), required).min(1).superRefine(distinct("strategies")),
    seeds: SeedsSchema,
    grid: GridSchema.optional(),
  })
  .superRefine(textRules)
  .transform(textDefaults);

export type RunSpec = z.output<typeof RunSpecSchema>;
export type RunSpecInput = z.input<typeof RunSpecSchema>;
export type ExperimentSpec = z.output<typeof ExperimentSpecSchema>;
export type ExperimentSpecInput = z.input<typeof ExperimentSpecSchema>;
export type DataSpec = z.output<typeof DataSchema>;
export type ModelSpec = z.output<typeof ModelSchema>;
export type Budget = z.output<typeof BudgetSchema>;
export type OptimizerSpec = z.output<typeof OptimizerSchema>;
export type ScheduleSpec = z.output<typeof ScheduleSchema>;
export type { TextOptions } from "./text-spec";

/** The preset's shape with the spec's overrides applied. */
export function resolveModelShape(model: Pick<ModelSpec, "preset" | "nLayer" | "nHead" | "nEmbd">): ModelShape {
  const base = MODEL_PRESETS[model.preset];
  return { nLayer: model.nLayer ?? base.nLayer, nHead: model.nHead ?? base.nHead, nEmbd: model.nEmbd ?? base.nEmbd };
}

/** Tokens fed to the model per optimizer step, B·T (nanoGPT's tokens_per_iter, one process). */
export function tokensPerStep(spec: Pick<RunSpec, "batchSize">, blockSize: number): number {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`blockSize must be a positive integer, got ${blockSize}`);
  return spec.batchSize * blockSize;
}

/** Optimizer steps a budget buys; a token budget rounds up so at least `tokens` are seen. */
export function stepsForBudget(spec: Pick<RunSpec, "budget" | "batchSize">, blockSize: number): number {
  const perStep = tokensPerStep(spec, blockSize);
  if ("steps" in spec.budget) return spec.budget.steps;
  const steps = Math.ceil(spec.budget.tokens / perStep);
  if (steps > MAX_STEPS) {
    throw new RangeError(`budget.tokens ${spec.budget.tokens} at ${perStep} tokens per step is ${steps} steps, more than the limit of ${MAX_STEPS}`);
  }
  return steps;
}

export class GridTooLargeError extends Error {
  override readonly name = "GridTooLargeError";
  /** The run grid as a whole (strategies × seeds × grid), for extensions.field. */
  readonly field = "grid";
  readonly size: number;
  readonly limit: number;

  constructor(size: number, limit: number, axes: string) {
    super(`experiment expands to ${axes} = ${size} runs, more than the limit of ${limit}; use fewer strategies, seeds or grid values`);
    this.size = size;
    this.limit = limit;
  }
}

function gridAxes(spec: ExperimentSpec) {
  return {
    strategies: spec.strategies,
    seeds: spec.seeds,
    lr: spec.grid?.lr ?? [spec.optimizer.lr],
    batchSize: spec.grid?.batchSize ?? [spec.batchSize],
  };
}

/** Number of runs expandGrid would create. */
export function gridSize(spec: ExperimentSpec): number {
  return Object.values(gridAxes(spec)).reduce((n, values) => n * values.length, 1);
}

/**
 * One RunSpec per seed × lr × batchSize × strategy, strategy varying fastest: runs are queued in this
 * order, so a partly finished experiment already compares every strategy on the first seeds.
 */
export function expandGrid(spec: ExperimentSpec, options: { maxRuns: number }): RunSpec[] {
  const { maxRuns } = options;
  if (!Number.isInteger(maxRuns) || maxRuns < 1) throw new RangeError(`maxRuns must be a positive integer, got ${maxRuns}`);
  const axes = gridAxes(spec);
  const size = gridSize(spec);
  if (size > maxRuns) {
    const parts = Object.entries(axes)
      .filter(([name, values]) => values.length > 1 || name === "strategies" || name === "seeds")
      .map(([name, values]) => `${values.length} ${name}`);
    throw new GridTooLargeError(size, maxRuns, parts.join(" × "));
  }
  const { name: _name, description: _description, tags: _tags, strategies: _strategies, seeds: _seeds, grid: _grid, ...shared } = spec;
  const runs: RunSpec[] = [];
  for (const runSeed of axes.seeds) {
    for (const runLr of axes.lr) {
      for (const runBatchSize of axes.batchSize) {
        for (const strategy of axes.strategies) {
          runs.push({
            ...shared,
            data: { ...shared.data },
            model: { ...shared.model },
            budget: { ...shared.budget },
            optimizer: { ...shared.optimizer, lr: runLr },
            schedule: { ...shared.schedule },
            ...(shared.text ? { text: { ...shared.text } } : {}),
            batchSize: runBatchSize,
            strategy,
            seed: runSeed,
          });
        }
      }
    }
  }
  return runs;
}

/** One validation problem: a dotted field path and a message that names the field and the limit. */
export interface SpecError {
  field: string;
  message: string;
}

/** Zod issues → one SpecError each (one per key for unknown keys); messages are built from the issue data. */
export function formatSpecError(error: z.ZodError): SpecError[] {
  return error.issues.flatMap((issue): SpecError[] => {
    const field = issue.path.map(String).join(".") || "spec";
    if (issue.message === MISSING) return [{ field, message: `${field} is required` }];
    switch (issue.code) {
      case "too_big":
        return [{ field, message: `${field} ${bound(issue.origin, "most", Number(issue.maximum), issue.inclusive ?? true)}` }];
      case "too_small":
        return [{ field, message: `${field} ${bound(issue.origin, "least", Number(issue.minimum), issue.inclusive ?? true)}` }];
      case "invalid_type":
        return [{ field, message: `${field} must be ${TYPE_NAMES[issue.expected] ?? issue.expected}` }];
      case "invalid_value":
        return [{ field, message: `${field} must be one of ${issue.values.map(String).join(", ")}` }];
      case "not_multiple_of":
        return [{ field, message: `${field} must be a multiple of ${Number(issue.divisor)}` }];
      case "unrecognized_keys":
        return issue.keys.map((key) => {
          const keyField = [...issue.path.map(String), key].join(".");
          return { field: keyField, message: `${keyField} is not a known field` };
        });
      case "custom":
      case "invalid_union":
        // Written in full, naming the field, where the issue is raised in this file.
        return [{ field, message: issue.message }];
      default:
        return [{ field, message: `${field}: ${issue.message}` }];
    }
  });
}

const TYPE_NAMES: Record<string, string> = {
  int: "an integer",
  number: "a finite number",
  string: "a string",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

function bound(origin: string, side: "most" | "least", limit: number, inclusive: boolean): string {
  if (origin === "array" || origin === "set") return `must have at ${side} ${limit} item${limit === 1 ? "" : "s"}`;
  if (origin === "string") {
    if (side === "least" && limit === 1) return "must not be empty";
    return `must be at ${side} ${limit} character${limit === 1 ? "" : "s"} long`;
  }
  if (inclusive) return `must be at ${side} ${limit}`;
  return side === "most" ? `must be less than ${limit}` : `must be greater than ${limit}`;
}
