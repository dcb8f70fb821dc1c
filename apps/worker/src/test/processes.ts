import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPostgresDatabase, type TestBackend } from "@orderbench/db/testing";

/**
 * Real processes for the worker's system tests: the API (`apps/api`, run through tsx) and workers
 * (`bin/orderbench-worker.js`), each spawned directly (no shell), so the PID we hold is the process
 * itself. Only processes started here are ever signalled, and only by that PID.
 */
export interface Proc {
  readonly name: string;
  readonly pid: number;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly running: boolean;
  kill(signal: NodeJS.Signals): void;
}

const live = new Set<Proc>();

const API_DIR = fileURLToPath(new URL("../../../api/", import.meta.url));
const WORKER_BIN = fileURLToPath(new URL("../../bin/orderbench-worker.js", import.meta.url));

/** The environment minus what would configure a child behind the test's back. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k === "DATABASE_URL" || k === "NODE_ENV" || k.startsWith("ORDERBENCH_") || k.startsWith("VITEST")) continue;
    env[k] = v;
  }
  return env;
}

export function spawnProc(name: string, args: string[], o: { cwd: string; env?: Record<string, string> }): Proc {
  const child = spawn(process.execPath, args, { cwd: o.cwd, env: { ...baseEnv(), ...o.env }, stdio: ["ignore", "pipe", "pipe"] });
  if (child.pid === undefined) throw new Error(`${name}: could not be started`);
  const pid = child.pid;
  let out = "";
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    out += chunk.toString("utf8");
    for (const l of listeners) l();
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => {
      running = false;
      live.delete(proc);
      // Let the last output arrive before anyone reads it.
      setImmediate(() => {
        for (const l of listeners) l();
        resolve({ code, signal });
      });
    });
  });
  const proc: Proc = {
    name,
    pid,
    output: () => out,
    exited,
    get running() {
      return running;
    },
    kill(signal) {
      if (running) process.kill(pid, signal);
    },
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const m = out.match(pattern);
          if (m) return done(() => resolve(m));
          if (!running) done(() => reject(new Error(`${name} exited before printing ${pattern}:\n${tail(out)}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${tail(out)}`))), timeoutMs);
        const done = (settle: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
  };
  live.add(proc);
  return proc;
}

/** SIGKILLs every process started here that still runs, and waits for each to exit. */
export async function killAll(): Promise<void> {
  const procs = [...live];
  for (const p of procs) p.kill("SIGKILL");
  await Promise.all(procs.map((p) => p.exited));
}

export async function killWorkers(): Promise<void> {
  const workers = [...live].filter((p) => p.name.startsWith("worker"));
  for (const p of workers) p.kill("SIGKILL");
  await Promise.all(workers.map((p) => p.exited));
}

function tail(s: string): string {
  return s.length > 4000 ? `…${s.slice(-4000)}` : s;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Where an API keeps its data: a PGlite directory, or a fresh PostgreSQL database. Survives API restarts. */
export interface Store {
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function openStore(backend: TestBackend): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), "orderbench-worker-test-"));
  const artifacts = { ORDERBENCH_ARTIFACT_DIR: join(dir, "artifacts") };
  if (backend.name === "pglite") {
    return { env: { ORDERBENCH_PGLITE_DIR: join(dir, "pglite"), ...artifacts }, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const db = await createPostgresDatabase(backend.serverUrl);
  return {
    env: { DATABASE_URL: db.url, ...artifacts },
    async drop() {
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface ApiProcess extends Proc {
  url: string;
  wsUrl: string;
  port: number;
}

/** `node --import tsx src/main.ts` in apps/api (tsx needs that tsconfig for decorators), ready when it prints its URL. */
export async function startApi(store: Store, o: { port: number; leaseSeconds: number }): Promise<ApiProcess> {
  const proc = spawnProc(`api:${o.port}`, ["--import", "tsx", "src/main.ts"], {
    cwd: API_DIR,
    env: { ...store.env, ORDERBENCH_API_HOST: "127.0.0.1", ORDERBENCH_API_PORT: String(o.port), ORDERBENCH_LEASE_SECONDS: String(o.leaseSeconds) },
  });
  try {
    await proc.waitFor(/GraphQL on http:\/\/\S+/, 90_000);
  } catch (e) {
    proc.kill("SIGKILL");
    throw e;
  }
  const url = `http://127.0.0.1:${o.port}/graphql`;
  return Object.assign(proc, { url, wsUrl: url.replace(/^http/, "ws"), port: o.port });
}

/** One worker process with one slot on wasm; ready once registered. */
export async function startWorker(apiUrl: string, name: string): Promise<Proc> {
  const proc = spawnProc(`worker:${name}`, [WORKER_BIN, "--api", apiUrl, "--backend", "wasm", "--concurrency", "1", "--poll-seconds", "1", "--name", name], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
  });
  await proc.waitFor(/slot\(s\), API/, 60_000);
  return proc;
}
