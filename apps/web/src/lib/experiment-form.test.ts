import { ExperimentSpecSchema, formatSpecError } from "@orderbench/core/spec";
import { describe, expect, it } from "vitest";
import { DEFAULT_FORM, errorsByField, fieldForPath, formFromSpec, gridSize, PAPER_SETTINGS, seedCount, specBase, TEXT_FIELDS, textFieldsFor, toSpec, type FormValues } from "./experiment-form";

const form = (over: Partial<FormValues>): FormValues => ({ ...DEFAULT_FORM, name: "t", ...over });

/** What the API would answer: core's schema and error formatting (apps/api/src/validate-input.ts). */
function apiErrors(values: FormValues) {
  const r = ExperimentSpecSchema.safeParse(toSpec(values));
  return r.success ? [] : formatSpecError(r.error);
}

describe("toSpec", () => {
  it("sends the defaults and every paper setting as specs core accepts", () => {
    expect(apiErrors(form({}))).toEqual([]);
    for (const p of PAPER_SETTINGS) expect(apiErrors(form(p.values)), p.id).toEqual([]);
  });

  it("leaves out empty optional fields and keeps the shape the spec expects", () => {
    const spec = toSpec(form({ nLayer: "1", nEmbd: "16", nHead: "2", evalInterval: "10", trainSize: "", tags: " a, b ,," }));
    expect(spec).toMatchObject({ model: { preset: "nanogpt", nLayer: 1, nHead: 2, nEmbd: 16 }, evalInterval: 10, tags: ["a", "b"], budget: { steps: 2000 }, seeds: 3 });
    expect(spec).not.toHaveProperty("data");
  });

  it("passes text that is not a number through, so the API names the field", () => {
    const errors = apiErrors(form({ steps: "lots" }));
    expect(errors[0]?.field).toBe("budget.steps");
    expect(fieldForPath(errors[0]?.field ?? "")).toBe("steps");
  });
});

describe("API errors land on a form field", () => {
  it.each([
    [{ steps: "20000000" }, "steps"],
    [{ strategies: [] }, "strategies"],
    [{ seeds: "0" }, "seeds"],
    [{ task: "div:2" }, "task"],
    [{ nEmbd: "15", nHead: "2" }, "nEmbd"],
    [{ nHead: "5" }, "nHead"],
    [{ lr: "2" }, "lr"],
    [{ batchSize: "0" }, "batchSize"],
    [{ name: "" }, "name"],
    [{ trainSize: "0" }, "trainSize"],
    [{ testSize: "0" }, "testSize"],
    [{ evalInterval: "0" }, "evalInterval"],
  ] as [Partial<FormValues>, string][])("%o → %s", (over, field) => {
    const errors = apiErrors(form(over));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => fieldForPath(e.field))).toContain(field);
  });

  it("collects every problem of extensions.errors, joined per field", () => {
    const out = errorsByField(
      { code: "BAD_USER_INPUT", field: "budget.steps", errors: [{ field: "budget.steps", message: "a" }, { field: "seeds.1", message: "b" }, { field: "budget", message: "c" }, { field: "weird", message: "d" }] },
      "a (and 3 more problems)",
    );
    expect(out).toEqual({ steps: "a; c", seeds: "b", form: "d" });
  });

  it("falls back to extensions.field and the message", () => {
    expect(errorsByField({ code: "BAD_USER_INPUT", field: "grid" }, "too many runs")).toEqual({ grid: "too many runs" });
  });
});

describe("gridSize", () => {
  it("is strategies × seeds, or null while seeds is not a count", () => {
    expect(gridSize(form({ strategies: ["plain", "reverse"], seeds: "3" }))).toBe(6);
    expect(gridSize(form({ seeds: "x" }))).toBeNull();
  });

  it("counts a list of seeds and the lr / batch-size grid a cloned spec keeps", () => {
    expect(gridSize(form({ strategies: ["plain"], seeds: "1, 5, 7" }))).toBe(3);
    expect(gridSize(form({ strategies: ["plain", "reverse"], seeds: "2" }), { grid: { lr: [0.001, 0.01], batchSize: [16, 32, 64] } })).toBe(24);
    expect(gridSize(form({ seeds: "1, x" }))).toBeNull();
    expect(seedCount({ seeds: "4" })).toBe(4);
  });
});

