/** The drizzle schema: every table, enum and relation, passed whole to drizzle() and drizzle-kit. */
export { API_KEY_ROLES, RUN_STATUSES, TERMINAL_RUN_STATUSES, apiKeyRole, runStatus, type ApiKeyRole, type RunStatus } from "./enums";
export { experiments, type Experiment, type NewExperiment } from "./experiments";
export { COMPARABLE_SETTINGS, runs, type FinalMetrics, type NewRun, type Run } from "./runs";
export { metricPoints, type MetricPoint, type NewMetricPoint } from "./metric-points";
export { METRIC_CHUNK_SHIFT, metricChunks, type MetricChunk } from "./metric-chunks";
export { workers, type NewWorker, type Worker } from "./workers";
export { apiKeys, type ApiKey } from "./api-keys";
export { miAnalyses, type MiAnalysis } from "./mi-analyses";
export { checkpoints, type Checkpoint } from "./checkpoints";
export { checkpointsRelations, experimentsRelations, metricPointsRelations, runsRelations, workersRelations } from "./relations";
