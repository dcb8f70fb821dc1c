import type { RunStatus } from "@orderbench/db/schema";

/**
 * What changed, never the data itself (STYLE.md 10): subscribers read what they need from the database, so
 * a payload stays far below PostgreSQL's 8000-byte NOTIFY limit and a late reader sees committed state.
 */
export type ApiEvent =
  /** Points with steps fromStep…toStep were stored for the run. */
  | { type: "metrics"; runId: string; fromStep: number; toStep: number }
  | { type: "run"; runId: string; experimentId: string; task: string; status: RunStatus }
  | { type: "experiment"; experimentId: string; deleted: boolean }
  /** A run of the task (and preset) finished or was removed, so its leaderboard may have changed. */
  | { type: "leaderboard"; task: string; preset: string }
  | { type: "worker"; workerId: string };

export type ApiEventListener = (event: ApiEvent) => void;

export function runEvent(run: { id: string; experimentId: string; task: string; status: RunStatus }): ApiEvent {
  return { type: "run", runId: run.id, experimentId: run.experimentId, task: run.task, status: run.status };
}
