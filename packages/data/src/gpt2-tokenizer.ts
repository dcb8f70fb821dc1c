import type { Tokenizer } from "@orderbench/core/text/types";
import { createVocab, type Vocab } from "@orderbench/core/vocab";
import bpeRanks from "gpt-tokenizer/bpeRanks/r50k_base";
import { decode as bpeDecode, encode as bpeEncode } from "gpt-tokenizer/encoding/gpt2";

/** GPT-2's own vocabulary: 50,256 byte-level BPE tokens and `<|endoftext|>` (id 50256). */
export const GPT2_VOCAB_SIZE = 50_257;
export const GPT2_END_OF_TEXT = "<|endoftext|>";
/** Specials orderbench adds after GPT-2's vocabulary, at ids 50257 onwards. */
export const GPT2_EXTRA_SPECIALS = ["<pad>", "<unk>", "<sep>", "<bos>"] as const;

/**
 * GPT-2's byte-to-unicode table (openai/gpt-2 `encoder.py`): printable Latin-1 bytes map to themselves,
 * the other 68 bytes to U+0100 onwards, so every token's bytes have one printable name (`Ġthe` for " the")
 * and the vocabulary matches GPT-2's `encoder.json`.
 */
function byteNames(): string[] {
  const names = new Array<string>(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    names[b] = String.fromCodePoint(printable ? b : 256 + extra++);
  }
  return names;
}

/** The GPT-2 vocabulary in `encoder.json` spelling, then `GPT2_EXTRA_SPECIALS`. */
export function gpt2Vocab(): Vocab {
  const names = byteNames();
  const utf8 = new TextEncoder();
  const tokens = bpeRanks.map((t) => Array.from(typeof t === "string" ? utf8.encode(t) : t, (b) => names[b] as string).join(""));
  if (tokens.length !== GPT2_VOCAB_SIZE - 1) throw new Error(`gpt-tokenizer's r50k_base has ${tokens.length} tokens, expected ${GPT2_VOCAB_SIZE - 1}`);
  return createVocab([...tokens, GPT2_END_OF_TEXT, ...GPT2_EXTRA_SPECIALS]);
}

/**
 * GPT-2 byte-level BPE (the `gpt-tokenizer` package's `r50k_base` ranks). `encode` treats every character
 * as text, `<|endoftext|>` included, so `decode(encode(s)) === s` for any well-formed string (lone
 * surrogates excepted: they have no UTF-8 form). `decode` joins the bytes of all non-special ids before
 * decoding, so characters split across tokens come back whole; special ids (`<|endoftext|>`, `<pad>`, …)
 * decode to their names.
 */
export function createGpt2Tokenizer(): Tokenizer {
  const vocab = gpt2Vocab();
  const eot = GPT2_VOCAB_SIZE - 1;
  return {
    kind: "gpt2-bpe",
    vocab,
    encode: (text) => bpeEncode(text, { disallowedSpecial: new Set() }),
    decode(ids) {
      let out = "";
      let run: number[] = [];
      for (const id of ids) {
        if (!Number.isInteger(id) || id < 0 || id >= vocab.size) throw new RangeError(`token id ${id} is outside the GPT-2 vocabulary (size ${vocab.size})`);
        if (id < eot) {
          run.push(id);
          continue;
        }
        if (run.length > 0) out += bpeDecode(run);
        run = [];
        out += vocab.token(id);
      }
      return run.length > 0 ? out + bpeDecode(run) : out;
    },
    special(name) {
      if (name !== GPT2_END_OF_TEXT && !(GPT2_EXTRA_SPECIALS as readonly string[]).includes(name)) {
        throw new Error(`the GPT-2 tokenizer has no special token ${JSON.stringify(name)}; it has ${[GPT2_END_OF_TEXT, ...GPT2_EXTRA_SPECIALS].join(", ")}`);
      }
      return vocab.id(name);
    },
  };
}
