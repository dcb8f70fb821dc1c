import { describe, expect, it } from "vitest";
import { createVocab } from "../vocab";
import { extendVocab, fitSource, formatExample, joinPair, sampleRecords, specialIds } from "./classification";
import { tinyTokenizer } from "./classification-fixtures";

describe("fitSource", () => {
  it("left-pads short inputs so the text ends at the separator and cuts long ones at their end", () => {
    expect(fitSource([7, 8], 5, 0)).toEqual([0, 0, 0, 7, 8]);
    expect(fitSource([1, 2, 3, 4, 5, 6], 4, 0)).toEqual([1, 2, 3, 4]);
    expect(fitSource([], 2, 9)).toEqual([9, 9]);
  });
});

describe("joinPair", () => {
  it("keeps both sentences whole when they fit", () => {
    expect(joinPair([1, 2], [3], 6, 0)).toEqual([1, 2, 0, 3]);
  });
  it("cuts the longer sentence first, the second one on ties", () => {
    // 4 + 1 + 2 = 7 tokens into 5: a is longer twice (4 → 3 → 2), then 2 + 1 + 2 fits.
    expect(joinPair([1, 2, 3, 4], [5, 6], 5, 0)).toEqual([1, 2, 0, 5, 6]);
    // 2 + 1 + 2 = 5 into 4: a tie, so b loses its last token.
    expect(joinPair([1, 2], [5, 6], 4, 0)).toEqual([1, 2, 0, 5]);
    expect(joinPair([1, 2], [5, 6], 1, 0)).toEqual([0]);
  });
});

describe("extendVocab", () => {
  it("appends only missing tokens and keeps the base ids", () => {
    const base = createVocab(["<pad>", "a", "toxic=1"]);
    const v = extendVocab(base, ["toxic=0", "toxic=1", "x", "x"]);
    expect(v.tokens).toEqual(["<pad>", "a", "toxic=1", "toxic=0", "x"]);
    for (const t of base.tokens) expect(v.id(t)).toBe(base.id(t));
    expect(extendVocab(base, ["a"])).toBe(base);
  });
});

describe("sampleRecords", () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  it("draws a seeded sample in file order", () => {
    const s = sampleRecords(items, 10, 3);
    expect(s).toHaveLength(10);
    expect(s).toEqual([...s].sort((a, b) => a - b));
    expect(sampleRecords(items, 10, 3)).toEqual(s);
    expect(sampleRecords(items, 10, 4)).not.toEqual(s);
  });
  it("keeps everything when the size is missing or not smaller", () => {
    expect(sampleRecords(items, undefined, 0)).toEqual(items);
    expect(sampleRecords(items, 80, 0)).toEqual(items);
    expect(() => sampleRecords(items, 0, 0)).toThrow(/positive integer, got 0/);
  });
});

describe("formatExample", () => {
  it("drops padding and decodes each part between separators", () => {
    const tok = tinyTokenizer(["good", "film", "yes"]);
    const [pad, sep] = [tok.special("<pad>"), tok.special("<sep>")];
    const source = [pad, pad, ...tok.encode("good film"), sep, ...tok.encode("yes")];
    expect(formatExample(tok, tok.vocab, pad, sep, source, [tok.vocab.id("yes"), pad])).toBe("good film <sep> yes <sep> yes <pad>");
    expect(specialIds(tok)).toEqual(new Set([0, 1, 2]));
  });
});
