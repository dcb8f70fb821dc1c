import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { isPermutation } from "@orderbench/core/ordering";
import { planRun } from "@orderbench/core/plan";
import { RunSpecSchema, type RunSpecInput } from "@orderbench/core/spec";
import { stripInserted, joinWindows } from "@orderbench/core/text/lm-stream";
import type { GenerationTask } from "@orderbench/core/text/generation";
import type { GlueSeqTask } from "@orderbench/core/text/glue-task";
import { DataError, MissingDataError } from "./errors";
import { planAnyRun, planTextRun } from "./plan-run";
import { loadTextTask, TextTaskCache } from "./text-task";
import { FIXTURES } from "./test-support";

const spec = (input: RunSpecInput) => RunSpecSchema.parse(input);
const dataDir = { path: FIXTURES, source: "--data-dir" };

describe("TextTaskCache", () => {
  it("loads a classification task once for every strategy and seed, and a generation task once per strategy", async () => {
    const cache = new TextTaskCache();
    const plain = await cache.load(spec({ task: "glue/rte", strategy: "plain", seed: 0 }), { dataDir });
    expect(await cache.load(spec({ task: "glue/rte", strategy: "reverse", seed: 1, optimizer: { lr: 0.01 } }), { dataDir })).toBe(plain);
    expect(await cache.load(spec({ task: "glue/rte", strategy: "plain", data: { trainSize: 5 } }), { dataDir })).not.toBe(plain);
    const wt = { task: "wikitext-2", text: { corpusSplit: "train", blockSize: 16 } } as const;
    const wtPlain = await cache.load(spec({ ...wt, strategy: "plain" }), { dataDir });
    expect(await cache.load(spec({ ...wt, strategy: "plain", seed: 2 }), { dataDir })).toBe(wtPlain);
    expect(await cache.load(spec({ ...wt, strategy: "max-mi" }), { dataDir })).not.toBe(wtPlain);
    // A plan from the loaded task is the plan planTextRun makes by reading the data itself.
    const s = spec({ task: "glue/rte", strategy: "max-mi" });
    const reused = await planTextRun(s, { dataDir, texts: cache });
    const read = await planTextRun(s, { dataDir });
    expect({ ...reused, task: undefined, evaluation: undefined }).toEqual({ ...read, task: undefined, evaluation: undefined });
  });
});

