import { describe, expect, it } from "vitest";
import { tokensPerRun } from "./tokens";

describe("tokensPerRun", () => {
  it("is steps × batch × core's block size", () => {
    // mul:2: source "ab*cd" (5) + separator... core's blockSize = sourceLength + targetLength = 5 + 4.
    expect(tokensPerRun({ task: "mul:2", steps: "10", batchSize: "2" })).toBe(10 * 2 * 9);
    expect(tokensPerRun({ task: "nope", steps: "10", batchSize: "2" })).toBeNull();
    expect(tokensPerRun({ task: "mul:2", steps: "", batchSize: "2" })).toBeNull();
  });
});
