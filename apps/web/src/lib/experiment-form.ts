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
};

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

/** The ExperimentSpec to send; empty optional fields are left out so the API's defaults apply. */
export function toSpec(v: FormValues): Record<string, unknown> {
  const tags = v.tags.split(",").map((t) => t.trim()).filter(Boolean);
  const spec: Record<string, unknown> = {
    name: v.name,
    task: v.task,
    strategies: v.strategies,
    estimator: v.estimator,
    seeds: numeric(v.seeds),
    budget: compact({ steps: numeric(v.steps) }),
    batchSize: numeric(v.batchSize),
    optimizer: compact({ lr: numeric(v.lr) }),
    model: compact({ preset: v.preset, nLayer: numeric(v.nLayer), nHead: numeric(v.nHead), nEmbd: numeric(v.nEmbd) }),
    data: compact({ trainSize: numeric(v.trainSize), testSize: numeric(v.testSize) }),
    evalInterval: numeric(v.evalInterval),
    tags: tags.length ? tags : undefined,
  };
  return compact(spec) ?? {};
}

/** Runs the experiment expands to (strategies × seeds), or null while the seeds field is not a count. */
export function gridSize(v: FormValues): number | null {
  const seeds = numeric(v.seeds);
  if (typeof seeds !== "number" || !Number.isInteger(seeds) || seeds < 1) return null;
  return v.strategies.length * seeds;
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
