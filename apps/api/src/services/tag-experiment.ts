import { getExperiment, tagExperiment as tagExperimentRow, type ExperimentSummary } from "@orderbench/db/queries";
import { z } from "zod";
import { notFound } from "../errors";
import { validateInput } from "../validate-input";
import type { ServiceContext } from "./context";

const tag = z.string().trim().min(1).max(50);
const ChangesSchema = z.strictObject({ add: z.array(tag).max(20).default([]), remove: z.array(z.string()).max(100).default([]) });

export async function tagExperiment(
  { db, pubsub }: ServiceContext,
  input: { experimentId: string; add?: string[] | null; remove?: string[] | null },
): Promise<ExperimentSummary> {
  const changes = validateInput(ChangesSchema, { add: input.add ?? undefined, remove: input.remove ?? undefined });
  const updated = await tagExperimentRow(db, input.experimentId, changes);
  if (!updated) throw notFound("experiment", input.experimentId);
  await pubsub.publish({ type: "experiment", experimentId: updated.id, deleted: false });
  const summary = await getExperiment(db, updated.id);
  if (!summary) throw notFound("experiment", input.experimentId);
  return summary;
}
