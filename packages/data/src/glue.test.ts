import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataFormatError, MissingDataError } from "./errors";
import { GLUE_TASKS, loadGlue } from "./glue";
import { FIXTURES, fixtureCopy } from "./test-support";

describe("loadGlue on the fixtures", () => {
  it.each([
    ["CoLA", 12, { dev: 4 }, ["0", "1"], false],
    ["SST-2", 12, { dev: 4 }, ["0", "1"], false],
    ["MRPC", 11, { dev: 2 }, ["0", "1"], true],
    ["STS-B", 12, { dev: 3 }, [], true],
    ["QQP", 12, { dev: 3 }, ["0", "1"], true],
    ["MNLI", 12, { dev_matched: 2, dev_mismatched: 3 }, ["entailment", "neutral", "contradiction"], true],
    ["QNLI", 12, { dev: 2 }, ["entailment", "not_entailment"], true],
    ["RTE", 12, { dev: 2 }, ["entailment", "not_entailment"], true],
    ["WNLI", 12, { dev: 2 }, ["0", "1"], true],
  ] as const)("%s: %i train records, eval %j, labels %j", async (task, train, evalSizes, labels, pair) => {
    const d = await loadGlue(FIXTURES, task);
    expect(d.name).toBe(`glue/${task}`);
    expect(d.train).toHaveLength(train);
    expect(Object.fromEntries(Object.entries(d.eval).map(([k, v]) => [k, v.length]))).toEqual(evalSizes);
    expect(d.labelNames).toEqual(labels);
    for (const r of [...d.train, ...Object.values(d.eval).flat()]) {
      expect(r.text.length).toBeGreaterThan(0);
      expect(r.textB !== undefined).toBe(pair);
      if (labels.length > 0) expect(labels).toContain(r.label);
    }
  });

  it("covers all nine tasks", () => {
    expect(GLUE_TASKS).toHaveLength(9);
  });

  it("reads columns by header name and keeps quote characters as text (QUOTE_NONE)", async () => {
    const mnli = await loadGlue(FIXTURES, "MNLI");
    expect(mnli.eval.dev_mismatched?.[1]).toMatchObject({ text: '"The answer," she said, "is no."', textB: "She said yes.", label: "contradiction" });
    expect(mnli.train[10]?.text).toBe('"I burst through a set of cabin doors, and fell to the ground-"');
    const sst = await loadGlue(FIXTURES, "SST-2");
    expect(sst.train[6]).toEqual({ text: 'the film \'s " unabashed " charm ', label: "1", origin: { file: join(FIXTURES, "glue/SST-2/train.tsv"), line: 8 } });
    const qqp = await loadGlue(FIXTURES, "QQP");
    expect(qqp.train[11]).toMatchObject({ text: 'Is 1" = 2.54 cm?', textB: "How many cm are in an inch?", label: "1" });
  });

  it("reads CoLA's headerless four columns: label second, sentence fourth", async () => {
    const cola = await loadGlue(FIXTURES, "CoLA");
    expect(cola.train[2]).toMatchObject({ text: "They drank the pub.", label: "0", origin: { line: 3 } });
    expect(cola.train[6]?.text).toBe('Who did you say that "left?');
  });

  it("keeps STS-B's score as the published string", async () => {
    const sts = await loadGlue(FIXTURES, "STS-B");
    expect(sts.train.map((r) => r.label).slice(0, 3)).toEqual(["5.000", "3.800", "3.800"]);
  });
});

describe("loadGlue on bad data names the file, line and column", () => {
  const tsv = async (task: string, file: string) => readFile(join(FIXTURES, "glue", task, file), "utf8");

  it("a label outside the task's labels (SST-2 label 2)", async () => {
    const bad = (await tsv("SST-2", "train.tsv")).replace("of saucy \t1", "of saucy \t2");
    const dir = await fixtureCopy({ "glue/SST-2/train.tsv": bad });
    await expect(loadGlue(dir, "SST-2")).rejects.toThrow(`${join(dir, "glue/SST-2/train.tsv")}:9: column "label": label "2" is not one of 0, 1`);
  });

  it("a missing column in the header", async () => {
    const bad = (await tsv("RTE", "dev.tsv")).replace("sentence2", "hypothesis");
    const dir = await fixtureCopy({ "glue/RTE/dev.tsv": bad });
    await expect(loadGlue(dir, "RTE")).rejects.toThrow(/RTE\/dev\.tsv:1: missing column "sentence2" in the header \(it has: index, sentence1, hypothesis, label\)/);
  });

  it("a row with the wrong number of fields", async () => {
    const bad = (await tsv("WNLI", "train.tsv")).replace("The carrot had a hole.\t", "The carrot had a hole. ");
    const dir = await fixtureCopy({ "glue/WNLI/train.tsv": bad });
    await expect(loadGlue(dir, "WNLI")).rejects.toThrow(/WNLI\/train\.tsv:2: expected 4 tab-separated fields \(as many as the header\), found 3/);
  });

  it("an empty line", async () => {
    const lines = (await tsv("CoLA", "train.tsv")).split("\n");
    lines.splice(5, 0, "");
    const dir = await fixtureCopy({ "glue/CoLA/train.tsv": lines.join("\n") });
    await expect(loadGlue(dir, "CoLA")).rejects.toThrow(/CoLA\/train\.tsv:6: empty line/);
  });

  it("an STS-B score outside 0–5", async () => {
    const bad = (await tsv("STS-B", "dev.tsv")).replace("4.750", "7.5");
    const dir = await fixtureCopy({ "glue/STS-B/dev.tsv": bad });
    await expect(loadGlue(dir, "STS-B")).rejects.toThrow(/STS-B\/dev\.tsv:3: column "score": score "7.5" is not a number from 0 to 5/);
  });

  it("bytes that are not UTF-8", async () => {
    const good = Buffer.from(await tsv("QNLI", "train.tsv"));
    const at = good.indexOf("Digimon");
    const bad = Buffer.concat([good.subarray(0, at), Buffer.from([0xff, 0xfe]), good.subarray(at)]);
    const dir = await fixtureCopy({ "glue/QNLI/train.tsv": bad });
    await expect(loadGlue(dir, "QNLI")).rejects.toThrow(/QNLI\/train\.tsv:2: not valid UTF-8 \(byte \d+ of the line, 0xff\)/);
  });

  it("a missing file, with the directory, where it came from and how to get it", async () => {
    const err = await loadGlue({ path: "/nowhere/data", source: "ORDERBENCH_DATA_DIR" }, "RTE").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingDataError);
    expect((err as Error).message).toBe(
      "missing /nowhere/data/glue/RTE/train.tsv: no glue/RTE/train.tsv in the data directory /nowhere/data (from ORDERBENCH_DATA_DIR); `orderbench data fetch glue/RTE` downloads it",
    );
  });

  it("errors are DataFormatErrors carrying file and line", async () => {
    const bad = (await tsv("MNLI", "dev_matched.tsv")).replace("\tneutral\n", "\tmaybe\n");
    const dir = await fixtureCopy({ "glue/MNLI/dev_matched.tsv": bad });
    const err = (await loadGlue(dir, "MNLI").catch((e: unknown) => e)) as DataFormatError;
    expect(err).toBeInstanceOf(DataFormatError);
    expect([err.file, err.line, err.column]).toEqual([join(dir, "glue/MNLI/dev_matched.tsv"), 2, "gold_label"]);
  });
});
