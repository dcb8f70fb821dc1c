import { cancelExperiment as cancelExperimentRows, getExperiment, type ExperimentSummary } from "@orderbench/db/queries";
import { notFound } from "../errors";
import { runEvent } from "../pubsub/events";
import type { ServiceContext } from "./context";

/** Cancels the experiment's queued runs and asks the workers of its running ones to stop. */
export async function cancelExperiment({ db, pubsub }: ServiceContext, experimentId: string): Promise<ExperimentSummary> {
  const result = await cancelExperimentRows(db, experimentId);
  if (!result) throw notFound("experiment", experimentId);
  const changed = [...result.cancelled, ...result.cancelRequested];
  await pubsub.publish(...changed.map(runEvent), { type: "experiment", experimentId, deleted: false });
  const summary = await getExperiment(db, experimentId);
  if (!summary) throw notFound("experiment", experimentId);
  return summary;
}
