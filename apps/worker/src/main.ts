import { availableParallelism, hostname } from "node:os";
import { Worker } from "node:worker_threads";
import { Command, InvalidArgumentError } from "commander";
import { resolveDataDir } from "@orderbench/data/data-dir";
import { BACKENDS, isBackend, selectBackend, type BackendName } from "@orderbench/engine/backend";
import { parseEnv } from "./env";
import { createTransport } from "./graphql-transport";
import { registerWorker } from "./graphql-worker-api";
import type { SlotConfig, SlotMessage, SlotReport } from "./slot-messages";
import pkg from "../package.json" with { type: "json" };

const env = parseEnv(process.env);
const int = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} must be a positive integer.`);
  return n;
};
const program = new Command("orderbench-worker")
  .description("claims orderbench runs from the API, trains them and streams their metrics")
  .option("--api <url>", "GraphQL endpoint", env.ORDERBENCH_API_URL)
  .option("--token <key>", "worker API key (not needed for a local API on loopback)", env.ORDERBENCH_TOKEN)
  .option("--backend <name>", `tfjs backend: ${BACKENDS.join(", ")}`, env.ORDERBENCH_BACKEND)
  .option("--concurrency <n>", "runs at once (default: one per core on CPU backends, 1 on a GPU)", int("--concurrency"), env.ORDERBENCH_CONCURRENCY)
  .option("--name <name>", "worker name shown in the dashboard", env.ORDERBENCH_WORKER_NAME ?? `${hostname()}-${process.pid}`)
  .option("--presets <list>", "only claim runs of these model presets (comma-separated)")
  .option("--tasks <list>", "only claim runs of these tasks (comma-separated)")
  .option("--data-dir <path>", "where text datasets are (without one, only arithmetic runs are claimed)", env.ORDERBENCH_DATA_DIR)
  .option("--poll-seconds <n>", "wait between claims when the queue is empty", int("--poll-seconds"), 2)
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  .parse();
const o = program.opts<{ api: string; token?: string; backend: string; concurrency?: number; name: string; presets?: string; tasks?: string; dataDir?: string; pollSeconds: number }>();

if (!isBackend(o.backend)) {
  console.error(`orderbench-worker: unknown backend "${o.backend}"; valid: ${BACKENDS.join(", ")}`);
  process.exit(2);
}
const backend: BackendName = o.backend;
const gpu = backend === "webgpu" || backend === "tensorflow-gpu";
const concurrency = o.concurrency ?? (gpu ? 1 : availableParallelism());
let info;
try {
  info = await selectBackend(backend);
} catch (err) {
  console.error(`orderbench-worker: ${(err as Error).message}`);
  process.exit(2);
}

const request = createTransport({ url: o.api, token: o.token, retries: 30, onRetry: (m) => console.error(`waiting for the API: ${m}`) });
const reg = await registerWorker(request, {
  name: o.name,
  backend,
  device: info.device,
  cores: availableParallelism(),
  gpus: gpu ? 1 : 0,
  version: pkg.version,
});
console.log(`worker ${o.name} (${reg.workerId}) on ${info.device}: ${concurrency} slot(s), API ${o.api}`);

const list = (s?: string): string[] | undefined => s?.split(",").map((x) => x.trim()).filter(Boolean);
// A worker without a data directory cannot train text tasks: it asks the API for arithmetic runs only.
const dataDir = o.dataDir ? resolveDataDir({ dir: o.dataDir, dirSource: "--data-dir" }).path : undefined;
const capabilities = o.presets || o.tasks || !dataDir ? { presets: list(o.presets), tasks: list(o.tasks), ...(dataDir ? {} : { text: false }) } : null;
console.log(dataDir ? `text datasets from ${dataDir}` : "no data directory (ORDERBENCH_DATA_DIR): claiming arithmetic runs only");
const workers = Array.from({ length: concurrency }, (_, slot) => {
  const cfg: SlotConfig = {
    slot,
    apiUrl: o.api,
    ...(o.token ? { token: o.token } : {}),
    workerId: reg.workerId,
    backend,
    capabilities,
    ...(dataDir ? { dataDir } : {}),
    // Heartbeat three times per lease, so one lost request does not cost the run.
    heartbeatMs: Math.max(1000, (reg.leaseSeconds * 1000) / 3),
    flushMs: 1000,
    pollMs: o.pollSeconds * 1000,
    maxBatch: reg.maxMetricBatch,
    entry: new URL("./slot-thread.ts", import.meta.url).href,
  };
  const w = new Worker(new URL("./thread-entry.mjs", import.meta.url), { workerData: cfg });
  w.on("message", (m: SlotReport) => console.log(m.type === "log" ? m.line : `[slot ${slot}] run ${m.runId}: ${m.outcome}`));
  w.on("error", (err) => console.error(`[slot ${slot}] crashed: ${err.stack ?? err}`));
  return w;
});
const exited = workers.map((w) => new Promise<void>((resolve) => w.on("exit", () => resolve())));

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) {
    console.error(`${signal} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  console.log(`${signal}: checkpointing and releasing runs…`);
  for (const w of workers) w.postMessage({ type: "shutdown" } satisfies SlotMessage);
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
await Promise.all(exited);
console.log("worker stopped");
