import type { BackendName } from "@orderbench/engine/backend";
import type { Capabilities } from "./graphql-worker-api";

/** Everything a slot thread needs; passed as workerData. */
export interface SlotConfig {
  slot: number;
  apiUrl: string;
  token?: string;
  workerId: string;
  backend: BackendName;
  capabilities: Capabilities | null;
  /** ORDERBENCH_DATA_DIR, resolved; absent: the capabilities say `text: false`. */
  dataDir?: string;
  heartbeatMs: number;
  flushMs: number;
  pollMs: number;
  maxBatch: number;
  /** Set when the thread entry is the tsx bootstrap (thread-entry.mjs). */
  entry?: string;
}

export type SlotMessage = { type: "shutdown" };
export type SlotReport = { type: "log"; line: string } | { type: "run"; runId: string; outcome: string };
