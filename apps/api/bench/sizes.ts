import type { BackendName } from "./bench-server";

/** How much each measurement does; the full sizes are issue 3's, --quick only checks that the benchmark works. */
export interface Sizes {
  ingest: { lanes: number; warmupBatchesPerLane: number; timedBatchesPerLane: Record<BackendName, number> };
  latency: { subscribers: number; warmupBatches: number; timedBatches: number };
  leaderboard: { runs: number; curvePoints: number; calls: number };
  series: { points: number; maxPoints: number; calls: number };
}

export const FULL: Sizes = {
  // 8 × 25 × 5,000 = 1,000,000 points on PostgreSQL (≈ 10 s at the target), 8 × 10 × 5,000 = 400,000 on PGlite (≈ 20 s).
  ingest: { lanes: 8, warmupBatchesPerLane: 2, timedBatchesPerLane: { postgres: 25, pglite: 10 } },
  latency: { subscribers: 100, warmupBatches: 10, timedBatches: 200 },
  leaderboard: { runs: 10_000, curvePoints: 20, calls: 10 },
  series: { points: 100_000, maxPoints: 1000, calls: 10 },
};

export const QUICK: Sizes = {
  ingest: { lanes: 4, warmupBatchesPerLane: 1, timedBatchesPerLane: { postgres: 2, pglite: 2 } },
  latency: { subscribers: 10, warmupBatches: 3, timedBatches: 20 },
  leaderboard: { runs: 1000, curvePoints: 20, calls: 5 },
  series: { points: 10_000, maxPoints: 1000, calls: 5 },
};
