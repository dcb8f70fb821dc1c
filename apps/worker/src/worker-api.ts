import type { MetricPoint } from "./metric-buffer";

/** What a worker needs from the API: the worker protocol of the GraphQL schema, as plain calls. */
export interface ClaimedRun {
  id: string;
  /** The run's RunSpec as stored by the API; validated again here with the shared schema. */
  spec: unknown;
  attempt: number;
  /** Latest checkpoint of an earlier attempt, to resume from. */
  checkpointId: string | null;
}

/** The end of a run, as the API's completeRun takes it; non-finite metrics travel as null. */
export interface RunSummaryPayload {
  finalMetrics: Record<string, number | null>;
  bestMetric: number | null;
  bestStep: number | null;
  step: number;
  tokens: number;
  permutation: number[];
}

export interface HeartbeatAnswer {
  runId: string;
  /** False: the lease was lost (expired, run finished or deleted elsewhere): stop without reporting. */
  held: boolean;
  cancelRequested: boolean;
}

export interface RunProgress {
  runId: string;
  step: number;
  tokens: number;
  progress: number;
}

/**
 * The API says this worker no longer holds the run (lease expired, run cancelled, finished or taken by
 * another worker): stop working on it and report nothing more.
 */
export class RunLostError extends Error {
  override readonly name = "RunLostError";
}

/** Run-scoped calls throw RunLostError when the worker no longer holds the run. */
export interface WorkerApi {
  claimRun(): Promise<ClaimedRun | null>;
  /** Extends the leases of held runs and reports their progress. */
  heartbeat(progress: RunProgress[]): Promise<HeartbeatAnswer[]>;
  reportMetrics(runId: string, points: MetricPoint[]): Promise<void>;
  reportCheckpoint(runId: string, step: number, bytes: Uint8Array): Promise<void>;
  downloadCheckpoint(checkpointId: string): Promise<Uint8Array>;
  completeRun(runId: string, summary: RunSummaryPayload): Promise<void>;
  /** Ends a run with an error; a run whose cancellation was requested ends cancelled. */
  failRun(runId: string, error: string, diverged: boolean): Promise<void>;
  /** Gives a run back to the queue (shutdown): the next worker resumes it from its checkpoint. */
  releaseRun(runId: string): Promise<void>;
  /** Gives back a run this worker's backend cannot train: queued again, for workers of other backends. */
  declineRun(runId: string, reason: string): Promise<void>;
}
