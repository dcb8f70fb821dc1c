"use client";

import { ESTIMATORS } from "@orderbench/core/mi";
import { STRATEGIES } from "@orderbench/core/ordering";
import { MODEL_PRESETS, PRESET_NAMES } from "@orderbench/core/presets";
import { ARITHMETIC_OPS, TEXT_TASK_NAMES } from "@orderbench/core/tasks";
import { CORPUS_SPLITS, TEXT_TOKENIZERS } from "@orderbench/core/text-spec";
import { KEYWORD_SCORERS } from "@orderbench/core/text/keywords";
import { useMutation, useQuery } from "@urql/next";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { CloneSourceQuery, CreateExperimentMutation } from "@/graphql/experiments";
import { DEFAULT_FORM, errorsByField, formFromSpec, gridSize, PAPER_SETTINGS, seedCount, specBase, textFieldsFor, toSpec, type FormField, type FormValues } from "@/lib/experiment-form";
import { strategyColor } from "@/lib/palette";
import { tokensPerRun } from "./tokens";

function presetHint(preset: string): string | undefined {
  const shape = (MODEL_PRESETS as Record<string, { nLayer: number; nHead: number; nEmbd: number }>)[preset];
  return shape && `${shape.nLayer} layers · ${shape.nHead} heads · ${shape.nEmbd} wide`;
}

type Errors = Partial<Record<FormField | "grid" | "form", string>>;
const TASKS = [...ARITHMETIC_OPS.flatMap((op) => [1, 2, 3, 4, 5].map((d) => `${op}:${d}`)), ...TEXT_TASK_NAMES];

/** The form, empty or, with `?from=<experiment id>` ("Clone"), prefilled from that experiment's spec. */
export function NewExperiment() {
  const from = useSearchParams().get("from");
  return from ? <CloneForm id={from} /> : <NewExperimentForm />;
}

function CloneForm({ id }: { id: string }) {
  const [{ data, error }] = useQuery({ query: CloneSourceQuery, variables: { id } });
  if (error && !data) {
    return (
      <div role="alert" className="alert">
        Could not read experiment {id} to clone: {error.graphQLErrors[0]?.message ?? error.message}
      </div>
    );
  }
  const source = data?.experiment;
  if (!source) {
    return (
      <div role="alert" className="alert">
        No experiment has the id <code>{id}</code> to clone. <Link href="/experiments/new">Start from an empty form</Link>
      </div>
    );
  }
  return <NewExperimentForm key={source.id} initial={formFromSpec(source.spec, source.notes)} base={specBase(source.spec)} source={source} />;
}

/**
 * The ExperimentSpec as a form. Nothing is validated here: the API checks the spec with core's zod schema
 * and its BAD_USER_INPUT errors (`extensions.errors`, each with the field's path) are shown on the fields.
 * A clone keeps the source spec's fields the form has no input for (`base`), listed under the form.
 */
