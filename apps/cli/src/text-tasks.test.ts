import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./test/run-cli";

/** The CLI as a user runs it, on the committed fixtures of @orderbench/data, never on ../shared. */
const FIXTURES = fileURLToPath(new URL("../../../packages/data/fixtures", import.meta.url));

/** ORDERBENCH_DATA_DIR is always the fixtures unless `env` says otherwise (undefined: unset). */
const cli = (args: string[], env: Record<string, string | undefined> = {}) =>
  runCli(args, { ORDERBENCH_DATA_DIR: FIXTURES, ORDERBENCH_JOBS: "2", ...env });

const tiny = ["--n-layer", "1", "--n-embd", "16", "--n-head", "2", "--warmup", "0", "--batch-size", "8"];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ob-text-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("orderbench CLI on text tasks", () => {
  it.each([
    [["train", "--task", "glue/XNLI"], /^orderbench: unknown task "glue\/XNLI"; arithmetic tasks are add:N, .*; text tasks are glue\/<TASK> with TASK one of CoLA, .*, toxic, goemotions, wikitext-2\n$/],
    [["train", "--task", "wikitext-2", "--strategy", "reverse"], /--strategy "reverse" does not apply to wikitext-2; valid for wikitext-2: plain, max-mi, min-mi/],
    [["compare", "--task", "wikitext-2", "--strategies", "plain,greedy-mi"], /--strategy "greedy-mi" does not apply to wikitext-2/],
    [["train", "--task", "add:2", "--source-length", "10", "--keyword-prefix"], /--source-length, --keyword-prefix apply to text tasks only \(glue\/<TASK>, toxic, goemotions, wikitext-2\); add:2 is an arithmetic task/],
    [["train", "--task", "glue/RTE", "--block-size", "32"], /--block-size applies to wikitext-2 only; glue\/RTE is a classification task/],
    [["train", "--task", "toxic", "--tokenizer", "gpt2-bpe"], /--tokenizer gpt2-bpe needs --preset gpt2-small/],
    [["train", "--task", "toxic", "--source-length", "0"], /--source-length must be at least 1/],
    [["train", "--task", "wikitext-2", "--test-fraction", "0.9"], /--test-fraction must be at most 0.5/],
    [["mi", "--task", "goemotions", "--scorer", "tfidf"], /--scorer applies to wikitext-2 only; goemotions is a classification task/],
  ])("rejects %j with one line naming the value, exit code 2", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it("says how to give a data directory, and names a missing file", async () => {
    const none = await cli(["train", "--task", "toxic"], { ORDERBENCH_DATA_DIR: undefined });
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toBe(
      "orderbench: toxic reads its dataset from a data directory: no data directory: set ORDERBENCH_DATA_DIR to the folder that holds the datasets, or pass --data-dir",
    );
    const missing = await cli(["train", "--task", "glue/rte", "--data-dir", dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(`missing ${join(dir, "glue/RTE/train.tsv")}: no glue/RTE/train.tsv in the data directory ${dir} (from --data-dir)`);
  });

  it("train --json reports the primary metric of a multi-label task and every metric by its stored name", async () => {
    const r = await cli(["train", "--task", "goemotions", "--strategy", "max-mi", "--steps", "4", "--eval-interval", "2", "--source-length", "12", "--json", ...tiny]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ task: "goemotions", metric: { name: "score", direction: "max", label: "microF1" }, orderable: true, status: "completed", steps: 4 });
    expect(s.permutation).toHaveLength(28);
    expect(s.tokens).toBe(4 * 8 * (12 + 28));
    expect(s.final.primary).toBe(s.final.metrics.score);
    expect(s.final.metrics.micro_f1).toBe(s.final.primary);
    expect(Object.keys(s.final.metrics)).toEqual(expect.arrayContaining(["macro_f1", "exact_set_match", "unrecognised", "f1/admiration", "exact_match"]));
    expect(s.curve.map((c: { step: number }) => c.step)).toEqual([2, 4]);
    expect(s.best.value).toBe(Math.max(...s.curve.map((c: { primary: number }) => c.primary)));
  });

  it("compare on a GLUE task shows its metric, trains tied orders once and saves a report", async () => {
    const json = join(dir, "rte.json");
    const r = await cli(["compare", "--task", "glue/rte", "--strategies", "plain,max-mi,reverse", "--seeds", "2", "--steps", "4", "--eval-interval", "2", "--source-length", "16", "--json", json, ...tiny]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/max-mi resolves to the same order as plain on this task \(0 1\): trained once, reported under both/);
    expect(r.stdout).toMatch(/glue\/RTE, nanogpt \([\d,]+ params\), 4 steps × batch 8, accuracy on 2 test examples/);
    expect(r.stdout).toMatch(/│ strategy\s+│ accuracy % \(mean ± std\)\s+│ n\s+│ best %\s+│ Δ vs plain, pts \[95% CI\]\s+│ wall\/run\s+│/);
    const out = JSON.parse(await readFile(json, "utf8"));
    expect(out.runs.map((x: { strategy: string; seed: number }) => `${x.strategy}/${x.seed}`)).toEqual(["plain/0", "max-mi/0", "reverse/0", "plain/1", "max-mi/1", "reverse/1"]);
    expect(out.runs.map((x: { permutation: number[] }) => x.permutation.join(""))).toEqual(["01", "01", "10", "01", "01", "10"]);
    expect(out.runs[0].metric.name).toBe("score");
  });

  it.each([
    ["glue/CoLA", "mcc"],
    ["glue/SST-2", "accuracy"],
    ["glue/MRPC", "mean\\(f1, accuracy\\)"],
    ["glue/STS-B", "mean\\(pearson, spearman\\)"],
    ["glue/QQP", "mean\\(f1, accuracy\\)"],
    ["glue/MNLI", "accuracy, mean of dev_matched and dev_mismatched"],
    ["glue/QNLI", "accuracy"],
    ["glue/WNLI", "accuracy"],
    ["toxic", "microF1"],
    ["goemotions", "microF1"],
  ])("compare runs %s end to end on its fixture and judges it by %s", async (task, metric) => {
    const r = await cli(["compare", "--task", task, "--strategies", "plain,reverse", "--seeds", "1", "--steps", "2", "--eval-interval", "2", "--source-length", "16", ...tiny]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${task.replace("/", "\\/")}, nanogpt \\([\\d,]+ params\\), 2 steps × batch 8, ${metric} on \\d+ test examples`));
    expect(r.stdout).toMatch(/│ plain\s+│/);
  });

  it("compare on wikitext-2 defaults to its three strategies and reports perplexity, lower is better", async () => {
    const json = join(dir, "wt.json");
    const r = await cli(["compare", "--task", "wikitext-2", "--corpus-split", "train", "--block-size", "16", "--seeds", "1", "--steps", "4", "--eval-interval", "4", "--thresholds", "500", "--json", json, ...tiny]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 runs of wikitext-2 \(plain, max-mi, min-mi × 1 seeds\)/);
    expect(r.stdout).toMatch(/fair perplexity \(lower is better\) on all \d+ test windows/);
    expect(r.stdout).toMatch(/│ strategy\s+│ fair perplexity \(mean ± std, lower is better\)\s+│ n\s+│ best\s+│ Δ vs plain \[95% CI\]\s+│ steps to ≤ 500\s+│ wall\/run\s+│/);
    const out = JSON.parse(await readFile(json, "utf8"));
    for (const run of out.runs) {
      expect(run.metric).toEqual({ name: "perplexity", direction: "min", label: "fair perplexity", percent: false });
      expect(run.final.primary).toBe(run.final.metrics.perplexity);
      expect(run.final.exactMatch).toBeNull();
    }
    const md = join(dir, "wt.md");
    const rep = await cli(["report", json, "--markdown", md]);
    expect(rep.code).toBe(0);
    const text = await readFile(md, "utf8");
    expect(text).toMatch(/^\| strategy \| fair perplexity \(mean ± std, lower is better\) \|/);
    expect(text).toMatch(/Mean fair perplexity by step:\n\n\| strategy \| step 4 \|/);
  });

  it("mi prints the MI of each label and the orders it implies; for wikitext-2 the keywords", async () => {
    const j = JSON.parse((await cli(["mi", "--task", "toxic", "--estimator", "plugin-pairwise", "--json"])).stdout);
    expect(j.table.positions).toHaveLength(6);
    expect([...j.orders["max-mi"]].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(j.table.scores[j.orders["max-mi"][0]]).toBe(Math.max(...j.table.scores));
    expect(j.table.scores[j.orders["min-mi"][0]]).toBe(Math.min(...j.table.scores));
    const wt = await cli(["mi", "--task", "wikitext-2", "--corpus-split", "train"]);
    expect(wt.code).toBe(0);
    expect(wt.stdout).toMatch(/wikitext-2: tfidf keyword scores fitted on \d+ training sentences/);
    expect(wt.stdout).toMatch(/max-mi inserts │ min-mi inserts/);
  });
});
