import { describe, expect, it } from "vitest";
import { alignSeries, CurveStore, downsample, smooth } from "./series";

describe("CurveStore", () => {
  it("drops points at or before a series' last step, so a resumed stream adds nothing twice", () => {
    const store = new CurveStore();
    store.append("r", [
      { name: "loss", step: 1, value: 3 },
      { name: "loss", step: 2, value: 2.5 },
      { name: "eval/exact_match", step: 2, value: 0.1 },
    ]);
    const v = store.version;
    store.append("r", [{ name: "loss", step: 2, value: 9 }]);
    expect(store.version).toBe(v);
    store.append("r", [
      { name: "loss", step: 2, value: 9 },
      { name: "loss", step: 3, value: 2 },
    ]);
    expect(store.get("r", "loss")).toEqual({ steps: [1, 2, 3], values: [3, 2.5, 2] });
    expect(store.lastStep("r")).toBe(3);
    expect(store.count(["r", "other"], "loss")).toBe(3);
  });

  it("puts history before live points that arrived first, and keeps the live ones where they overlap", () => {
    const store = new CurveStore();
    store.append("r", [{ name: "loss", step: 5, value: 1 }]);
    store.setHistory("r", "loss", [
      { step: 3, value: 3 },
      { step: 4, value: 2 },
      { step: 5, value: 99 },
    ]);
    expect(store.get("r", "loss")).toEqual({ steps: [3, 4, 5], values: [3, 2, 1] });
  });

  it("downsamples a live series that outgrows its cap", () => {
    const store = new CurveStore(60);
    store.append("r", Array.from({ length: 200 }, (_, i) => ({ name: "loss", step: i, value: Math.sin(i) })));
    const s = store.get("r", "loss");
    expect(s?.steps.length).toBeLessThanOrEqual(60);
    expect(s?.steps.at(-1)).toBe(199);
  });
});

describe("downsample", () => {
  it("keeps per bucket the minimum, the maximum, the last point and the first non-finite one", () => {
    const steps = Array.from({ length: 100 }, (_, i) => i);
    const values: (number | null)[] = steps.map(() => 1);
    values[10] = -5;
    values[42] = 50;
    values[77] = null;
    const d = downsample({ steps, values }, 5);
    expect(d.steps.length).toBeLessThanOrEqual(20);
    expect(d.steps).toContain(10);
    expect(d.steps).toContain(42);
    expect(d.steps).toContain(77);
    expect(d.steps.at(-1)).toBe(99);
    expect(d.values[d.steps.indexOf(77)]).toBeNull();
    expect([...d.steps].sort((a, b) => a - b)).toEqual(d.steps);
  });

  it("leaves a short series alone", () => {
    const s = { steps: [1, 2, 3], values: [1, 2, 3] };
    expect(downsample(s, 5)).toEqual(s);
  });
});

describe("smooth", () => {
  it("is the identity at weight 0 and a debiased EMA otherwise", () => {
    expect(smooth([1, 2, null, 4], 0)).toEqual([1, 2, null, 4]);
    const s = smooth([2, 2, 2], 0.9);
    for (const v of s) expect(v).toBeCloseTo(2, 10);
    const t = smooth([0, 10], 0.5) as number[];
    expect(t[0]).toBe(0);
    expect(t[1]).toBeCloseTo((0.5 * 0 * 0.5 + 0.5 * 10) / (1 - 0.25), 10);
    expect(smooth([1, null, 3], 0.5)[1]).toBeNull();
  });
});

describe("alignSeries", () => {
  it("puts every series on the union of steps, null where a series has no point", () => {
    const [xs, a, b] = alignSeries([
      { steps: [0, 2], values: [1, 3] },
      { steps: [1, 2], values: [5, 6] },
    ]);
    expect(xs).toEqual([0, 1, 2]);
    expect(a).toEqual([1, null, 3]);
    expect(b).toEqual([null, 5, 6]);
  });

  it("takes series with the same steps as they are, as copies", () => {
    const s1 = { steps: [0, 5, 9], values: [1, null, 3] };
    const s2 = { steps: [0, 5, 9], values: [4, 5, 6] };
    const [xs, a, b] = alignSeries([s1, s2]);
    expect(xs).toEqual([0, 5, 9]);
    expect(a).toEqual([1, null, 3]);
    expect(b).toEqual([4, 5, 6]);
    s1.steps.push(10);
    s1.values.push(7);
    expect(xs).toHaveLength(3);
    expect(a).toHaveLength(3);
    expect(alignSeries([])).toEqual([[]]);
  });
});
