import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, fixtureCopy } from "./test-support";
import { loadWikiText } from "./wikitext";

describe("loadWikiText", () => {
  it("loads the tokenized splits present, as articles of paragraphs", async () => {
    const c = await loadWikiText(FIXTURES);
    expect(c).toMatchObject({ name: "wikitext-2", variant: "tokens" });
    expect(Object.keys(c.splits)).toEqual(["train", "valid"]);
    const train = c.splits.train!;
    expect(train.file).toBe(join(FIXTURES, "wikitext-2/wiki.train.tokens"));
    expect(train.articles.map((a) => [a.title, a.paragraphs.length, a.origin.line])).toEqual([
      ["Valkyria Chronicles III", 3, 2],
      ["Tower Building of the Little Rock Arsenal", 2, 14],
    ]);
    expect(train.articles[0]?.paragraphs[2]).toBe("The game 's development began in 2010 , carrying over a large portion of the work done on Valkyria Chronicles II . It sold 102 @,@ 779 copies , and 2 @.@ 5 % of them in the first week .");
    expect(train.lines).toContain("= = = Development = = =");
    expect(train.lines).toHaveLength(9);
    expect(train.fileLines).toBe(17);
  });

  it("counts tokens as WikiText does (space-separated; the published counts add an <eos> per file line)", async () => {
    const valid = (await loadWikiText(FIXTURES, { splits: ["valid"] })).splits.valid!;
    const words = valid.lines.join(" ").split(" ").length;
    expect(valid.tokens).toBe(words);
    expect(valid.fileLines).toBe(8);
  });

  it("loads the raw variant from wikitext-2-raw/", async () => {
    const c = await loadWikiText(FIXTURES, { variant: "raw" });
    expect(c.name).toBe("wikitext-2-raw");
    expect(Object.keys(c.splits)).toEqual(["valid"]);
    expect(c.splits.valid?.articles[0]?.paragraphs[0]).toContain("a species of clawed lobster");
  });

  it("requires the splits asked for, naming the file", async () => {
    await expect(loadWikiText(FIXTURES, { splits: ["test"] })).rejects.toThrow(
      `missing ${join(FIXTURES, "wikitext-2/wiki.test.tokens")}: no wikitext-2/wiki.test.tokens in the data directory ${FIXTURES} (from the directory passed in); \`orderbench data fetch wikitext-2\` downloads it`,
    );
  });

  it("accepts valid.txt, the name of the copy in shared data", async () => {
    const dir = await fixtureCopy();
    const { rename } = await import("node:fs/promises");
    await rename(join(dir, "wikitext-2/wiki.valid.tokens"), join(dir, "wikitext-2/valid.txt"));
    expect((await loadWikiText(dir, { splits: ["valid"] })).splits.valid?.file).toBe(join(dir, "wikitext-2/valid.txt"));
  });

  it("rejects text before the first title and reports a directory with no split", async () => {
    const dir = await fixtureCopy({ "wikitext-2/wiki.valid.tokens": " \n Orphan paragraph . \n = Title = \n" });
    await expect(loadWikiText(dir, { splits: ["valid"] })).rejects.toThrow(/wiki\.valid\.tokens:2: text before the first article title/);
    await expect(loadWikiText("/nowhere")).rejects.toThrow(/no WikiText-2 \(tokens\) split in the data directory \/nowhere .*looked for wikitext-2\/wiki\.train\.tokens/);
  });
});
