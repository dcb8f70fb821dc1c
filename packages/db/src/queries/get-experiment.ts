import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { selectExperimentSummaries, toSummary, type ExperimentSummary } from "../experiment-summary";
import { isUuid } from "../ids";
import { experiments } from "../schema/index";

export async function getExperiment(db: Db, id: string): Promise<ExperimentSummary | null> {
  if (!isUuid(id)) return null;
  const [row] = await selectExperimentSummaries(db).query.where(eq(experiments.id, id));
  return row ? toSummary(row) : null;
}
