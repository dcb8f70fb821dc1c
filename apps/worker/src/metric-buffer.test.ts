import { describe, expect, it } from "vitest";
import { MetricBuffer, type MetricPoint } from "./metric-buffer";

const steps = (b: MetricPoint[]): number[] => b.map((p) => p.step);

describe("MetricBuffer", () => {
  it("sends in bounded batches, keeps what failed, and resends it first", async () => {
    const buf = new MetricBuffer(3);
    for (let s = 1; s <= 7; s++) buf.add("loss", s, 1 / s);
    buf.seal();
    const received: number[][] = [];
    let fail = true;
    const send = async (b: MetricPoint[]): Promise<void> => {
      if (b[0]?.step === 4 && fail) {
        fail = false;
        throw new Error("API down");
      }
      received.push(steps(b));
    };
    await expect(buf.flush(send)).rejects.toThrow("API down");
    expect(buf.size).toBe(4);
    buf.add("loss", 8, 0.1);
    buf.seal();
    expect(await buf.flush(send)).toBe(5);
    expect(received).toEqual([[1, 2, 3], [4, 5, 6], [7, 8]]);
    expect(buf.size).toBe(0);
  });

  it("holds the newest step back until a later step arrives or it is sealed", async () => {
    const buf = new MetricBuffer(100);
    const received: string[] = [];
    const send = async (b: MetricPoint[]): Promise<void> => void received.push(...b.map((p) => `${p.name}@${p.step}`));
    buf.add("loss", 1, 1);
    buf.add("loss", 2, 1);
    await buf.flush(send);
    expect(received).toEqual(["loss@1"]);
    // An evaluation of step 2 arrives after the step's own points: they still leave together.
    buf.add("eval/exact_match", 2, 0.5);
    buf.seal();
    await buf.flush(send);
    expect(received).toEqual(["loss@1", "loss@2", "eval/exact_match@2"]);
  });

  it("ends a batch at a step boundary, splitting only a step larger than the limit", async () => {
    const buf = new MetricBuffer(5);
    for (let s = 1; s <= 3; s++) for (const name of ["a", "b"]) buf.add(name, s, s);
    for (const name of ["a", "b", "c", "d", "e", "f", "g"]) buf.add(name, 4, 4);
    buf.seal();
    const batches: number[][] = [];
    await buf.flush(async (b) => void batches.push(steps(b)));
    expect(batches).toEqual([[1, 1, 2, 2], [3, 3], [4, 4, 4, 4, 4], [4, 4]]);
  });

  it("runs overlapping flushes one after another, so no point is sent twice or dropped", async () => {
    const buf = new MetricBuffer(2);
    for (let s = 1; s <= 6; s++) buf.add("loss", s, s);
    buf.seal();
    const received: number[] = [];
    const slow = async (b: MetricPoint[]): Promise<void> => {
      await new Promise((r) => setTimeout(r, 5));
      received.push(...steps(b));
    };
    const [a, b] = await Promise.all([buf.flush(slow), buf.flush(slow)]);
    expect(a + b).toBe(6);
    expect(received).toEqual([1, 2, 3, 4, 5, 6]);
    expect(buf.flushing).toBe(false);
  });

  it("refuses a point older than the newest one", () => {
    const buf = new MetricBuffer(10);
    buf.add("loss", 5, 1);
    expect(() => buf.add("loss", 4, 1)).toThrow(/step 4 arrived after step 5/);
  });

  it("carries NaN and Infinity as flagged nulls", async () => {
    const buf = new MetricBuffer(10);
    buf.add("loss", 1, Number.NaN);
    buf.add("loss", 2, Number.POSITIVE_INFINITY);
    buf.seal();
    const out: MetricPoint[] = [];
    await buf.flush(async (b) => void out.push(...b));
    expect(out.map((p) => [p.value, p.nonFinite])).toEqual([[null, "NAN"], [null, "POSITIVE_INFINITY"]]);
  });
});
