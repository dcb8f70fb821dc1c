import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/**
 * The platform as a user runs it, on free ports: the API on embedded PGlite in a temporary directory, one
 * CPU worker, and the dashboard's production build (`next start`) pointed at that API. Each process runs
 * in its own process group and logs to a file, whose path a failing test prints.
 */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const app = (name: string) => join(ROOT, "apps", name);

export class Proc {
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private readonly waiters = new Set<(line: string) => void>();

  constructor(
    readonly name: string,
    args: string[],
    cwd: string,
    env: NodeJS.ProcessEnv,
    readonly logFile: string,
  ) {
    const log = createWriteStream(logFile, { flags: "a" });
    this.child = spawn(process.execPath, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on("line", (line) => {
        log.write(`${line}\n`);
        this.lines.push(line);
        for (const w of this.waiters) w(line);
      });
    }
    this.child.on("exit", () => log.end());
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The first output line (already printed or still to come) that matches. */
  waitForLine(re: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    for (const line of this.lines) {
      const m = re.exec(line);
      if (m) return Promise.resolve(m);
    }
    return new Promise((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        this.child.off("exit", onExit);
        fn();
      };
      const check = (line: string) => {
        const m = re.exec(line);
        if (m) done(() => resolve(m));
      };
      const onExit = (code: number | null) => done(() => reject(new Error(`${this.name} exited (${code}) before printing ${re}; log: ${this.logFile}`)));
      const timer = setTimeout(() => done(() => reject(new Error(`${this.name} did not print ${re} within ${timeoutMs} ms; log: ${this.logFile}`))), timeoutMs);
      this.waiters.add(check);
      this.child.on("exit", onExit);
    });
  }

  /** SIGTERM to the process group, SIGKILL after the grace period. */
  stop(graceMs = 15_000): Promise<void> {
    if (!this.running || this.child.pid === undefined) return Promise.resolve();
    const pid = this.child.pid;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {}
      }, graceMs);
      this.child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        resolve();
      }
    });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const tsx = fileURLToPath(import.meta.resolve("tsx"));
const nextBin = join(ROOT, "node_modules", "next", "dist", "bin", "next");

export class Stack {
  readonly dir = mkdtempSync(join(tmpdir(), "orderbench-e2e-"));
  readonly logs = join(this.dir, "logs");
  api!: Proc;
  worker!: Proc;
  web!: Proc;
  apiPort = 0;
  webPort = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.apiPort}/graphql`;
  }

  get webUrl(): string {
    return `http://127.0.0.1:${this.webPort}`;
  }

  async start(): Promise<void> {
    if (!existsSync(join(app("web"), ".next", "BUILD_ID"))) {
      throw new Error("the dashboard has no production build: run `npm run build -w @orderbench/web` (npm test builds it through turbo)");
    }
    mkdirSync(this.logs, { recursive: true });
    await this.startApi(0);
    this.worker = new Proc("worker", ["--import", tsx, "src/main.ts", "--api", this.apiUrl, "--concurrency", "2", "--poll-seconds", "1", "--name", "e2e-worker"], app("worker"), { ...process.env }, join(this.logs, "worker.log"));
    this.webPort = await freePort();
    this.web = new Proc(
      "web",
      [nextBin, "start", "--port", String(this.webPort), "--hostname", "127.0.0.1"],
      app("web"),
      { ...process.env, ORDERBENCH_API_URL: this.apiUrl, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      join(this.logs, "web.log"),
    );
    await Promise.all([this.worker.waitForLine(/^worker .* slot\(s\)/, 120_000), this.web.waitForLine(/Ready in/, 120_000)]);
  }

  /** Starts the API; port 0 picks a free one, a restart passes the port it had. */
  async startApi(port: number): Promise<void> {
    this.api = new Proc(
      "api",
      ["--import", tsx, "src/main.ts"],
      app("api"),
      { ...process.env, ORDERBENCH_PGLITE_DIR: join(this.dir, "pgdata"), ORDERBENCH_ARTIFACT_DIR: join(this.dir, "artifacts"), ORDERBENCH_API_PORT: String(port), ORDERBENCH_AUTH: "auto" },
      join(this.logs, "api.log"),
    );
    const m = await this.api.waitForLine(/GraphQL on http:\/\/[^:]+:(\d+)\/graphql/, 120_000);
    this.apiPort = Number(m[1]);
  }

  /** Stops in the launcher's order: dashboard, worker (it hands its runs back), API. */
  async stop(): Promise<void> {
    await this.web?.stop();
    await this.worker?.stop(30_000);
    await this.api?.stop();
    if (process.env.ORDERBENCH_E2E_KEEP !== "1") rmSync(this.dir, { recursive: true, force: true });
  }

  async gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(this.apiUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join("; ") ?? res.status}`);
    return body.data;
  }
}
