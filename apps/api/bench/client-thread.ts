import { Worker } from "node:worker_threads";

/**
 * Runs a load-generating client in its own thread, so the API server in this thread measures its own work
 * and not the client's (JSON building, 100 WebSocket clients' parsing), as it would with remote workers and
 * dashboards. `entry` is a module of this folder exporting `run(input)`; its result comes back.
 */
export function runClientThread<I, O>(entry: string, input: I): Promise<O> {
  const worker = new Worker(new URL("./thread-entry.mjs", import.meta.url), {
    workerData: { entry: new URL(entry, import.meta.url).href, input },
  });
  return new Promise<O>((resolve, reject) => {
    worker.once("message", (m: { ok: true; value: O } | { ok: false; error: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.value);
      else reject(new Error(`client thread ${entry} failed: ${m.error}`));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`client thread ${entry} exited with code ${code} before answering`)));
  });
}
