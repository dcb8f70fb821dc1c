import { ExperimentSpecSchema, formatSpecError } from "@orderbench/core/spec";
import { describe, expect, it } from "vitest";
import { DEFAULT_FORM, errorsByField, fieldForPath, gridSize, PAPER_SETTINGS, toSpec, type FormValues } from "./experiment-form";

const form = (over: Partial<FormValues>): FormValues => ({ ...DEFAULT_FORM, name: "t", ...over });

/** What the API would answer: core's schema and error formatting (apps/api/src/validate-input.ts). */
function apiErrors(values: FormValues) {
  const r = ExperimentSpecSchema.safeParse(toSpec(values));
  return r.success ? [] : formatSpecError(r.error);
}

describe("toSpec", () => {
  it("sends the defaults and every paper setting as specs core accepts", () => {
    expect(apiErrors(form({}))).toEqual([]);
    for (const p of PAPER_SETTINGS) expect(apiErrors(form(p.values)), p.id).toEqual([]);
  });

  it("leaves out empty optional fields and keeps the shape the spec expects", () => {
    const spec = toSpec(form({ nLayer: "1", nEmbd: "16", nHead: "2", evalInterval: "10", trainSize: "", tags: " a, b ,," }));
    expect(spec).toMatchObject({ model: { preset: "nanogpt", nLayer: 1, nHead: 2, nEmbd: 16 }, evalInterval: 10, tags: ["a", "b"], budget: { steps: 2000 }, seeds: 3 });
    expect(spec).not.toHaveProperty("data");
  });

  it("passes text that is not a number through, so the API names the field", () => {
    const errors = apiErrors(form({ steps: "lots" }));
    expect(errors[0]?.field).toBe("budget.steps");
    expect(fieldForPath(errors[0]?.field ?? "")).toBe("steps");
  });
});

describe("API errors land on a form field", () => {
  it.each([
    [{ steps: "20000000" }, "steps"],
    [{ strategies: [] }, "strategies"],
    [{ seeds: "0" }, "seeds"],
    [{ task: "div:2" }, "task"],
    [{ nEmbd: "15", nHead: "2" }, "nEmbd"],
    [{ nHead: "5" }, "nHead"],
    [{ lr: "2" }, "lr"],
    [{ batchSize: "0" }, "batchSize"],
    [{ name: "" }, "name"],
    [{ trainSize: "0" }, "trainSize"],
    [{ testSize: "0" }, "testSize"],
    [{ evalInterval: "0" }, "evalInterval"],
  ] as [Partial<FormValues>, string][])("%o → %s", (over, field) => {
    const errors = apiErrors(form(over));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => fieldForPath(e.field))).toContain(field);
  });

  it("collects every problem of extensions.errors, joined per field", () => {
    const out = errorsByField(
      { code: "BAD_USER_INPUT", field: "budget.steps", errors: [{ field: "budget.steps", message: "a" }, { field: "seeds.1", message: "b" }, { field: "budget", message: "c" }, { field: "weird", message: "d" }] },
      "a (and 3 more problems)",
    );
    expect(out).toEqual({ steps: "a; c", seeds: "b", form: "d" });
  });

  it("falls back to extensions.field and the message", () => {
    expect(errorsByField({ code: "BAD_USER_INPUT", field: "grid" }, "too many runs")).toEqual({ grid: "too many runs" });
  });
});

describe("gridSize", () => {
  it("is strategies × seeds, or null while seeds is not a count", () => {
    expect(gridSize(form({ strategies: ["plain", "reverse"], seeds: "3" }))).toBe(6);
    expect(gridSize(form({ seeds: "x" }))).toBeNull();
  });
});
