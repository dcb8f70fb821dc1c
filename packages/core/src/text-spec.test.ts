import { describe, expect, it } from "vitest";
import { ExperimentSpecSchema, RunSpecSchema, expandGrid, formatSpecError, type SpecError } from "./spec";
import { parseTaskName, TEXT_TASK_NAMES } from "./tasks";

function runErrors(input: unknown): SpecError[] {
  const r = RunSpecSchema.safeParse(input);
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return formatSpecError(r.error);
}

describe("text task names", () => {
  it("parses every text task case-insensitively into a tagged ref with the canonical name", () => {
    expect(parseTaskName("glue/rte")).toEqual({ kind: "glue", name: "glue/RTE", glue: "rte" });
    expect(parseTaskName(" GLUE/sst-2 ")).toEqual({ kind: "glue", name: "glue/SST-2", glue: "sst2" });
    expect(parseTaskName("glue/stsb").name).toBe("glue/STS-B");
    expect(parseTaskName("Toxic")).toEqual({ kind: "multi-label", name: "toxic", dataset: "toxic" });
    expect(parseTaskName("goemotions")).toEqual({ kind: "multi-label", name: "goemotions", dataset: "goemotions" });
    expect(parseTaskName("WikiText-2")).toEqual({ kind: "generation", name: "wikitext-2", dataset: "wikitext-2" });
    for (const name of TEXT_TASK_NAMES) expect(parseTaskName(name).name).toBe(name);
    expect(TEXT_TASK_NAMES).toHaveLength(12);
  });

  it("rejects unknown names with one message listing every valid form", () => {
    for (const bad of ["glue/XNLI", "glue", "rte", "wikitext-103", "mul:x"]) {
      expect(() => parseTaskName(bad)).toThrow(
        new RegExp(`^unknown task "${bad}"; arithmetic tasks are add:N, sub:N, mul:N with N from 1 to 5; text tasks are glue/<TASK> with TASK one of CoLA, .*, WNLI, toxic, goemotions, wikitext-2$`),
      );
    }
  });
});

