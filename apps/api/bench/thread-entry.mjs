// Worker threads do not inherit the parent's tsx loader on Node 20, so each one registers it before loading
// its TypeScript client (workerData.entry), runs the client's `run(input)` and posts back what it returns.
import { register } from "tsx/esm/api";
import { parentPort, workerData } from "node:worker_threads";

register();
try {
  const client = await import(workerData.entry);
  parentPort.postMessage({ ok: true, value: await client.run(workerData.input) });
} catch (e) {
  parentPort.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
