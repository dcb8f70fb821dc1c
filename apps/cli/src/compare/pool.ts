import { Worker } from "node:worker_threads";
import type { RunSpec } from "@orderbench/core/spec";
import type { DataDir } from "@orderbench/data/data-dir";
import { DataError } from "@orderbench/data/errors";
import { BackendUnavailableError, type BackendName } from "@orderbench/engine/backend";
import type { RunSummary } from "../summary";
import type { JobMessage, ProgressMessage } from "./messages";

/**
 * Runs specs on `jobs` worker threads, one run per thread at a time: tfjs-wasm uses one core per
 * instance (ENGINE.md), so one thread per core is what fills the machine. Results keep input order.
 */
export async function runPool(
  specs: readonly RunSpec[],
  o: {
    jobs: number;
    backend: BackendName;
    /** Text tasks: where their data is, and the order resolved for each spec (by index), if any. */
    dataDir?: DataDir;
    permutations?: readonly (number[] | undefined)[];
    onProgress?: (m: ProgressMessage) => void;
  },
): Promise<RunSummary[]> {
  const results = new Array<RunSummary>(specs.length);
  let next = 0;
  let failure: Error | null = null;
  const threads = Math.max(1, Math.min(o.jobs, specs.length));
  const entry = new URL("./thread-entry.mjs", import.meta.url);
  const workerData = { entry: new URL("./run-thread.ts", import.meta.url).href };

  await Promise.all(
    Array.from({ length: threads }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(entry, { workerData });
        const send = (m: JobMessage): void => worker.postMessage(m);
        const dispatch = (): void => {
          if (next >= specs.length || failure) {
            send({ type: "exit" });
            return;
          }
          const id = next++;
          const permutation = o.permutations?.[id];
          send({ type: "run", id, spec: specs[id] as RunSpec, backend: o.backend, ...(o.dataDir ? { dataDir: o.dataDir } : {}), ...(permutation ? { permutation } : {}) });
        };
        worker.on("message", (m: ProgressMessage) => {
          o.onProgress?.(m);
          if (m.type === "done") {
            results[m.id] = m.summary;
            dispatch();
          } else if (m.type === "error") {
            failure ??= threadError(m);
            send({ type: "exit" });
          }
        });
        worker.on("error", reject);
        worker.on("exit", () => resolve());
        dispatch();
      }),
    ),
  );
  if (failure) throw failure;
  return results;
}

/** A run's error from its thread, as the class it had there where the CLI prints that class as one line. */
function threadError(m: Extract<ProgressMessage, { type: "error" }>): Error {
  const message = `run ${m.id} failed: ${m.message}`;
  return m.kind === "backend" ? new BackendUnavailableError(message) : m.kind === "data" ? new DataError(message) : new Error(message);
}
