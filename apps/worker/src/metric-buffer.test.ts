import { describe, expect, it } from "vitest";
import { MetricBuffer, type MetricPoint } from "./metric-buffer";

describe("MetricBuffer", () => {
  it("sends in bounded batches, keeps what failed, and resends it first", async () => {
    const buf = new MetricBuffer(3);
    for (let s = 1; s <= 7; s++) buf.add("loss", s, 1 / s);
    const received: number[][] = [];
    let fail = true;
    const send = async (b: MetricPoint[]): Promise<void> => {
      if (b[0]?.step === 4 && fail) {
        fail = false;
        throw new Error("API down");
      }
      received.push(b.map((p) => p.step));
    };
    await expect(buf.flush(send)).rejects.toThrow("API down");
    expect(buf.size).toBe(4);
    buf.add("loss", 8, 0.1);
    expect(await buf.flush(send)).toBe(5);
    expect(received).toEqual([[1, 2, 3], [4, 5, 6], [7, 8]]);
    expect(buf.size).toBe(0);
  });

  it("carries NaN and Infinity as flagged nulls", () => {
    const buf = new MetricBuffer(10);
    buf.add("loss", 1, Number.NaN);
    buf.add("loss", 2, Number.POSITIVE_INFINITY);
    const out: MetricPoint[] = [];
    void buf.flush(async (b) => void out.push(...b));
    expect(out.map((p) => [p.value, p.nonFinite])).toEqual([[null, "NAN"], [null, "POSITIVE_INFINITY"]]);
  });
});
