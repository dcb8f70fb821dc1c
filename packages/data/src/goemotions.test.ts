import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GOEMOTIONS_LABELS } from "./fetch/sources";
import { loadGoEmotions } from "./goemotions";
import { FIXTURES, fixtureCopy } from "./test-support";

describe("loadGoEmotions", () => {
  it("reads the 28 label names and turns comma-separated ids into 0/1 vectors", async () => {
    const d = await loadGoEmotions(FIXTURES);
    expect(d.name).toBe("goemotions");
    expect(d.labelNames).toEqual([...GOEMOTIONS_LABELS]);
    expect(d.train).toHaveLength(12);
    expect(d.eval.dev).toHaveLength(3);
    expect(d.eval.test).toBeUndefined();
    const on = (labels: number[]) => labels.flatMap((v, i) => (v ? [d.labelNames[i]] : []));
    expect(on(d.train[0]?.labels ?? [])).toEqual(["neutral"]);
    expect(on(d.train[7]?.labels ?? [])).toEqual(["desire", "optimism"]);
    expect(d.train[10]).toMatchObject({ text: '"Quotes" are "just text" here — no CSV rules', origin: { line: 11 } });
    expect(on(d.train[10]?.labels ?? [])).toEqual(["approval", "confusion", "neutral"]);
  });

  it("loads test.tsv as a second evaluation split when present", async () => {
    const dev = await readFile(join(FIXTURES, "goemotions/dev.tsv"));
    const dir = await fixtureCopy({ "goemotions/test.tsv": dev });
    expect((await loadGoEmotions(dir)).eval.test).toHaveLength(3);
  });

  it("rejects a label id outside labels.txt, naming file, line and column", async () => {
    const text = await readFile(join(FIXTURES, "goemotions/train.tsv"), "utf8");
    for (const [bad, id] of [["8,28", "28"], ["8,x", "x"], ["8,", ""]] as const) {
      const dir = await fixtureCopy({ "goemotions/train.tsv": text.replace("\t8,20\t", `\t${bad}\t`) });
      await expect(loadGoEmotions(dir)).rejects.toThrow(`${join(dir, "goemotions/train.tsv")}:8: column "labels": label id "${id}" is not an integer from 0 to 27`);
    }
  });

  it("rejects a row without its three fields and a repeated label name", async () => {
    const text = await readFile(join(FIXTURES, "goemotions/train.tsv"), "utf8");
    const short = await fixtureCopy({ "goemotions/train.tsv": text.replace("\teebbqej", "") });
    await expect(loadGoEmotions(short)).rejects.toThrow(/train\.tsv:1: expected 3 tab-separated fields \(text, label ids, comment id\), found 2/);
    const twice = await fixtureCopy({ "goemotions/labels.txt": `${GOEMOTIONS_LABELS.join("\n")}\njoy\n` });
    await expect(loadGoEmotions(twice)).rejects.toThrow(/labels\.txt:29: label "joy" appears twice/);
  });
});
