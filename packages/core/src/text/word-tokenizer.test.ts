import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WORD_SPECIALS, buildWordTokenizer, normalizeWords, splitWords, wordTokenizerFromVocab } from "./word-tokenizer";

describe("splitWords", () => {
  it.each([
    ["Hello, world!", ["hello", ",", "world", "!"]],
    ["don't stop", ["don", "'", "t", "stop"]],
    ["costs $3.50 (approx.)", ["costs", "$", "3", ".", "50", "(", "approx", ".", ")"]],
    ["a <unk> lobster , 1 @,@ 000 kg", ["a", "<unk>", "lobster", ",", "1", "@,@", "000", "kg"]],
    ["Café naïve 東京 🎉", ["café", "naïve", "東京", "🎉"]],
    ["  tabs\tand\nnewlines  ", ["tabs", "and", "newlines"]],
    ['"quoted" — dash', ['"', "quoted", '"', "—", "dash"]],
  ])("%j", (text, words) => {
    expect(splitWords(text, true)).toEqual(words);
  });

  it("keeps case when lowercasing is off", () => {
    expect(splitWords("The END", false)).toEqual(["The", "END"]);
  });
});

describe("buildWordTokenizer", () => {
  const train = ["the cat sat on the mat .", "the dog sat .", "a cat !"];

  it("puts the specials first, then words by count, ties in code-point order", () => {
    const t = buildWordTokenizer(train);
    expect(t.vocab.tokens).toEqual([...WORD_SPECIALS, "the", ".", "cat", "sat", "!", "a", "dog", "mat", "on"]);
    expect(WORD_SPECIALS.map((s) => t.special(s))).toEqual([0, 1, 2, 3]);
  });

  it("does not depend on the order of the training texts", () => {
    expect(buildWordTokenizer([...train].reverse()).vocab.tokens).toEqual(buildWordTokenizer(train).vocab.tokens);
  });

  it("applies minCount and maxSize (specials included in the size)", () => {
    expect(buildWordTokenizer(train, { minCount: 2 }).vocab.tokens).toEqual([...WORD_SPECIALS, "the", ".", "cat", "sat"]);
    expect(buildWordTokenizer(train, { maxSize: 6 }).vocab.tokens).toEqual([...WORD_SPECIALS, "the", "."]);
  });

  it("maps unknown words to <unk>, and a <unk> written in the text too", () => {
    const t = buildWordTokenizer(train);
    expect(t.decode(t.encode("The zebra sat on <unk> ."))).toBe("the <unk> sat on <unk> .");
  });

  it("does not count specials written in the training text as words", () => {
    expect(buildWordTokenizer(["a <unk> <unk> <sep> b"]).vocab.tokens).toEqual([...WORD_SPECIALS, "a", "b"]);
  });

  it("lowercase: false keeps distinct cases", () => {
    const t = buildWordTokenizer(["The the THE"], { lowercase: false });
    expect(t.vocab.size).toBe(WORD_SPECIALS.length + 3);
    expect(t.decode(t.encode("THE the"))).toBe("THE the");
  });

  it("round-trips any text over its own training vocabulary, modulo spacing and case", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 40 }), { minLength: 1, maxLength: 5 }), fc.boolean(), (texts, lowercase) => {
        const t = buildWordTokenizer(texts, { lowercase });
        for (const text of texts) expect(t.decode(t.encode(text))).toBe(normalizeWords(text, lowercase));
      }),
      { numRuns: 200 },
    );
  });

  it("rejects bad options and unknown specials by name", () => {
    expect(() => buildWordTokenizer(train, { maxSize: 3 })).toThrow(/maxSize must be an integer of at least 4/);
    expect(() => buildWordTokenizer(train, { minCount: 0 })).toThrow(/minCount/);
    expect(() => buildWordTokenizer(train).special("<eos>")).toThrow(/no special token "<eos>"/);
  });

  it("restores from a saved vocabulary with the same ids", () => {
    const t = buildWordTokenizer(train);
    const u = wordTokenizerFromVocab(t.vocab.tokens, { lowercase: true });
    expect(u.encode("the dog sat on a mat")).toEqual(t.encode("the dog sat on a mat"));
    expect(() => wordTokenizerFromVocab(["the", "<pad>"], { lowercase: true })).toThrow(/starts with <pad>/);
  });
});