describe("planTextRun on the fixtures", () => {
  it("plans a GLUE pair task: verbalizer positions, the task's metric, the split it scores", async () => {
    const plan = await planTextRun(spec({ task: "glue/rte", strategy: "max-mi", text: { sourceLength: 24 } }), { dataDir });
    expect(plan.ref).toEqual({ kind: "glue", name: "glue/RTE", glue: "rte" });
    expect(plan.task.targetLength).toBe(2); // "not entailment" / "entailment <pad>"
    expect(plan.blockSize).toBe(26);
    expect(plan.metric).toEqual({ name: "score", direction: "max", label: "accuracy", percent: true });
    expect(plan.evaluation).toMatchObject({ kind: "classification", splits: ["dev"] });
    expect(plan.orderable).toBe(true);
    expect(plan.orderReason).toMatch(/max-mi and min-mi tie/);
    // Both positions alone determine the class, so the MI scores tie and max-mi keeps plain order.
    expect(plan.permutation).toEqual([0, 1]);
    expect(plan.miTable?.positions).toHaveLength(2);
    expect(plan.numParams).toBeGreaterThan(0);
  });

  it("builds the word vocabulary from the training split only, with the verbalizer words even when it is full", async () => {
    const loaded = await loadTextTask(spec({ task: "glue/RTE", text: { maxVocab: 16 } }), { dataDir });
    const tokens = loaded.tokenizer.vocab.tokens;
    expect(tokens).toHaveLength(16);
    expect(tokens).toEqual(expect.arrayContaining(["<pad>", "<unk>", "<sep>", "<bos>", "entailment", "not"]));
    const full = await loadTextTask(spec({ task: "glue/RTE" }), { dataDir });
    // "antibiotics" occurs in the dev split only.
    expect(full.tokenizer.vocab.tokens).not.toContain("antibiotics");
    expect(full.tokenizer.vocab.tokens).toContain("weapons");
  });

  it("uses GPT-2's BPE vocabulary with gpt2-small, the verbalizers as BPE tokens", async () => {
    const loaded = await loadTextTask(spec({ task: "glue/RTE", model: { preset: "gpt2-small" }, text: { tokenizer: "gpt2-bpe" } }), { dataDir });
    expect(loaded.tokenizer.kind).toBe("gpt2-bpe");
    expect(loaded.task.vocab.size).toBe(50_261);
    const task = loaded.task as GlueSeqTask;
    expect(task.verbalizers.map((v) => loaded.tokenizer.decode(v.filter((t) => t !== loaded.tokenizer.special("<pad>"))))).toEqual(["entailment", "not entailment"]);
  });

  it("scores MNLI on both dev splits and says its one-token verbalizers leave nothing to order", async () => {
    const plan = await planTextRun(spec({ task: "glue/MNLI", strategy: "reverse" }), { dataDir });
    expect(plan.evaluation).toMatchObject({ kind: "classification", splits: ["dev_matched", "dev_mismatched"] });
    expect(plan.metric.label).toBe("accuracy, mean of dev_matched and dev_mismatched");
    expect(plan.orderable).toBe(false);
    expect(plan.orderReason).toMatch(/every MNLI verbalizer \(entailment, neutral, contradiction\) is one token/);
    expect(plan.permutation).toEqual([0]);
  });

  it("orders the six toxic labels by MI and samples the training split from the data seed", async () => {
    const plan = await planTextRun(spec({ task: "toxic", strategy: "greedy-mi", estimator: "plugin-pairwise", data: { trainSize: 6, dataSeed: 4 } }), { dataDir });
    expect(plan.task.targetLength).toBe(6);
    expect(isPermutation(plan.permutation, 6)).toBe(true);
    expect(plan.miTable?.estimator).toBe("plugin-pairwise");
    expect(plan.metric).toMatchObject({ name: "score", label: "microF1" });
    expect(plan.task.train).toHaveLength(6);
    const again = await planTextRun(spec({ task: "toxic", strategy: "greedy-mi", estimator: "plugin-pairwise", data: { trainSize: 6, dataSeed: 4 } }), { dataDir });
    expect(again.task.train).toEqual(plan.task.train);
    const other = await planTextRun(spec({ task: "toxic", data: { trainSize: 6, dataSeed: 5 } }), { dataDir });
    expect(other.task.train).not.toEqual(plan.task.train);
  });

  it("samples GoEmotions' evaluation split to testSize and uses a given order instead of estimating", async () => {
    const given = Array.from({ length: 28 }, (_, i) => 27 - i);
    const plan = await planTextRun(spec({ task: "goemotions", strategy: "max-mi", data: { testSize: 2 } }), { dataDir, permutation: given });
    expect(plan.task.test).toHaveLength(2);
    expect(plan.permutation).toEqual(given);
    expect(plan.miTable).toBeUndefined();
    await expect(planTextRun(spec({ task: "goemotions" }), { dataDir, permutation: [0, 1] })).rejects.toThrow(/not a permutation of goemotions's 28 target positions/);
  });

  it("plans wikitext-2 as windows with keyword insertion, an identity order and perplexity, lower is better", async () => {
    const input = { task: "wikitext-2", text: { blockSize: 16, corpusSplit: "train", testFraction: 0.25 } } as const;
    const plain = await planTextRun(spec({ ...input, strategy: "plain" }), { dataDir });
    const max = await planTextRun(spec({ ...input, strategy: "max-mi" }), { dataDir });
    expect(max.metric).toEqual({ name: "perplexity", direction: "min", label: "fair perplexity", percent: false });
    expect(max.permutation).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(max.blockSize).toBe(16);
    expect(max.evaluation.kind).toBe("perplexity");
    const [p, m] = [plain.task, max.task] as GenerationTask[];
    expect(m?.stats.testTokens).toBeGreaterThan(m?.stats.testOriginalTokens as number);
    expect(stripInserted(joinWindows(m?.test ?? []))).toEqual(stripInserted(joinWindows(p?.test ?? [])));
    expect(m?.vocab.tokens).not.toContain("=");
  });

  it("plans arithmetic through planAnyRun exactly as planRun, without a data directory", async () => {
    const s = spec({ task: "add:2", strategy: "max-mi", data: { trainSize: 500, testSize: 50 } });
    // The tasks carry closures (format), so compare what serialises.
    expect(JSON.stringify(await planAnyRun(s))).toBe(JSON.stringify(planRun(s)));
    expect(() => planRun(spec({ task: "glue/RTE" }))).toThrow(/glue\/RTE is a text task: planRun builds arithmetic tasks only; plan it with planAnyRun/);
  });

  it("fails with the loaders' messages: no data directory, a missing file, a missing corpus split", async () => {
    await expect(planAnyRun(spec({ task: "toxic" }))).rejects.toThrow(
      new DataError("toxic reads its dataset from a data directory, and none was given: set ORDERBENCH_DATA_DIR to the folder that holds the datasets, or pass one"),
    );
    const empty = await mkdtemp(join(tmpdir(), "ob-empty-"));
    onTestFinished(() => rm(empty, { recursive: true, force: true }));
    const err = await planAnyRun(spec({ task: "glue/CoLA" }), { dataDir: { path: empty, source: "ORDERBENCH_DATA_DIR" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingDataError);
    expect((err as Error).message).toBe(
      `missing ${join(empty, "glue/CoLA/train.tsv")}: no glue/CoLA/train.tsv in the data directory ${empty} (from ORDERBENCH_DATA_DIR); \`orderbench data fetch glue/CoLA\` downloads it`,
    );
    await expect(planAnyRun(spec({ task: "wikitext-2", text: { corpusSplit: "test" } }), { dataDir })).rejects.toThrow(/missing .*wikitext-2\/wiki\.test\.tokens/);
  });
});
