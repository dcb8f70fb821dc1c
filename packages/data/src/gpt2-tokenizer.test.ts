import { createRng } from "@orderbench/core/rng";
import { describe, expect, it } from "vitest";
import { GPT2_EXTRA_SPECIALS, GPT2_VOCAB_SIZE, createGpt2Tokenizer } from "./gpt2-tokenizer";

const t = createGpt2Tokenizer();

/** Random strings over ASCII, Latin-1, Greek, CJK, emoji (astral), combining marks and whitespace. */
function randomText(seed: number): string {
  const rng = createRng(seed);
  const ranges: [number, number][] = [[0x20, 0x7e], [0xa0, 0xff], [0x370, 0x3ff], [0x4e00, 0x4fff], [0x1f300, 0x1f64f], [0x300, 0x36f], [0x9, 0xa]];
  let s = "";
  const n = rng.int(60);
  for (let i = 0; i < n; i++) {
    const [lo, hi] = ranges[rng.int(ranges.length)] as [number, number];
    s += String.fromCodePoint(lo + rng.int(hi - lo + 1));
  }
  return s;
}

describe("GPT-2 BPE tokenizer", () => {
  it("has GPT-2's 50,257 tokens in encoder.json spelling, then the extra specials", () => {
    expect(t.kind).toBe("gpt2-bpe");
    expect(t.vocab.size).toBe(GPT2_VOCAB_SIZE + GPT2_EXTRA_SPECIALS.length);
    expect([t.vocab.token(0), t.vocab.token(262), t.vocab.token(198), t.vocab.token(50256)]).toEqual(["!", "Ġthe", "Ċ", "<|endoftext|>"]);
    expect(GPT2_EXTRA_SPECIALS.map((s) => t.special(s))).toEqual([50257, 50258, 50259, 50260]);
    expect(t.special("<|endoftext|>")).toBe(50256);
    expect(() => t.special("<mask>")).toThrow(/no special token "<mask>"/);
  });

  it("encodes as GPT-2 does", () => {
    expect(t.encode("hello world")).toEqual([31373, 995]);
    expect(t.encode("Hello, world!")).toEqual([15496, 11, 995, 0]);
    expect(t.encode(" the")).toEqual([262]);
  });

  it.each([
    "",
    "The quick brown fox jumps over the lazy dog.",
    '  leading and trailing spaces, "quotes", tabs\tand\nnewlines\r\n',
    "Café naïve résumé — ½ ¼ € ™",
    "日本語のテキスト、中文文本，한국어 텍스트",
    "emoji 🎉👩‍👩‍👧 flags 🇳🇴 and skin tones 👍🏽",
    "combining: e\u0301 a\u0308 and Zalgo: Z\u0351\u0354a\u0352l\u0353g\u0350o",
    "<|endoftext|> written in text stays text",
    "1 @,@ 000 <unk> = = Section = =",
  ])("decode(encode(x)) === x for %j", (text) => {
    expect(t.decode(t.encode(text))).toBe(text);
  });

  it("round-trips 300 random strings of mixed scripts", () => {
    for (let seed = 0; seed < 300; seed++) {
      const text = randomText(seed);
      expect(t.decode(t.encode(text))).toBe(text);
    }
  });

  it("treats <|endoftext|> in text as text, and decodes special ids to their names", () => {
    expect(t.encode("<|endoftext|>")).not.toContain(50256);
    const sep = t.special("<sep>");
    expect(t.decode([...t.encode("question"), sep, ...t.encode(" answer"), 50256])).toBe("question<sep> answer<|endoftext|>");
  });

  it("joins the bytes of neighbouring tokens, so a character split across tokens comes back whole", () => {
    const ids = t.encode("🎉");
    expect(ids.length).toBeGreaterThan(1);
    expect(t.decode(ids)).toBe("🎉");
  });

  it("rejects ids outside the vocabulary", () => {
    expect(() => t.decode([50261])).toThrow(/token id 50261 is outside the GPT-2 vocabulary \(size 50261\)/);
    expect(() => t.decode([-1])).toThrow(/outside/);
  });
});
