/** What a worker needs from the API: the worker protocol of the GraphQL schema, as plain calls. */
export interface ClaimedRun {
  id: string;
  /** The run's RunSpec as stored by the API; validated again here with the shared schema. */
  spec: unknown;
  attempt: number;
  /** Latest checkpoint of an earlier attempt, to resume from. */
  checkpointId: string | null;
}

export interface RunSummaryPayload {
  status: "completed" | "diverged";
  steps: number;
  tokens: number;
  wallMs: number;
  numParams: number;
  permutation: number[];
  backend: string;
  device: string;
  final: Record<string, unknown> | null;
  best: { value: number; step: number } | null;
}

export interface WorkerApi {
  claimRun(): Promise<ClaimedRun | null>;
  /** Extends the leases of held runs; returns the ids whose cancellation was requested. */
  heartbeat(runIds: string[]): Promise<string[]>;
  reportMetrics(runId: string, points: import("./metric-buffer").MetricPoint[]): Promise<void>;
  reportCheckpoint(runId: string, step: number, bytes: Uint8Array): Promise<void>;
  downloadCheckpoint(checkpointId: string): Promise<Uint8Array>;
  completeRun(runId: string, summary: RunSummaryPayload): Promise<void>;
  failRun(runId: string, error: string, diverged: boolean): Promise<void>;
  /** Gives a run back to the queue (shutdown): the next worker resumes it from its checkpoint. */
  releaseRun(runId: string): Promise<void>;
}
