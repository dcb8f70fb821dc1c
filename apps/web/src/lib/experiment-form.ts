import { parseTaskName } from "@orderbench/core/tasks";

/**
 * The new-experiment form as data: its values, the ExperimentSpec JSON it sends, and where the API's
 * BAD_USER_INPUT errors (extensions.field, a path into the spec) are shown. The API validates the spec with
 * core's zod schema; the form does not second-guess it, so every message the user sees is the API's.
 */
export const FORM_FIELDS = [
  "name",
  "task",
  "preset",
  "strategies",
  "estimator",
  "seeds",
  "steps",
  "batchSize",
  "lr",
  "nLayer",
  "nHead",
  "nEmbd",
  "evalInterval",
  "trainSize",
  "testSize",
  "tags",
  "notes",
  // The spec's `text` block (core/text-spec.ts), for text tasks only.
  "tokenizer",
  "maxVocab",
  "sourceLength",
  "keywordPrefix",
  "blockSize",
  "scorer",
  "augment",
  "testFraction",
  "corpusSplit",
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export type FormValues = Record<Exclude<FormField, "strategies">, string> & { strategies: string[] };

export const DEFAULT_FORM: FormValues = {
  name: "",
  task: "mul:2",
  preset: "nanogpt",
  strategies: ["plain", "reverse", "max-mi"],
  estimator: "plugin-joint-k",
  seeds: "3",
  steps: "2000",
  batchSize: "64",
  lr: "0.001",
  nLayer: "",
  nHead: "",
  nEmbd: "",
  evalInterval: "",
  trainSize: "",
  testSize: "",
  tags: "",
  notes: "",
  tokenizer: "",
  maxVocab: "",
  sourceLength: "",
  keywordPrefix: "",
  blockSize: "",
  scorer: "",
  augment: "",
  testFraction: "",
  corpusSplit: "",
};

/** The fields of the spec's `text` block, as the form names them (the same names as the spec's). */
export const TEXT_FIELDS = ["tokenizer", "maxVocab", "sourceLength", "keywordPrefix", "blockSize", "scorer", "augment", "testFraction", "corpusSplit"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/**
 * The `text` fields a task allows (core/text-spec.ts): every text task has tokenizer and maxVocab (word
 * tokenizer only), classification sourceLength, GLUE also keywordPrefix, wikitext-2 the generation
 * fields; none for arithmetic or a task name that is not one.
 */
export function textFieldsFor(task: string, tokenizer = ""): TextField[] {
  let kind;
  try {
    kind = parseTaskName(task).kind;
  } catch {
    return [];
  }
  if (kind === "arithmetic") return [];
  const common: TextField[] = tokenizer === "gpt2-bpe" ? ["tokenizer"] : ["tokenizer", "maxVocab"];
  if (kind === "generation") return [...common, "blockSize", "scorer", "augment", "testFraction", "corpusSplit"];
  return kind === "glue" ? [...common, "sourceLength", "keywordPrefix"] : [...common, "sourceLength"];
}

/** The `text` block the form sends: the task's fields that are filled in, over the cloned base's. */
function textValue(v: FormValues, base: Record<string, unknown>): Record<string, unknown> | undefined {
  const allowed = textFieldsFor(v.task, v.tokenizer);
  if (allowed.length === 0) return undefined;
  const value = (f: TextField): unknown => {
    const t = v[f].trim();
    if (t === "") return undefined;
    if (f === "keywordPrefix") return t === "true" ? true : t === "false" ? false : t;
    if (f === "tokenizer" || f === "scorer" || f === "corpusSplit") return t;
    return numeric(t);
  };
  const fromBase = Object.fromEntries(Object.entries(obj(base.text)).filter(([k]) => (allowed as string[]).includes(k)));
  return compact({ ...fromBase, ...Object.fromEntries(allowed.map((f) => [f, value(f)]).filter(([, x]) => x !== undefined)) });
}

/** Settings of the paper (METHOD.md) to start from; the user can change any field afterwards. */
export const PAPER_SETTINGS: readonly { id: string; label: string; values: Partial<FormValues> }[] = [
  { id: "mul2-nano", label: "2-digit multiplication, NanoGPT (0.09M)", values: { task: "mul:2", preset: "nanogpt", strategies: ["plain", "reverse", "max-mi"], steps: "5000" } },
  { id: "mul2-mini", label: "2-digit multiplication, GPT-2-mini (2.67M)", values: { task: "mul:2", preset: "gpt2-mini", strategies: ["plain", "reverse", "max-mi"], steps: "5000" } },
  { id: "add3-nano", label: "3-digit addition, NanoGPT (0.09M)", values: { task: "add:3", preset: "nanogpt", strategies: ["plain", "reverse", "max-mi"], steps: "3000" } },
  { id: "add5-mini", label: "5-digit addition, GPT-2-mini (2.67M)", values: { task: "add:5", preset: "gpt2-mini", strategies: ["plain", "reverse", "max-mi"], steps: "5000" } },
];

/** A number when the text is one; otherwise the text itself, so the API names the field and the problem. */
function numeric(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

function compact(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** The seeds field: a count n (seeds 0…n−1) or a comma-separated list of seeds. */
function seedsValue(text: string): unknown {
  if (!text.includes(",")) return numeric(text);
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => numeric(t));
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Spec fields the form edits; a cloned spec keeps every other field as it was (see `base`). */
const FORM_KEYS = ["name", "task", "strategies", "estimator", "seeds", "budget", "batchSize", "evalInterval", "tags", "text"];
const FORM_SUBKEYS: Record<string, string[]> = { model: ["preset", "nLayer", "nHead", "nEmbd"], data: ["trainSize", "testSize"], optimizer: ["lr"] };

/**
 * What a cloned spec carries that the form has no field for (grid, miK, schedule, data seed, …): the spec
 * without the fields the form edits. toSpec adds it back under the form's values.
 */
export function specBase(spec: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj(spec))) {
    // The form edits a budget in steps; one in tokens stays in the base until steps are typed in.
    if (key === "budget" && obj(value).tokens !== undefined) out.budget = value;
    if (FORM_KEYS.includes(key)) continue;
    const sub = FORM_SUBKEYS[key];
    if (sub) {
      const rest = Object.fromEntries(Object.entries(obj(value)).filter(([k]) => !sub.includes(k)));
      if (Object.keys(rest).length) out[key] = rest;
    } else out[key] = value;
  }
  return out;
}

/**
 * The ExperimentSpec to send; empty optional fields are left out so the API's defaults apply. `base` (from
 * specBase, when cloning) supplies the fields the form does not show; the form's values win over it.
 * A budget in tokens is kept from the base while the steps field is empty.
 */
export function toSpec(v: FormValues, base: Record<string, unknown> = {}): Record<string, unknown> {
  const tags = v.tags.split(",").map((t) => t.trim()).filter(Boolean);
  const spec: Record<string, unknown> = {
    name: v.name,
    task: v.task,
    strategies: v.strategies,
    estimator: v.estimator,
    seeds: seedsValue(v.seeds),
    budget: compact({ steps: numeric(v.steps) }) ?? (v.steps.trim() === "" ? (base.budget as Record<string, unknown> | undefined) : undefined),
    batchSize: numeric(v.batchSize),
    optimizer: compact({ ...obj(base.optimizer), lr: numeric(v.lr) }),
    model: compact({ ...obj(base.model), preset: v.preset, nLayer: numeric(v.nLayer), nHead: numeric(v.nHead), nEmbd: numeric(v.nEmbd) }),
    data: compact({ ...obj(base.data), trainSize: numeric(v.trainSize), testSize: numeric(v.testSize) }),
    evalInterval: numeric(v.evalInterval),
    tags: tags.length ? tags : undefined,
    text: textValue(v, base),
  };
  const { budget: _budget, optimizer: _optimizer, model: _model, data: _data, text: _text, ...rest } = base;
  return compact({ ...rest, ...spec }) ?? {};
}

const text = (v: unknown): string => (typeof v === "number" && Number.isFinite(v) ? String(v) : typeof v === "string" ? v : "");

/**
 * The form prefilled from a stored ExperimentSpec ("clone experiment"): every field the form has, named
 * "<name> (copy)". Seeds 0…n−1 read as the count n, other seeds as their list.
 */
export function formFromSpec(spec: unknown, notes?: string | null): FormValues {
  const s = obj(spec);
  const model = obj(s.model);
  const data = obj(s.data);
  const t = obj(s.text);
  const seeds = Array.isArray(s.seeds) ? s.seeds.filter((x): x is number => typeof x === "number") : typeof s.seeds === "number" ? Array.from({ length: s.seeds }, (_, i) => i) : [];
  const counted = seeds.length > 0 && seeds.every((x, i) => x === i);
  return {
    name: typeof s.name === "string" && s.name ? `${s.name} (copy)` : "",
    task: text(s.task),
    preset: text(model.preset) || DEFAULT_FORM.preset,
    strategies: Array.isArray(s.strategies) ? s.strategies.filter((x): x is string => typeof x === "string") : [],
    estimator: text(s.estimator) || DEFAULT_FORM.estimator,
    seeds: counted ? String(seeds.length) : seeds.join(", "),
    steps: text(obj(s.budget).steps),
    batchSize: text(s.batchSize),
    lr: text(obj(s.optimizer).lr),
    nLayer: text(model.nLayer),
    nHead: text(model.nHead),
    nEmbd: text(model.nEmbd),
    evalInterval: text(s.evalInterval),
    trainSize: text(data.trainSize),
    testSize: text(data.testSize),
    tags: Array.isArray(s.tags) ? s.tags.filter((x): x is string => typeof x === "string").join(", ") : "",
    notes: notes ?? "",
    tokenizer: text(t.tokenizer),
    maxVocab: text(t.maxVocab),
    sourceLength: text(t.sourceLength),
    keywordPrefix: typeof t.keywordPrefix === "boolean" ? String(t.keywordPrefix) : "",
    blockSize: text(t.blockSize),
    scorer: text(t.scorer),
    augment: text(t.augment),
    testFraction: text(t.testFraction),
    corpusSplit: text(t.corpusSplit),
  };
}

/**
 * Runs the experiment expands to (strategies × seeds × the base's lr and batch-size grid), or null while
 * the seeds field is neither a count nor a list.
 */
export function gridSize(v: FormValues, base: Record<string, unknown> = {}): number | null {
  const seeds = seedsValue(v.seeds);
  const count = Array.isArray(seeds) ? (seeds.length > 0 && seeds.every((x) => typeof x === "number") ? seeds.length : null) : seeds;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1) return null;
  const grid = obj(base.grid);
  const axis = (a: unknown) => (Array.isArray(a) && a.length > 0 ? a.length : 1);
  return v.strategies.length * count * axis(grid.lr) * axis(grid.batchSize);
}

/** Seeds per strategy the seeds field stands for, for the grid summary; null when it is neither. */
export function seedCount(v: Pick<FormValues, "seeds">): number | null {
  return gridSize({ ...DEFAULT_FORM, strategies: ["plain"], seeds: v.seeds });
}

const FIELD_BY_PATH: readonly [RegExp, FormField | "grid"][] = [
  [/^name$/, "name"],
  [/^task$/, "task"],
  [/^strategies(\.|$)/, "strategies"],
  [/^estimator$|^miK$/, "estimator"],
  [/^seeds(\.|$)/, "seeds"],
  [/^budget(\.|$)/, "steps"],
  [/^batchSize$/, "batchSize"],
  [/^optimizer(\.|$)/, "lr"],
  [/^model\.nLayer$/, "nLayer"],
  [/^model\.nHead$/, "nHead"],
  [/^model\.nEmbd$/, "nEmbd"],
  [/^model(\.|$)/, "preset"],
  [/^evalInterval$/, "evalInterval"],
  [/^data\.testSize$/, "testSize"],
  [/^data(\.|$)/, "trainSize"],
  [/^tags(\.|$)/, "tags"],
  [/^notes$/, "notes"],
  [/^grid(\.|$)/, "grid"],
  ...TEXT_FIELDS.map((f): [RegExp, FormField] => [new RegExp(`^text\\.${f}$`), f]),
  // A text block the task does not take (arithmetic) is the task's problem.
  [/^text$/, "task"],
];

/** The form field that shows an error at this spec path; "form" for one no field owns. */
export function fieldForPath(path: string): FormField | "grid" | "form" {
  for (const [re, field] of FIELD_BY_PATH) if (re.test(path)) return field;
  return "form";
}

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Field errors from a GraphQL error's extensions: every problem of `extensions.errors` (the API sends all
 * of them), else the one `extensions.field` names. Several problems on one field are joined.
 */
export function errorsByField(extensions: Record<string, unknown> | undefined, message: string): Partial<Record<FormField | "grid" | "form", string>> {
  const list: FieldError[] = [];
  const errors = extensions?.errors;
  if (Array.isArray(errors)) {
    for (const e of errors) {
      if (e && typeof e === "object" && typeof (e as FieldError).field === "string" && typeof (e as FieldError).message === "string") list.push(e as FieldError);
    }
  }
  if (list.length === 0) list.push({ field: typeof extensions?.field === "string" ? extensions.field : "", message });
  const out: Partial<Record<FormField | "grid" | "form", string>> = {};
  for (const e of list) {
    const f = fieldForPath(e.field);
    out[f] = out[f] ? `${out[f]}; ${e.message}` : e.message;
  }
  return out;
}
