import { describe, expect, it } from "vitest";
import { tokensPerRun } from "./tokens";

describe("tokensPerRun", () => {
  it("is steps × batch × core's block size", () => {
    // mul:2: source "ab*cd" (5) + separator... core's blockSize = sourceLength + targetLength = 5 + 4.
    expect(tokensPerRun({ task: "mul:2", steps: "10", batchSize: "2" })).toBe(10 * 2 * 9);
    expect(tokensPerRun({ task: "nope", steps: "10", batchSize: "2" })).toBeNull();
    expect(tokensPerRun({ task: "mul:2", steps: "", batchSize: "2" })).toBeNull();
  });

  it("gives a text task's block size where the form decides it, null where the data does, and never throws", () => {
    // Fixture-checked block sizes (packages/data planTextRun): source + target positions; wikitext-2 its window.
    expect(tokensPerRun({ task: "wikitext-2", steps: "10", batchSize: "2", blockSize: "16" })).toBe(10 * 2 * 16);
    expect(tokensPerRun({ task: "wikitext-2", steps: "10", batchSize: "2" })).toBe(10 * 2 * 64);
    expect(tokensPerRun({ task: "goemotions", steps: "4", batchSize: "8", sourceLength: "12" })).toBe(4 * 8 * 40);
    expect(tokensPerRun({ task: "toxic", steps: "4", batchSize: "8", sourceLength: "12" })).toBe(4 * 8 * 18);
    expect(tokensPerRun({ task: "glue/rte", steps: "4", batchSize: "8", sourceLength: "16" })).toBe(4 * 8 * 18);
    expect(tokensPerRun({ task: "glue/SST-2", steps: "4", batchSize: "8" })).toBe(4 * 8 * 65);
    expect(tokensPerRun({ task: "glue/RTE", steps: "4", batchSize: "8", tokenizer: "gpt2-bpe" })).toBeNull();
    expect(tokensPerRun({ task: "glue/RTE", steps: "4", batchSize: "8", sourceLength: "x" })).toBeNull();
    expect(tokensPerRun({ task: "glue/XNLI", steps: "4", batchSize: "8" })).toBeNull();
  });
});
