import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seededSplit } from "./split";
import { FIXTURES, fixtureCopy } from "./test-support";
import { TOXIC_LABELS, loadToxic } from "./toxic";

const sample = join(FIXTURES, "toxic/train_sample.csv");

describe("loadToxic", () => {
  it("reads quoted multi-line comments, doubled quotes and tabs, with the line each record starts on", async () => {
    const d = await loadToxic(FIXTURES, { evalFraction: 0.25 });
    expect(d.name).toBe("toxic");
    expect(d.labelNames).toEqual([...TOXIC_LABELS]);
    const all = [...d.train, ...(d.eval.dev ?? [])].sort((a, b) => (a.origin?.line ?? 0) - (b.origin?.line ?? 0));
    expect(all).toHaveLength(12);
    expect(all.map((r) => r.origin?.line)).toEqual([2, 4, 5, 6, 13, 14, 15, 18, 21, 22, 23, 26]);
    expect(all[0]?.text).toBe(
      "Explanation\nWhy the edits made under my username Hardcore Metallica Fan were reverted? They weren't vandalisms, just closure on some GAs after I voted at New York Dolls FAC.",
    );
    expect(all[3]?.text).toMatch(/^"\nMore\n.*subsection of "types of accidents" {2}-I think.*\n\nThere are some examples:\n\n"$/s);
    expect(all[8]?.text).toContain("argument,\tit will merely");
    expect(all[11]).toMatchObject({ text: 'I\'ll kill you, "friend" — that\'s a threat 🔪', labels: [1, 0, 0, 1, 1, 0] });
    expect(all[5]?.labels).toEqual([1, 1, 1, 0, 1, 0]);
  });

  it("each origin line is where the record's id starts in the file", async () => {
    const lines = (await readFile(sample, "utf8")).split("\n");
    const d = await loadToxic(FIXTURES);
    for (const r of [...d.train, ...(d.eval.dev ?? [])]) expect(lines[(r.origin?.line as number) - 1]).toMatch(/^[0-9a-f]{16},/);
  });

  it("splits one file by seed: the same seed gives the same split, another seed another", async () => {
    const a = await loadToxic(FIXTURES, { seed: 1, evalFraction: 0.25 });
    const b = await loadToxic(FIXTURES, { seed: 1, evalFraction: 0.25 });
    const c = await loadToxic(FIXTURES, { seed: 2, evalFraction: 0.25 });
    const lines = (d: typeof a) => d.eval.dev?.map((r) => r.origin?.line);
    expect(a.train).toHaveLength(9);
    expect(lines(a)).toHaveLength(3);
    expect(lines(b)).toEqual(lines(a));
    expect(lines(c)).not.toEqual(lines(a));
  });

  it("uses Kaggle's test.csv + test_labels.csv when present, leaving out unscored (-1) rows", async () => {
    const d = await loadToxic(join(FIXTURES, "kaggle"));
    expect(d.train).toHaveLength(6);
    expect(Object.keys(d.eval)).toEqual(["test"]);
    expect(d.eval.test?.map((r) => r.labels)).toEqual([[0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 1, 0]]);
    expect(d.eval.test?.[1]?.text).toBe('" \n\n == Sources == \n\n * Zawe Ashton on Lapland —  /  "');
  });

  it("rejects a label that is not 0 or 1, naming file, line and column", async () => {
    const bad = (await readFile(sample, "utf8")).replace("COCKSUCKER BEFORE YOU PISS AROUND ON MY WORK,1,1,1,0,1,0", "COCKSUCKER BEFORE YOU PISS AROUND ON MY WORK,1,maybe,1,0,1,0");
    const dir = await fixtureCopy({ "toxic/train_sample.csv": bad });
    await expect(loadToxic(dir)).rejects.toThrow(`${join(dir, "toxic/train_sample.csv")}:14: column "severe_toxic": label "maybe" is not 0 or 1`);
  });

  it("rejects a missing column, unbalanced quotes, a short row and an empty line", async () => {
    const text = await readFile(sample, "utf8");
    const cases: [string, RegExp][] = [
      [text.replace("identity_hate", "hate"), /train_sample\.csv:1: missing column "identity_hate"/],
      [text.replace('threat 🔪",', "threat 🔪,"), /train_sample\.csv:\d+: bad CSV: Quote Not Closed/],
      [text.replace('New York Dolls FAC."', "New York Dolls FAC."), /train_sample\.csv:4: bad CSV: Invalid Closing Quote/],
      [text.replace("000103f0d9cfb60f,", ""), /train_sample\.csv:4: expected 8 comma-separated fields \(as many as the header\), found 7/],
      [text.replace("\n0001d958c54c6e35", "\n\n0001d958c54c6e35"), /train_sample\.csv:13: empty line/],
    ];
    for (const [bad, message] of cases) {
      const dir = await fixtureCopy({ "toxic/train_sample.csv": bad });
      await expect(loadToxic(dir)).rejects.toThrow(message);
    }
  });

  it("says where to get the data when there is none", async () => {
    await expect(loadToxic({ path: "/nowhere", source: "--data-dir" })).rejects.toThrow(
      /missing \/nowhere\/toxic\/train\.csv: no toxic\/train\.csv \(or toxic\/train_sample\.csv\) in the data directory \/nowhere \(from --data-dir\); .*on Kaggle behind a login/,
    );
  });
});

describe("seededSplit", () => {
  it("keeps every record once, in file order, with round(n·fraction) held out", () => {
    const items = Array.from({ length: 101 }, (_, i) => i);
    const { train, eval: held } = seededSplit(items, 0.1, 7);
    expect(held).toHaveLength(10);
    expect([...train, ...held].sort((a, b) => a - b)).toEqual(items);
    expect(train).toEqual([...train].sort((a, b) => a - b));
  });

  it("rejects a fraction outside (0, 1)", () => {
    expect(() => seededSplit([1, 2], 1, 0)).toThrow(/evalFraction/);
  });
});
