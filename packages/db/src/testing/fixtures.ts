import { ExperimentSpecSchema, expandGrid, type ExperimentSpecInput } from "@orderbench/core/spec";
import type { Db } from "../db";
import { insertExperimentWithRuns } from "../queries/insert-experiment-with-runs";
import { upsertWorker } from "../queries/upsert-worker";

/** A small valid experiment (2 strategies × 2 seeds by default) inserted with its runs. */
export async function seedExperiment(db: Db, overrides: Partial<ExperimentSpecInput> = {}, options: { maxAttempts?: number; owner?: string } = {}) {
  const spec = ExperimentSpecSchema.parse({
    name: "mul:2 orderings",
    task: "mul:2",
    strategies: ["plain", "max-mi"],
    seeds: 2,
    budget: { steps: 100 },
    ...overrides,
  });
  return insertExperimentWithRuns(db, { spec, runs: expandGrid(spec, { maxRuns: 1000 }), ...options });
}

export async function seedWorker(db: Db, name = "w1", backend = "cpu") {
  return upsertWorker(db, { name, backend, device: `test ${backend}`, cores: 2, version: "0.1.0" });
}
