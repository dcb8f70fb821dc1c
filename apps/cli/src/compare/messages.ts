import type { RunSpec } from "@orderbench/core/spec";
import type { DataDir } from "@orderbench/data/data-dir";
import type { BackendName } from "@orderbench/engine/backend";
import type { RunSummary } from "../summary";

/**
 * Main thread -> training thread. Text tasks carry their data directory, and the order the main thread
 * resolved for the spec, so a thread does not estimate MI again.
 */
export type JobMessage =
  | { type: "run"; id: number; spec: RunSpec; backend: BackendName; dataDir?: DataDir; permutation?: number[] }
  | { type: "exit" };

/** Training thread -> main thread; `value` is the run's primary metric (exact match, score or perplexity). */
export type ProgressMessage =
  | { type: "step"; id: number; step: number; total: number; loss: number; tokensPerSec: number }
  | { type: "eval"; id: number; step: number; value: number }
  | { type: "done"; id: number; summary: RunSummary }
  /** `kind`: the error's class, so the parent rethrows one the CLI prints as a single line (backend, data). */
  | { type: "error"; id: number; message: string; kind: "backend" | "data" | "other" };