export function NewExperimentForm(props: { initial?: FormValues; base?: Record<string, unknown>; source?: { id: string; name: string } }) {
  const { base = {}, source } = props;
  const router = useRouter();
  const [values, setValues] = useState<FormValues>(props.initial ?? DEFAULT_FORM);
  const [errors, setErrors] = useState<Errors>({});
  const [state, create] = useMutation(CreateExperimentMutation);
  const formRef = useRef<HTMLFormElement>(null);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const runs = gridSize(values, base);
  const seeds = seedCount(values);
  const sweep = runs !== null && seeds !== null && runs !== values.strategies.length * seeds;
  const tokens = tokensPerRun(values);
  const textFields = textFieldsFor(values.task, values.tokenizer);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    const r = await create({ input: { spec: toSpec(values, base), notes: values.notes.trim() || null } });
    if (r.data) {
      router.push(`/experiments/${r.data.createExperiment.id}`);
      return;
    }
    const first = r.error?.graphQLErrors[0];
    const next: Errors = first
      ? first.extensions?.code === "BAD_USER_INPUT"
        ? errorsByField(first.extensions as Record<string, unknown>, first.message)
        : { form: first.message }
      : { form: r.error?.networkError?.message ?? r.error?.message ?? "the API did not answer" };
    setErrors(next);
  };

  // After a refused submit, focus the first field with a problem, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formRef.current?.querySelector<HTMLElement>("#form-error");
    el?.focus();
  }, [errors]);

  const field = (name: FormField, label: string, input: ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {input}
      {hint && (
        <span className="hint" id={`${name}-hint`}>
          {hint}
        </span>
      )}
      {errors[name] && (
        <span className="error" id={`${name}-error`} data-testid={`${name}-error`}>
          {errors[name]}
        </span>
      )}
    </div>
  );
  const a11y = (name: FormField, hint = false) => ({
    id: name,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": [errors[name] ? `${name}-error` : "", hint ? `${name}-hint` : ""].filter(Boolean).join(" ") || undefined,
  });
  const text = (name: Exclude<FormField, "strategies">, props: Record<string, unknown> = {}, hint = false) => (
    <input {...a11y(name, hint)} value={values[name]} onChange={(e) => set(name, e.target.value)} {...props} />
  );
  const number = (name: Exclude<FormField, "strategies">, hint = false, step: string | number = 1, limits: { min?: number; max?: number } = {}) =>
    text(name, { type: "number", inputMode: "decimal", step, ...limits }, hint);
  const choice = (name: Exclude<FormField, "strategies">, options: readonly string[]) => (
    <select {...a11y(name)} value={values[name]} onChange={(e) => set(name, e.target.value)}>
      <option value="">default</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
  const shows = (f: FormField) => (textFields as string[]).includes(f);

  return (
    <form ref={formRef} className="spec" onSubmit={onSubmit} noValidate aria-describedby={errors.form ? "form-error" : undefined}>
      {errors.form && (
        <div role="alert" className="alert" id="form-error" tabIndex={-1} data-testid="form-error">
          {errors.form}
        </div>
      )}
      {source && (
        <p className="summary" data-testid="clone-source">
          Cloned from <Link href={`/experiments/${source.id}`}>{source.name}</Link>: every field below comes from its spec; change what should differ.
        </p>
      )}
      <div className="field">
        <label htmlFor="paper-setting">Start from a paper setting</label>
        <select
          id="paper-setting"
          defaultValue=""
          onChange={(e) => {
            const s = PAPER_SETTINGS.find((p) => p.id === e.target.value);
            if (s) setValues((v) => ({ ...v, ...s.values }));
          }}
        >
          <option value="">— keep the fields below —</option>
          {PAPER_SETTINGS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div className="grid">
        {field("name", "Name", text("name", { autoComplete: "off" }))}
        {field(
          "task",
          "Task",
          <>
            {text("task", { list: "task-list", autoComplete: "off" }, true)}
            <datalist id="task-list">
              {TASKS.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          </>,
          "op:digits, e.g. mul:2, or a text task: glue/<TASK>, toxic, goemotions, wikitext-2",
        )}
        {field(
          "preset",
          "Model preset",
          <select {...a11y("preset", true)} value={values.preset} onChange={(e) => set("preset", e.target.value)}>
            {PRESET_NAMES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>,
          presetHint(values.preset),
        )}
        {field(
          "estimator",
          "MI estimator",
          <select {...a11y("estimator")} value={values.estimator} onChange={(e) => set("estimator", e.target.value)}>
            {ESTIMATORS.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>,
        )}
      </div>
      <fieldset
        className="choices"
        aria-invalid={errors.strategies ? true : undefined}
        aria-describedby={errors.strategies ? "strategies-error" : undefined}
        id="strategies"
        tabIndex={errors.strategies ? -1 : undefined}
      >
        <legend>Strategies</legend>
        {STRATEGIES.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              name="strategies"
              value={s}
              checked={values.strategies.includes(s)}
              onChange={(e) => set("strategies", e.target.checked ? STRATEGIES.filter((x) => x === s || values.strategies.includes(x)) : values.strategies.filter((x) => x !== s))}
            />
            <span className="swatch" style={{ background: strategyColor(s) }} aria-hidden="true" />
            {s}
          </label>
        ))}
        {errors.strategies && (
          <span className="error" id="strategies-error" data-testid="strategies-error" style={{ flexBasis: "100%" }}>
            {errors.strategies}
          </span>
        )}
      </fieldset>
      <div className="grid">
        {field("seeds", "Seeds", text("seeds", { inputMode: "numeric", autoComplete: "off" }, true), "a count n (seeds 0…n−1) or a list: 1, 5, 7")}
        {field("steps", "Steps", number("steps"))}
        {field("batchSize", "Batch size", number("batchSize"))}
        {field("lr", "Learning rate", number("lr", false, "any"))}
      </div>
      <details>
        <summary>Model size, evaluation and data (optional)</summary>
        <p className="hint muted">Empty fields keep the preset&apos;s and the API&apos;s defaults.</p>
        <div className="grid">
          {field("nLayer", "Layers (nLayer)", number("nLayer"))}
          {field("nHead", "Heads (nHead)", number("nHead"))}
          {field("nEmbd", "Width (nEmbd)", number("nEmbd"))}
          {field("evalInterval", "Evaluate every (steps)", number("evalInterval"))}
          {field("trainSize", "Training examples", number("trainSize"))}
          {field("testSize", "Test examples", number("testSize"))}
        </div>
      </details>
      {textFields.length > 0 && (
        <fieldset className="text-options" data-testid="text-options">
          <legend>Text options ({values.task.trim()})</legend>
          <p className="hint muted">The dataset is read by the worker from its data directory. Empty fields keep the defaults (docs/method.md, &ldquo;Running text tasks&rdquo;).</p>
          <div className="grid">
            {field("tokenizer", "Tokenizer", choice("tokenizer", TEXT_TOKENIZERS), "word (default), or gpt2-bpe with the gpt2-small preset")}
            {shows("maxVocab") && field("maxVocab", "Vocabulary size", number("maxVocab", true, 1, { min: 16, max: 100_000 }), "16 to 100,000, default 8192")}
            {shows("sourceLength") && field("sourceLength", "Input tokens", number("sourceLength", true, 1, { min: 1, max: 1024 }), "1 to 1024, default 64")}
            {shows("keywordPrefix") && field("keywordPrefix", "Keyword prefix", choice("keywordPrefix", ["true", "false"]), "prefix each input with its word of highest MI with the label")}
            {shows("blockSize") && field("blockSize", "Block size", number("blockSize", true, 1, { min: 4, max: 1024 }), "tokens per window, 4 to 1024, default 64")}
            {shows("scorer") && field("scorer", "Keyword scorer", choice("scorer", KEYWORD_SCORERS))}
            {shows("augment") && field("augment", "Augmentation passes", number("augment", true, 1, { min: 0, max: 8 }), "0 to 8, default 0")}
            {shows("testFraction") && field("testFraction", "Test fraction", number("testFraction", true, "any", { min: 0, max: 0.5 }), "above 0, at most 0.5, default 0.1")}
            {shows("corpusSplit") && field("corpusSplit", "WikiText-2 split", choice("corpusSplit", CORPUS_SPLITS), "default valid")}
          </div>
        </fieldset>
      )}
      <div className="grid">
        {field("tags", "Tags", text("tags", { autoComplete: "off" }, true), "comma-separated")}
        {field("notes", "Notes", text("notes", { autoComplete: "off" }))}
      </div>
      <div className="summary" aria-live="polite" data-testid="grid-summary">
        {runs === null ? (
          <span>Grid: set the number of seeds to see the number of runs.</span>
        ) : (
          <span>
            Grid: <strong>{values.strategies.length}</strong> strateg{values.strategies.length === 1 ? "y" : "ies"} × <strong>{seeds}</strong> seed
            {seeds === 1 ? "" : "s"}
            {sweep && <> × the lr / batch-size grid kept from the source</>} = <strong data-testid="grid-size">{runs}</strong> run{runs === 1 ? "" : "s"}
            {tokens !== null && <> · about {(tokens * runs).toLocaleString("en-US")} training tokens in all</>}
          </span>
        )}
        {errors.grid && (
          <div className="error" role="alert" data-testid="grid-error">
            {errors.grid}
          </div>
        )}
      </div>
      {Object.keys(base).length > 0 && (
        <details data-testid="clone-base">
          <summary>Also kept from {source ? source.name : "the source spec"} (no field above)</summary>
          <pre className="spec-json">{JSON.stringify(base, null, 2)}</pre>
        </details>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={state.fetching}>
          {state.fetching ? "Creating…" : "Create experiment"}
        </button>
      </div>
    </form>
  );
}
