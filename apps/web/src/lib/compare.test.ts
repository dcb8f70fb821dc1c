import { describe, expect, it } from "vitest";
import { compareQuery, groupKey, parseCompare, runStyle } from "./compare";

const A = "0b9f0c1e-8f2a-4c55-9a51-2c7c1f3f0a01";
const B = "7d3c2b1a-1111-4222-8333-944455556666";

describe("parseCompare / compareQuery", () => {
  it("reads distinct run ids, the view and the baseline, and writes them back", () => {
    const s = parseCompare(new URLSearchParams(`runs=${A},${B.toUpperCase()},${A},not-an-id&view=strategies&baseline=${A}`));
    expect(s).toEqual({ runs: [A, B], view: "strategies", baseline: A });
    expect(compareQuery(s)).toBe(`runs=${A},${B}&view=strategies&baseline=${A}`);
    expect(parseCompare(new URLSearchParams(compareQuery(s)))).toEqual(s);
  });

  it("defaults to the runs view without a baseline", () => {
    expect(parseCompare(new URLSearchParams(""))).toEqual({ runs: [], view: "runs", baseline: null });
    expect(compareQuery({ runs: [A], view: "runs", baseline: null })).toBe(`runs=${A}`);
  });
});

describe("runStyle", () => {
  it("gives the first six runs six colours, then repeats them dashed", () => {
    const colors = Array.from({ length: 6 }, (_, i) => runStyle(i).color);
    expect(new Set(colors).size).toBe(6);
    expect(colors).not.toContain("#000000");
    expect(runStyle(0).dash).toBeUndefined();
    expect(runStyle(6)).toEqual({ color: runStyle(0).color, dash: [6, 3] });
  });

  it("keys groups by experiment, strategy and grid values", () => {
    expect(groupKey("e", "plain", null)).not.toBe(groupKey("e", "plain", "lr 0.01"));
    expect(groupKey("e", "plain", null)).not.toBe(groupKey("f", "plain", null));
  });
});
