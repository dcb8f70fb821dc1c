import type { RunSpec } from "@orderbench/core/spec";
import type { BackendName } from "@orderbench/engine/backend";
import type { RunSummary } from "../summary";

/** Main thread -> training thread. */
export type JobMessage = { type: "run"; id: number; spec: RunSpec; backend: BackendName } | { type: "exit" };

/** Training thread -> main thread. */
export type ProgressMessage =
  | { type: "step"; id: number; step: number; total: number; loss: number; tokensPerSec: number }
  | { type: "eval"; id: number; step: number; exactMatch: number }
  | { type: "done"; id: number; summary: RunSummary }
  | { type: "error"; id: number; message: string };
