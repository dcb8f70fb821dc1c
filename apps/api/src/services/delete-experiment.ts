import { deleteExperiment as deleteExperimentRows, getExperiment } from "@orderbench/db/queries";
import { notFound } from "../errors";
import type { ServiceContext } from "./context";

/** Deletes the experiment with its runs, metrics and checkpoints; workers holding its runs lose them. */
export async function deleteExperiment({ db, pubsub, storage }: ServiceContext, experimentId: string): Promise<{ id: string; runs: number }> {
  const experiment = await getExperiment(db, experimentId);
  if (!experiment) throw notFound("experiment", experimentId);
  const result = await deleteExperimentRows(db, experimentId, { artifactDir: storage.artifactDir });
  if (!result.deleted) throw notFound("experiment", experimentId);
  await pubsub.publish(
    { type: "experiment", experimentId, deleted: true },
    { type: "leaderboard", task: experiment.task, preset: experiment.spec.model.preset },
  );
  return { id: experimentId, runs: result.runs };
}
