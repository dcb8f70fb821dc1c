import { describe, expect, it } from "vitest";
import { bandGrid, meanStd, resample } from "./bands";

describe("bandGrid", () => {
  it("is the sorted union of the steps", () => {
    expect(bandGrid([{ steps: [0, 4, 8], values: [1, 1, 1] }, { steps: [2, 4, 10], values: [1, 1, 1] }])).toEqual([0, 2, 4, 8, 10]);
  });

  it("thins a long union evenly, keeping the first and the last step", () => {
    const steps = Array.from({ length: 10_001 }, (_, i) => i);
    const xs = bandGrid([{ steps, values: steps }], 101);
    expect(xs).toHaveLength(101);
    expect(xs[0]).toBe(0);
    expect(xs.at(-1)).toBe(10_000);
    expect(xs[50]).toBe(5000);
  });
});

describe("resample", () => {
  it("interpolates linearly inside the series' range and is null outside it", () => {
    expect(resample({ steps: [10, 20], values: [1, 3] }, [0, 10, 15, 20, 30])).toEqual([null, 1, 2, 3, null]);
  });

  it("keeps the series' own points and does not interpolate across a non-finite one", () => {
    const s = { steps: [0, 10, 20, 30], values: [0, null, 4, 6] };
    expect(resample(s, [0, 5, 10, 20, 25])).toEqual([0, null, null, 4, 5]);
  });
});

describe("meanStd", () => {
  it("gives the mean and the sample standard deviation over the seeds at each step", () => {
    const a = { steps: [0, 10], values: [1, 3] };
    const b = { steps: [0, 10], values: [3, 7] };
    const band = meanStd([a, b], [0, 5, 10]);
    expect(band.mean).toEqual([2, 3.5, 5]);
    expect(band.n).toEqual([2, 2, 2]);
    // Seeds 1 and 3: sample std √2; at step 5 the seeds read 2 and 5: std 3/√2.
    expect(band.hi[0]).toBeCloseTo(2 + Math.SQRT2, 12);
    expect(band.lo[0]).toBeCloseTo(2 - Math.SQRT2, 12);
    expect(band.hi[1]).toBeCloseTo(3.5 + 3 / Math.SQRT2, 12);
    expect((band.hi[2] as number) - (band.mean[2] as number)).toBeCloseTo(2 * Math.SQRT2, 12);
  });

  it("counts a seed only inside its own range: a shorter run leaves the later mean to the others", () => {
    const long = { steps: [0, 100], values: [4, 4] };
    const short = { steps: [0, 50], values: [2, 2] };
    const band = meanStd([long, short], [0, 50, 100]);
    expect(band.mean).toEqual([3, 3, 4]);
    expect(band.n).toEqual([2, 2, 1]);
    expect(band.lo[2]).toBe(4);
    expect(band.hi[2]).toBe(4);
  });

  it("leaves steps no seed covers empty", () => {
    const band = meanStd([{ steps: [10], values: [1] }], [0, 10]);
    expect(band.mean).toEqual([null, 1]);
    expect(band.lo).toEqual([null, 1]);
  });
});
