import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { num } from "../spec-options";

/**
 * `npm start`: the API on the embedded database and one local CPU worker, from this checkout. Each
 * child runs in its own process group, so Ctrl-C reaches only this launcher, which then stops them in
 * order: the worker first (it checkpoints and gives its runs back to the queue while the API is still
 * there to receive them), then the API.
 */
export function registerUp(program: Command): void {
  program
    .command("up")
    .description("run the platform locally: GraphQL API (embedded database) and a CPU worker")
    .option("--port <n>", "API port", num("--port"), 4000)
    .option("--no-demo", "do not queue the demo experiment on an empty database")
    .action(async (o: { port: number; demo: boolean }) => {
      const tsx = fileURLToPath(import.meta.resolve("tsx"));
      const app = (name: string): string => fileURLToPath(new URL(`../../../${name}/`, import.meta.url));
      const env = { ...process.env, ORDERBENCH_API_PORT: String(o.port) };
      const api = start("api", [tsx, "src/main.ts", ...(o.demo ? ["--demo"] : [])], app("api"), env);
      const url = `http://127.0.0.1:${o.port}`;
      await waitForHealth(`${url}/healthz`, api);
      const worker = start("worker", [tsx, "src/main.ts", "--api", `${url}/graphql`], app("worker"), env);
      console.log(`\norderbench is up:\n  GraphQL API   ${url}/graphql (queries, mutations; subscriptions over ws://127.0.0.1:${o.port}/graphql)\n  worker        one local CPU worker, one run per core\n  stop          Ctrl-C (the worker checkpoints and returns its runs to the queue)\n`);

      let stopping = false;
      const stop = async (code: number): Promise<never> => {
        if (stopping) process.exit(code);
        stopping = true;
        await terminate(worker, 60_000);
        await terminate(api, 15_000);
        process.exit(code);
      };
      process.on("SIGINT", () => void stop(0));
      process.on("SIGTERM", () => void stop(0));
      for (const [name, child] of [["api", api], ["worker", worker]] as const) {
        child.on("exit", (code, signal) => {
          if (stopping) return;
          console.error(`${name} exited (${signal ?? code}); stopping the platform`);
          void stop(1);
        });
      }
    });
}

function start(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  // `--import tsx`: each app runs from source with its own tsconfig (the API needs decorators).
  const child = spawn(process.execPath, ["--import", args[0] as string, ...args.slice(1)], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", (line) => console.log(`[${name}] ${line}`));
  }
  return child;
}

async function waitForHealth(url: string, api: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (api.exitCode !== null) throw new Error(`the API exited with code ${api.exitCode} before it was ready`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API did not answer ${url} within 60 s`);
}

function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
