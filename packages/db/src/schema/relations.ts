import { relations } from "drizzle-orm";
import { checkpoints } from "./checkpoints";
import { experiments } from "./experiments";
import { metricPoints } from "./metric-points";
import { runs } from "./runs";
import { workers } from "./workers";

export const experimentsRelations = relations(experiments, ({ many }) => ({ runs: many(runs) }));

export const runsRelations = relations(runs, ({ one, many }) => ({
  experiment: one(experiments, { fields: [runs.experimentId], references: [experiments.id] }),
  worker: one(workers, { fields: [runs.workerId], references: [workers.id] }),
  checkpoint: one(checkpoints, { fields: [runs.checkpointId], references: [checkpoints.id], relationName: "current" }),
  checkpoints: many(checkpoints, { relationName: "all" }),
  metricPoints: many(metricPoints),
}));

export const workersRelations = relations(workers, ({ many }) => ({ runs: many(runs) }));

export const checkpointsRelations = relations(checkpoints, ({ one }) => ({
  run: one(runs, { fields: [checkpoints.runId], references: [runs.id], relationName: "all" }),
}));

export const metricPointsRelations = relations(metricPoints, ({ one }) => ({
  run: one(runs, { fields: [metricPoints.runId], references: [runs.id] }),
}));
