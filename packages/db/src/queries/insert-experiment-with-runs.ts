import type { ExperimentSpec, RunSpec } from "@orderbench/core/spec";
import type { Db } from "../db";
import { chunk, MAX_BIND_PARAMETERS } from "../chunk";
import { experiments, runs, type Experiment, type Run } from "../schema/index";

export interface InsertExperimentInput {
  /** Parsed ExperimentSpec (ExperimentSpecSchema output). */
  spec: ExperimentSpec;
  /** expandGrid(spec, { maxRuns }) — the caller owns the grid limit; order becomes grid_index and FIFO order. */
  runs: readonly RunSpec[];
  owner?: string | null;
  notes?: string | null;
  /** Claims allowed per run before a lost lease fails it (default 3). */
  maxAttempts?: number;
}

/** Rows per multi-row INSERT of runs: 8 bind parameters each, within the limit of every driver (chunk.ts). */
const RUN_ROWS_PER_INSERT = Math.floor(MAX_BIND_PARAMETERS / 8);

/** Creates the experiment and all its queued runs in one transaction: a reader sees all of them or none. */
export async function insertExperimentWithRuns(db: Db, input: InsertExperimentInput): Promise<{ experiment: Experiment; runs: Run[] }> {
  if (input.runs.length === 0) throw new RangeError("an experiment needs at least one run; runs is empty");
  const maxAttempts = input.maxAttempts ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  for (const [i, run] of input.runs.entries()) {
    if (run.task !== input.spec.task) throw new RangeError(`runs[${i}].task is "${run.task}" but the experiment's task is "${input.spec.task}"`);
  }
  return db.transaction(async (tx) => {
    const [experiment] = await tx
      .insert(experiments)
      .values({
        name: input.spec.name,
        spec: input.spec,
        task: input.spec.task,
        tags: [...new Set(input.spec.tags)],
        notes: input.notes ?? null,
        owner: input.owner ?? null,
      })
      .returning();
    if (!experiment) throw new Error("INSERT INTO experiments returned no row");
    const rows = input.runs.map((spec, gridIndex) => ({
      experimentId: experiment.id,
      gridIndex,
      strategy: spec.strategy,
      seed: spec.seed,
      task: spec.task,
      preset: spec.model.preset,
      spec,
      maxAttempts,
    }));
    const inserted: Run[] = [];
    for (const part of chunk(rows, RUN_ROWS_PER_INSERT)) inserted.push(...(await tx.insert(runs).values(part).returning()));
    inserted.sort((a, b) => a.gridIndex - b.gridIndex);
    return { experiment, runs: inserted };
  });
}
