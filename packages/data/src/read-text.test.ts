import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "./read-text";

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));

describe("decodeUtf8", () => {
  it("decodes UTF-8 and drops a byte-order mark", () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], "Quality\tnaïve 🎉\n"), "f")).toBe("Quality\tnaïve 🎉\n");
  });

  it.each([
    ["a lone continuation byte", bytes("ok\nab", [0x80], "c\n"), 2, 3, "0x80"],
    ["Latin-1 é", bytes("ok\nok\ncaf", [0xe9], "\n"), 3, 4, "0xe9"],
    ["a truncated 3-byte sequence", bytes("€ ok\n", [0xe2, 0x82], "x\n"), 2, 1, "0xe2"],
    ["an overlong encoding", bytes([0xc0, 0xaf]), 1, 1, "0xc0"],
  ])("names the line and byte of %s", (_, data, line, byte, hex) => {
    expect(() => decodeUtf8(data, "/d/f.tsv")).toThrow(`/d/f.tsv:${line}: not valid UTF-8 (byte ${byte} of the line, ${hex})`);
  });
});
