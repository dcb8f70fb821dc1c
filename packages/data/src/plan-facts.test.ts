import { describe, expect, it } from "vitest";
import { planFacts } from "@orderbench/core/plan";
import { RunSpecSchema, type RunSpecInput } from "@orderbench/core/spec";
import { TEXT_TASK_NAMES } from "@orderbench/core/tasks";
import { planTextRun } from "./plan-run";
import { FIXTURES } from "./test-support";

const spec = (input: RunSpecInput) => RunSpecSchema.parse(input);
const dataDir = { path: FIXTURES, source: "--data-dir" };

describe("planFacts (what the API knows of a text plan without the data)", () => {
  it.each(TEXT_TASK_NAMES.map((task) => [task]))("agrees with the plan from the data on %s", async (task) => {
    const s = spec({ task, data: { trainSize: 8, testSize: 4 }, ...(task === "wikitext-2" ? { text: { corpusSplit: "train" } } : {}) });
    const facts = planFacts(s);
    const plan = await planTextRun(s, { dataDir });
    expect(facts.ref).toEqual(plan.ref);
    expect(facts.metric).toEqual(plan.metric);
    expect(facts.orderable).toBe(plan.orderable);
    // A one-position target says why strategies cannot differ in the same words as the data's plan.
    if (!plan.orderable) expect(facts.orderReason).toBe(plan.orderReason);
  });

  it("leaves orderability open for GLUE under gpt2-bpe, whose verbalizer lengths come from the tokenizer file", () => {
    const facts = planFacts(spec({ task: "glue/SST-2", model: { preset: "gpt2-small" }, text: { tokenizer: "gpt2-bpe" } }));
    expect(facts).toMatchObject({ metric: { name: "score", direction: "max", label: "accuracy" }, orderable: null, orderReason: null });
  });

  it("gives arithmetic's exact match and wikitext-2's perplexity, lower is better", () => {
    expect(planFacts(spec({ task: "add:2", data: { trainSize: 16, testSize: 4 } }))).toMatchObject({ metric: { name: "exact_match", direction: "max" }, orderable: true });
    expect(planFacts(spec({ task: "wikitext-2" })).metric).toEqual({ name: "perplexity", direction: "min", label: "fair perplexity", percent: false });
  });
});