describe("RunSpecSchema with text tasks", () => {
  it("stores the canonical task name", () => {
    expect(RunSpecSchema.parse({ task: "glue/mnli" }).task).toBe("glue/MNLI");
  });

  it("fills the defaults of the task's family only", () => {
    expect(RunSpecSchema.parse({ task: "glue/RTE" }).text).toEqual({ tokenizer: "word", maxVocab: 8192, sourceLength: 64, keywordPrefix: false });
    expect(RunSpecSchema.parse({ task: "toxic" }).text).toEqual({ tokenizer: "word", maxVocab: 8192, sourceLength: 64 });
    expect(RunSpecSchema.parse({ task: "wikitext-2", strategy: "max-mi" }).text).toEqual({
      tokenizer: "word",
      maxVocab: 8192,
      blockSize: 64,
      scorer: "tfidf",
      augment: 0,
      testFraction: 0.1,
      corpusSplit: "valid",
    });
    const bpe = RunSpecSchema.parse({ task: "glue/SST-2", model: { preset: "gpt2-small" }, text: { tokenizer: "gpt2-bpe" } });
    expect(bpe.text).toEqual({ tokenizer: "gpt2-bpe", sourceLength: 64, keywordPrefix: false });
    expect(RunSpecSchema.parse({ task: "mul:2" })).not.toHaveProperty("text");
  });

  it("re-parses its own output unchanged", () => {
    for (const input of [
      { task: "glue/cola", text: { keywordPrefix: true, sourceLength: 20 } },
      { task: "goemotions", strategy: "greedy-mi", text: { maxVocab: 500 } },
      { task: "wikitext-2", strategy: "min-mi", text: { scorer: "context-pmi", augment: 2 } },
    ]) {
      const once = RunSpecSchema.parse(input);
      expect(RunSpecSchema.parse(once)).toEqual(once);
    }
  });

  it("rejects a text block on an arithmetic task", () => {
    expect(runErrors({ task: "add:2", text: { sourceLength: 10 } })).toEqual([
      { field: "text", message: "text applies to text tasks only (glue/<TASK>, toxic, goemotions, wikitext-2); add:2 is an arithmetic task" },
    ]);
  });

  it("names the field and the limit of text options out of range", () => {
    expect(runErrors({ task: "toxic", text: { sourceLength: 0 } })).toEqual([{ field: "text.sourceLength", message: "text.sourceLength must be at least 1" }]);
    expect(runErrors({ task: "toxic", text: { maxVocab: 200_000 } })).toEqual([{ field: "text.maxVocab", message: "text.maxVocab must be at most 100000" }]);
    expect(runErrors({ task: "wikitext-2", text: { testFraction: 0 } })).toEqual([{ field: "text.testFraction", message: "text.testFraction must be greater than 0" }]);
    expect(runErrors({ task: "wikitext-2", text: { blockSize: 2048 } })).toEqual([{ field: "text.blockSize", message: "text.blockSize must be at most 1024" }]);
    expect(runErrors({ task: "wikitext-2", text: { scorer: "bm25" } })).toEqual([{ field: "text.scorer", message: "text.scorer must be one of tfidf, context-pmi" }]);
    expect(runErrors({ task: "toxic", text: { tokenizer: "char" } })).toEqual([{ field: "text.tokenizer", message: "text.tokenizer must be one of word, gpt2-bpe" }]);
    expect(runErrors({ task: "toxic", text: { lowercase: false } })).toEqual([{ field: "text.lowercase", message: "text.lowercase is not a known field" }]);
  });

  it("rejects options of the other family, naming the field", () => {
    expect(runErrors({ task: "glue/RTE", text: { blockSize: 32 } })).toEqual([
      { field: "text.blockSize", message: "text.blockSize applies to wikitext-2 only; glue/RTE is a classification task" },
    ]);
    expect(runErrors({ task: "wikitext-2", text: { sourceLength: 32 } })).toEqual([
      { field: "text.sourceLength", message: "text.sourceLength applies to classification tasks (glue/<TASK>, toxic, goemotions); wikitext-2 windows are text.blockSize tokens" },
    ]);
    expect(runErrors({ task: "toxic", text: { keywordPrefix: true } })).toEqual([
      { field: "text.keywordPrefix", message: "text.keywordPrefix applies to GLUE tasks only; toxic is multi-label" },
    ]);
    expect(runErrors({ task: "glue/RTE", text: { keywordPrefix: true, sourceLength: 2 } })).toEqual([
      { field: "text.sourceLength", message: "text.sourceLength must be at least 3 with text.keywordPrefix (the keyword and its separator take 2 positions), got 2" },
    ]);
  });

  it("allows gpt2-bpe only with gpt2-small and without maxVocab", () => {
    expect(runErrors({ task: "toxic", text: { tokenizer: "gpt2-bpe" } })).toEqual([
      { field: "text.tokenizer", message: "text.tokenizer gpt2-bpe needs model.preset gpt2-small (its 50,261-token embedding would be most of a nanogpt model); use text.tokenizer word" },
    ]);
    expect(runErrors({ task: "toxic", model: { preset: "gpt2-small" }, text: { tokenizer: "gpt2-bpe", maxVocab: 1000 } })).toEqual([
      { field: "text.maxVocab", message: "text.maxVocab applies to the word tokenizer; gpt2-bpe has GPT-2's fixed vocabulary" },
    ]);
  });

  it("allows only plain, max-mi and min-mi on wikitext-2", () => {
    expect(runErrors({ task: "wikitext-2", strategy: "reverse" })).toEqual([
      {
        field: "strategy",
        message: 'strategy "reverse" does not apply to wikitext-2; valid for wikitext-2: plain, max-mi, min-mi (the strategy chooses which keyword is inserted before each sentence)',
      },
    ]);
    // A name that is no strategy at all gets the enum's message only.
    expect(runErrors({ task: "wikitext-2", strategy: "best" }).map((e) => e.field)).toEqual(["strategy"]);
    const r = ExperimentSpecSchema.safeParse({ name: "wt", task: "wikitext-2", strategies: ["plain", "greedy-mi"], seeds: 1 });
    expect(r.success).toBe(false);
    expect(formatSpecError(r.error as never)).toEqual([
      { field: "strategies.1", message: expect.stringMatching(/^strategies lists "greedy-mi", which does not apply to wikitext-2; valid for wikitext-2: plain, max-mi, min-mi/) },
    ]);
  });

  it("gives every run of an experiment its own copy of the text block", () => {
    const spec = ExperimentSpecSchema.parse({ name: "rte", task: "glue/rte", strategies: ["plain", "max-mi"], seeds: 1, text: { sourceLength: 48 } });
    const runs = expandGrid(spec, { maxRuns: 10 });
    expect(runs.map((r) => r.text)).toEqual([spec.text, spec.text]);
    expect(runs[0]?.text).not.toBe(runs[1]?.text);
    for (const run of runs) expect(RunSpecSchema.parse(run)).toEqual(run);
  });
});
