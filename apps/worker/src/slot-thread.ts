/**
 * One training slot: claims a run, trains it, repeats. Each slot is a worker thread with its own tfjs
 * instance, because tfjs-wasm computes on one core per instance (ENGINE.md).
 */
import { parentPort, workerData } from "node:worker_threads";
import { selectBackend } from "@orderbench/engine/backend";
import { createTransport } from "./graphql-transport";
import { graphqlWorkerApi } from "./graphql-worker-api";
import { TextTaskCache } from "@orderbench/data/text-task";
import { runJob } from "./run-job";
import type { SlotConfig, SlotMessage, SlotReport } from "./slot-messages";

const cfg = workerData as SlotConfig;
const port = parentPort;
if (!port) throw new Error("slot-thread must run as a worker thread");
const report = (m: SlotReport): void => port.postMessage(m);
const log = (line: string): void => report({ type: "log", line: `[slot ${cfg.slot}] ${line}` });

const shutdown = new AbortController();
port.on("message", (m: SlotMessage) => {
  if (m.type === "shutdown") shutdown.abort();
});

const request = createTransport({ url: cfg.apiUrl, token: cfg.token, retries: 10, onRetry: (msg) => log(msg) });
const api = graphqlWorkerApi(request, cfg.workerId, cfg.capabilities);
await selectBackend(cfg.backend);

// The slot's runs follow one another; consecutive runs of one text experiment load its dataset once.
const texts = new TextTaskCache();

while (!shutdown.signal.aborted) {
  let claimed;
  try {
    claimed = await api.claimRun();
  } catch (err) {
    log(`claim failed: ${(err as Error).message}`);
  }
  if (!claimed) {
    await sleep(cfg.pollMs, shutdown.signal);
    continue;
  }
  log(`run ${claimed.id}: claimed (attempt ${claimed.attempt})`);
  const outcome = await runJob(api, claimed, { shutdown: shutdown.signal, heartbeatMs: cfg.heartbeatMs, flushMs: cfg.flushMs, maxBatch: cfg.maxBatch, log, texts, ...(cfg.dataDir ? { dataDir: cfg.dataDir } : {}) });
  report({ type: "run", runId: claimed.id, outcome });
}
port.close();

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
