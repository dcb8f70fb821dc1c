import { describe, expect, it } from "vitest";
import { aggregateByStrategy, type RunOutcome } from "./leaderboard";

const run = (strategy: string, seed: number, final: number, curve: [number, number][] = []): RunOutcome => ({
  strategy,
  seed,
  final,
  best: Math.max(final, ...curve.map(([, v]) => v)),
  curve: curve.map(([step, value]) => ({ step, value })),
});

describe("aggregateByStrategy", () => {
  const runs = [
    run("plain", 0, 0.5, [[100, 0.2], [200, 0.5]]),
    run("plain", 1, 0.6, [[100, 0.3], [200, 0.6]]),
    run("plain", 2, 0.4, [[100, 0.1], [200, 0.4]]),
    run("reverse", 0, 0.9, [[100, 0.6], [200, 0.9]]),
    run("reverse", 1, 0.95, [[100, 0.7], [200, 0.95]]),
    run("reverse", 2, 0.85, [[100, 0.5], [200, 0.85]]),
  ];

  it("summarises seeds and pairs the difference to plain by seed", () => {
    const [plain, reverse] = aggregateByStrategy(runs);
    expect(plain?.strategy).toBe("plain");
    expect(plain?.vsBaseline).toBeNull();
    expect(reverse?.final.mean).toBeCloseTo(0.9, 10);
    expect(reverse?.final.std).toBeCloseTo(0.05, 10);
    expect(reverse?.final.n).toBe(3);
    expect(reverse?.best).toBe(0.95);
    // Differences 0.4, 0.35, 0.45: mean 0.4, sd 0.05, half-width t(0.975,2)·0.05/√3 = 0.124209.
    expect(reverse?.vsBaseline?.mean).toBeCloseTo(0.4, 10);
    expect(reverse?.vsBaseline?.ci95?.[0]).toBeCloseTo(0.4 - 0.124209, 5);
    expect(reverse?.vsBaseline?.ci95?.[1]).toBeCloseTo(0.4 + 0.124209, 5);
  });

  it("reports steps to each threshold over the runs that reached it", () => {
    const [plain, reverse] = aggregateByStrategy(runs, { thresholds: [0.5, 0.9] });
    expect(reverse?.convergence).toEqual([
      { threshold: 0.5, meanSteps: 100, reached: 3 },
      { threshold: 0.9, meanSteps: 200, reached: 2 },
    ]);
    expect(plain?.convergence[0]).toEqual({ threshold: 0.5, meanSteps: 200, reached: 2 });
    expect(plain?.convergence[1]).toEqual({ threshold: 0.9, meanSteps: null, reached: 0 });
  });

  it("reads steps to each threshold from thresholdSteps instead of the curve when given", () => {
    const precomputed = runs.map((r) => ({ ...r, curve: [], thresholdSteps: [0.5, 0.9].map((t) => r.curve.find((p) => p.value >= t)?.step ?? null) }));
    expect(aggregateByStrategy(precomputed, { thresholds: [0.5, 0.9] })).toEqual(aggregateByStrategy(runs, { thresholds: [0.5, 0.9] }));
    const [plain] = aggregateByStrategy([{ ...run("plain", 0, 0.5, [[100, 0.9]]), thresholdSteps: [300, null] }], { thresholds: [0.5, 0.9] });
    expect(plain?.convergence).toEqual([
      { threshold: 0.5, meanSteps: 300, reached: 1 },
      { threshold: 0.9, meanSteps: null, reached: 0 },
    ]);
  });

  it("has no baseline difference when plain was not run", () => {
    expect(aggregateByStrategy(runs.filter((r) => r.strategy !== "plain"))[0]?.vsBaseline).toBeNull();
  });

  it("counts a seed once: replicate runs of one strategy and seed are averaged into one observation", () => {
    const replicated = [
      ...runs,
      // A clone of plain seed 0 that did better, and a re-run of reverse seed 2 identical to the first.
      run("plain", 0, 0.7, [[100, 0.5], [200, 0.7]]),
      run("reverse", 2, 0.85, [[100, 0.5], [200, 0.85]]),
    ];
    const [plain, reverse] = aggregateByStrategy(replicated, { thresholds: [0.5, 0.9] });
    // plain seed 0 is (0.5 + 0.7) / 2 = 0.6: observations 0.6, 0.6, 0.4.
    expect(plain?.final.n).toBe(3);
    expect(plain?.final.mean).toBeCloseTo((0.6 + 0.6 + 0.4) / 3, 10);
    expect(plain?.best).toBe(0.7);
    // Seed 0 reached 0.5 at 200 (first run) and 100 (clone): 150; seed 1 at 200; seed 2 never.
    expect(plain?.convergence[0]).toEqual({ threshold: 0.5, meanSteps: (150 + 200) / 2, reached: 2 });
    // The identical re-run changes nothing of reverse's row but the best (equal) and its runs.
    const [, alone] = aggregateByStrategy(runs, { thresholds: [0.5, 0.9] });
    expect(reverse?.final).toEqual(alone?.final);
    expect(reverse?.convergence).toEqual(alone?.convergence);
    // Differences by seed: 0.9 − 0.6, 0.95 − 0.6, 0.85 − 0.4.
    expect(reverse?.vsBaseline?.n).toBe(3);
    expect(reverse?.vsBaseline?.mean).toBeCloseTo((0.3 + 0.35 + 0.45) / 3, 10);
  });
});
