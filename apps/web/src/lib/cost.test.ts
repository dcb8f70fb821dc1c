import { describe, expect, it } from "vitest";
import { runsPerRequest, SERIES_COST_BUDGET } from "./cost";

/** The API's estimate (apps/api/src/graphql/limits/complexity.ts, `series`). */
const cost = (runs: number, names: number, maxPoints: number) => 10 + runs * names * Math.ceil(maxPoints / 10);

describe("runsPerRequest", () => {
  it("keeps each request's estimated cost within the budget, as many runs as fit", () => {
    for (const [names, points] of [[["loss", "eval/exact_match"], 1000], [null, 2000], [["a", "b", "c", "d", "e"], 1000], [["loss"], 10]] as const) {
      const n = runsPerRequest(names, points);
      const k = names?.length ?? 4;
      expect(cost(n, k, points)).toBeLessThanOrEqual(SERIES_COST_BUDGET);
      if (n < 100) expect(cost(n + 1, k, points)).toBeGreaterThan(SERIES_COST_BUDGET);
    }
    expect(runsPerRequest(["loss"], 10)).toBe(100);
    expect(runsPerRequest(null, 1_000_000)).toBe(1);
  });
});
