import { describe, expect, it } from "vitest";
import { formatMetric, lowerIsBetter } from "./format";
import { cannotDifferReason, directionLabel, isTextTaskName, primaryMetricOf, primarySeries } from "./task-metric";

describe("primary metric of a task", () => {
  it("is exact match for arithmetic, score for classification and perplexity (lower is better) for wikitext-2", () => {
    expect(primarySeries("mul:2")).toBe("eval/exact_match");
    expect(primarySeries("glue/rte")).toBe("eval/score");
    expect(primaryMetricOf("glue/MRPC").label).toBe("mean(f1, accuracy)");
    expect(primaryMetricOf("goemotions")).toMatchObject({ name: "score", direction: "max", label: "microF1" });
    const ppl = primaryMetricOf("wikitext-2");
    expect(ppl).toMatchObject({ name: "perplexity", direction: "min", percent: false });
    expect(directionLabel(ppl)).toBe("lower is better");
    expect(lowerIsBetter(primarySeries("wikitext-2"))).toBe(true);
    expect(primarySeries("not a task")).toBe("eval/exact_match");
    expect([isTextTaskName("glue/sst2"), isTextTaskName("wikitext-2"), isTextTaskName("add:2"), isTextTaskName("nope")]).toEqual([true, true, false, false]);
  });

  it("shows a text task's scores as percentages and perplexity as a number", () => {
    expect(formatMetric("eval/score", 0.5)).toBe("50.00%");
    expect(formatMetric("f1/toxic", 0.25)).toBe("25.00%");
    expect(formatMetric("eval/perplexity", 123.4567)).toBe("123.4567");
  });

  it("says why strategies cannot differ on SST-2 under the word tokenizer, and nothing where they can", () => {
    expect(cannotDifferReason({ task: "glue/SST-2" })).toMatch(/one token under the word tokenizer: the target has one position/);
    expect(cannotDifferReason({ task: "glue/RTE" })).toBeNull();
    expect(cannotDifferReason({ task: "mul:2" })).toBeNull();
    expect(cannotDifferReason({ task: "glue/SST-2", model: { preset: "gpt2-small" }, text: { tokenizer: "gpt2-bpe" } })).toBeNull();
  });
});