describe("clone: formFromSpec + specBase", () => {
  const stored = ExperimentSpecSchema.parse({
    name: "mul:2 sweep",
    description: "lr sweep",
    task: "mul:2",
    strategies: ["plain", "max-mi"],
    seeds: [1, 5],
    estimator: "plugin-pairwise",
    miK: 3,
    budget: { steps: 1500 },
    batchSize: 32,
    optimizer: { lr: 0.002, weightDecay: 0.05 },
    model: { preset: "gpt2-mini", nLayer: 2, dropout: 0.1 },
    data: { trainSize: 500, testSize: 100, dataSeed: 9 },
    evalInterval: 50,
    grid: { lr: [0.001, 0.003] },
    tags: ["sweep", "mul"],
  });

  it("fills every form field from the spec, the name marked as a copy", () => {
    expect(formFromSpec(stored, "old notes")).toEqual({
      name: "mul:2 sweep (copy)",
      task: "mul:2",
      preset: "gpt2-mini",
      strategies: ["plain", "max-mi"],
      estimator: "plugin-pairwise",
      seeds: "1, 5",
      steps: "1500",
      batchSize: "32",
      lr: "0.002",
      nLayer: "2",
      nHead: "",
      nEmbd: "",
      evalInterval: "50",
      trainSize: "500",
      testSize: "100",
      tags: "sweep, mul",
      notes: "old notes",
      ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, ""])),
    });
    expect(formFromSpec(ExperimentSpecSchema.parse({ name: "n", task: "add:1", strategies: ["plain"], seeds: 3 })).seeds).toBe("3");
  });

  it("sends back the same spec (but the name), fields the form does not show included", () => {
    const values = formFromSpec(stored);
    const again = ExperimentSpecSchema.parse(toSpec(values, specBase(stored)));
    expect({ ...again, name: stored.name }).toEqual(stored);
    expect(gridSize(values, specBase(stored))).toBe(2 * 2 * 2);
  });

  it("lets the form's values win, and an emptied field drop its override", () => {
    const values = { ...formFromSpec(stored), nLayer: "", lr: "0.01", seeds: "2" };
    const again = ExperimentSpecSchema.parse(toSpec(values, specBase(stored)));
    expect(again.model).toEqual({ preset: "gpt2-mini", dropout: 0.1 });
    expect(again.optimizer).toMatchObject({ lr: 0.01, weightDecay: 0.05 });
    expect(again.seeds).toEqual([0, 1]);
    expect(again.data.dataSeed).toBe(9);
  });

  it("keeps a token budget while the steps field is empty", () => {
    const tokens = ExperimentSpecSchema.parse({ name: "t", task: "add:2", strategies: ["plain"], seeds: 1, budget: { tokens: 100_000 } });
    const values = formFromSpec(tokens);
    expect(values.steps).toBe("");
    expect(ExperimentSpecSchema.parse(toSpec(values, specBase(tokens))).budget).toEqual({ tokens: 100_000 });
  });
});

describe("text tasks", () => {
  it("offers the task family's text fields only, maxVocab only with the word tokenizer", () => {
    expect(textFieldsFor("mul:2")).toEqual([]);
    expect(textFieldsFor("glue/rte")).toEqual(["tokenizer", "maxVocab", "sourceLength", "keywordPrefix"]);
    expect(textFieldsFor("toxic")).toEqual(["tokenizer", "maxVocab", "sourceLength"]);
    expect(textFieldsFor("wikitext-2", "gpt2-bpe")).toEqual(["tokenizer", "blockSize", "scorer", "augment", "testFraction", "corpusSplit"]);
  });

  it("sends the text block of the task's family, filled fields only, as specs core accepts", () => {
    const glue = form({ task: "glue/RTE", sourceLength: "32", keywordPrefix: "true", blockSize: "16" });
    expect(toSpec(glue).text).toEqual({ sourceLength: 32, keywordPrefix: true });
    expect(apiErrors(glue)).toEqual([]);
    const wt = form({ task: "wikitext-2", strategies: ["plain", "max-mi", "min-mi"], blockSize: "32", scorer: "context-pmi", testFraction: "0.2", sourceLength: "9" });
    expect(toSpec(wt).text).toEqual({ blockSize: 32, scorer: "context-pmi", testFraction: 0.2 });
    expect(apiErrors(wt)).toEqual([]);
    expect(toSpec(form({ task: "mul:2", sourceLength: "32" })).text).toBeUndefined();
    expect(toSpec(form({ task: "toxic" })).text).toBeUndefined();
  });

  it("shows the API's text errors on their fields", () => {
    const errors = apiErrors(form({ task: "wikitext-2", strategies: ["plain"], blockSize: "2", augment: "9" }));
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(["text.blockSize", "text.augment"]));
    expect(errors.map((e) => fieldForPath(e.field))).toEqual(expect.arrayContaining(["blockSize", "augment"]));
    expect(fieldForPath("text.sourceLength")).toBe("sourceLength");
    expect(fieldForPath("text")).toBe("task");
  });

  it("clones a text experiment with its text block", () => {
    const stored = ExperimentSpecSchema.parse({ name: "rte", task: "glue/RTE", strategies: ["plain", "reverse"], seeds: 2, text: { sourceLength: 24, keywordPrefix: true } });
    const values = formFromSpec(stored);
    expect(values).toMatchObject({ sourceLength: "24", keywordPrefix: "true", tokenizer: "word", maxVocab: "8192" });
    expect(specBase(stored).text).toBeUndefined();
    const again = ExperimentSpecSchema.parse(toSpec(values, specBase(stored)));
    expect({ ...again, name: stored.name }).toEqual(stored);
  });
});
