import { ExperimentSpecSchema, expandGrid, GridTooLargeError } from "@orderbench/core/spec";
import { getExperiment, insertExperimentWithRuns, type ExperimentSummary } from "@orderbench/db/queries";
import { badInput } from "../errors";
import { validateInput } from "../validate-input";
import type { ServiceContext } from "./context";

export interface CreateExperimentInput {
  /** An ExperimentSpec as JSON, validated with core's schema so errors read as the CLI's. */
  spec: unknown;
  notes?: string | null;
  /** Name of the API key creating it; null for key-less local use. */
  owner: string | null;
}

export const MAX_NOTES_LENGTH = 10_000;

/** Validates the spec, expands its grid (at most config.maxRuns runs) and queues every run in one transaction. */
export async function createExperiment({ db, pubsub, config }: ServiceContext, input: CreateExperimentInput): Promise<ExperimentSummary> {
  const spec = validateInput(ExperimentSpecSchema, input.spec);
  if (input.notes && input.notes.length > MAX_NOTES_LENGTH) {
    throw badInput("notes", `notes must be at most ${MAX_NOTES_LENGTH} characters long`, { limit: MAX_NOTES_LENGTH });
  }
  let runs;
  try {
    runs = expandGrid(spec, { maxRuns: config.maxRuns });
  } catch (e) {
    if (e instanceof GridTooLargeError) {
      throw badInput(e.field, `${e.message} (the server's limit, ORDERBENCH_MAX_RUNS)`, { limit: e.limit, size: e.size });
    }
    throw e;
  }
  const { experiment } = await insertExperimentWithRuns(db, { spec, runs, owner: input.owner, notes: input.notes ?? null, maxAttempts: config.maxAttempts });
  await pubsub.publish({ type: "experiment", experimentId: experiment.id, deleted: false });
  const summary = await getExperiment(db, experiment.id);
  if (!summary) throw new Error(`experiment ${experiment.id} vanished right after it was created`);
  return summary;
}
