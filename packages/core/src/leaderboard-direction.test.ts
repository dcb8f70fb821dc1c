import { describe, expect, it } from "vitest";
import { aggregateByStrategy, type RunOutcome } from "./leaderboard";
import { aggregateInDirection } from "./leaderboard-direction";

const run = (strategy: string, seed: number, final: number, curve: [number, number][]): RunOutcome => ({
  strategy,
  seed,
  final,
  best: Math.min(...curve.map(([, v]) => v)),
  curve: curve.map(([step, value]) => ({ step, value })),
});

describe("aggregateInDirection", () => {
  const runs = [
    run("plain", 0, 120, [[100, 300], [200, 120]]),
    run("plain", 1, 110, [[100, 250], [200, 110]]),
    run("max-mi", 0, 100, [[100, 180], [200, 100]]),
    run("max-mi", 1, 96, [[100, 200], [200, 96]]),
  ];

  it("keeps means and differences, takes the lowest best and reaches a threshold from above for a lower-is-better metric", () => {
    const [plain, max] = aggregateInDirection(runs, { direction: "min", thresholds: [200, 105] });
    expect(plain?.final).toMatchObject({ n: 2, mean: 115, min: 110, max: 120 });
    expect(plain?.best).toBe(110);
    expect(max?.final.mean).toBe(98);
    expect(max?.best).toBe(96);
    expect(max?.vsBaseline?.mean).toBe(-17);
    const [lo, hi] = max?.vsBaseline?.ci95 ?? [];
    expect(lo).toBeLessThan(-17);
    expect(hi).toBeGreaterThan(-17);
    // plain reaches ≤ 200 at step 200 (seed 0) and 200 (seed 1); max-mi at 100 on both seeds.
    expect(plain?.convergence).toEqual([
      { threshold: 200, meanSteps: 200, reached: 2 },
      { threshold: 105, meanSteps: null, reached: 0 },
    ]);
    expect(max?.convergence).toEqual([
      { threshold: 200, meanSteps: 100, reached: 2 },
      { threshold: 105, meanSteps: 200, reached: 2 },
    ]);
  });

  it("is aggregateByStrategy for a higher-is-better metric", () => {
    expect(aggregateInDirection(runs, { direction: "max", thresholds: [100] })).toEqual(aggregateByStrategy(runs, { thresholds: [100] }));
  });
});
