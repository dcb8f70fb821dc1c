import { ESTIMATORS, estimateMI, isEstimator } from "@orderbench/core/mi";
import { createTask, parseTaskName } from "@orderbench/core/tasks";
import { getMiAnalysis as getMiAnalysisRow, upsertMiAnalysis } from "@orderbench/db/queries";
import type { MiAnalysis } from "@orderbench/db/schema";
import { badInput, dataRequired } from "../errors";
import type { ServiceContext } from "./context";

export interface MiAnalysisInput {
  task: string;
  estimator: string;
  k?: number | null;
  dataSeed?: number | null;
}

/** Training examples the analysis is computed on: RunSpec's default data.trainSize, so runs order the same way. */
export const MI_TRAIN_SIZE = 8000;

const inFlight = new WeakMap<ServiceContext, Map<string, Promise<MiAnalysis>>>();

/**
 * The cached per-position MI table of a task, computed with core's estimators on the training split when
 * absent and stored, so it is computed once per (task, estimator, k, dataSeed). Concurrent requests for the
 * same key in this process share one computation.
 */
export async function getMiAnalysis(ctx: ServiceContext, input: MiAnalysisInput): Promise<{ analysis: MiAnalysis; computed: boolean }> {
  const k = input.k ?? 2;
  const dataSeed = input.dataSeed ?? 0;
  if (!isEstimator(input.estimator)) throw badInput("estimator", `estimator must be one of ${ESTIMATORS.join(", ")}, got "${input.estimator}"`);
  if (!Number.isInteger(k) || k < 1 || k > 4) throw badInput("k", `k must be an integer from 1 to 4, got ${k}`, { limit: 4 });
  if (!Number.isInteger(dataSeed) || dataSeed < 0 || dataSeed > 0xffff_ffff) throw badInput("dataSeed", `dataSeed must be an integer from 0 to ${0xffff_ffff}`);
  let ref;
  try {
    ref = parseTaskName(input.task);
  } catch (e) {
    throw badInput("task", (e as Error).message);
  }
  if (ref.kind !== "arithmetic") throw dataRequired("task", ref.name, "its MI table (estimated on the training split)");
  const key = { task: input.task.trim(), estimator: input.estimator, k, dataSeed };
  const cached = await getMiAnalysisRow(ctx.db, key);
  if (cached) return { analysis: cached, computed: false };

  const pending = inFlight.get(ctx) ?? new Map<string, Promise<MiAnalysis>>();
  inFlight.set(ctx, pending);
  const id = JSON.stringify(key);
  let computation = pending.get(id);
  if (!computation) {
    computation = (async () => {
      const task = createTask(ref, { trainSize: MI_TRAIN_SIZE, testSize: 1, dataSeed });
      const table = estimateMI(task.train, { estimator: input.estimator as never, vocabSize: task.vocab.size, k, seed: dataSeed });
      return upsertMiAnalysis(ctx.db, { ...key, table });
    })().finally(() => pending.delete(id));
    pending.set(id, computation);
  }
  return { analysis: await computation, computed: true };
}
