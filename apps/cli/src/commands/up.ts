import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { num } from "../spec-options";

/**
 * `npm start`: the API on the embedded database, one local CPU worker and the dashboard, from this
 * checkout. Each child runs in its own process group, so Ctrl-C reaches only this launcher, which then
 * stops them in order: the dashboard, the worker (it checkpoints and gives its runs back to the queue while
 * the API is still there to receive them), then the API.
 *
 * The dashboard is Next.js's production server (`next start`), not `next dev`: pages load at once instead
 * of compiling on first visit. Its build is `turbo run build`, which turbo's cache replays in about a second
 * when apps/web (or what it imports) has not changed, so a fresh clone builds once and an edited dashboard
 * is rebuilt rather than served stale.
 */
export function registerUp(program: Command): void {
  program
    .command("up")
    .description("run the platform locally: GraphQL API (embedded database), a CPU worker and the dashboard")
    .option("--port <n>", "API port", num("--port"), 4000)
    .option("--web-port <n>", "dashboard port", num("--web-port"), 3000)
    .option("--no-web", "do not build and start the dashboard")
    .option("--no-demo", "do not queue the demo experiment on an empty database")
    .action(async (o: { port: number; webPort: number; web: boolean; demo: boolean }) => {
      const tsx = fileURLToPath(import.meta.resolve("tsx"));
      const root = fileURLToPath(new URL("../../../../", import.meta.url));
      const app = (name: string): string => fileURLToPath(new URL(`../../../${name}/`, import.meta.url));
      const env = { ...process.env, ORDERBENCH_API_PORT: String(o.port) };
      // Stopped in reverse order of starting.
      const children: [string, ChildProcess, number][] = [];
      let stoppingSince = 0;
      const stop = async (code: number): Promise<never> => {
        // Already stopping: the first call exits the process when the children are gone.
        if (stoppingSince) return new Promise<never>(() => {});
        stoppingSince = Date.now();
        for (const [, child, graceMs] of [...children].reverse()) await terminate(child, graceMs);
        process.exit(code);
      };
      const onSignal = () => {
        if (!stoppingSince) return void stop(0);
        // One Ctrl-C under `npm start` arrives twice (from the terminal, and forwarded by npm); a later one
        // means "now": kill what is left rather than leave it running without this launcher.
        if (Date.now() - stoppingSince < 2000) return;
        for (const [, child] of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        process.exit(130);
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      const launch = (name: string, args: string[], cwd: string, childEnv: NodeJS.ProcessEnv, graceMs: number): ChildProcess => {
        const child = start(name, args, cwd, childEnv);
        children.push([name, child, graceMs]);
        child.on("exit", (code, signal) => {
          if (stoppingSince) return;
          console.error(`${name} exited (${signal ?? code}); stopping the platform`);
          void stop(1);
        });
        return child;
      };

      try {
        // `--import tsx`: each app runs from source with its own tsconfig (the API needs decorators).
        const api = launch("api", ["--import", tsx, "src/main.ts", ...(o.demo ? ["--demo"] : [])], app("api"), env, 15_000);
        // The dashboard builds while the API starts; turbo replays a cached build when nothing changed.
        const built = o.web ? buildDashboard(root, env) : Promise.resolve();
        const url = `http://127.0.0.1:${o.port}`;
        await waitForHttp(`${url}/healthz`, api, "the API");
        launch("worker", ["--import", tsx, "src/main.ts", "--api", `${url}/graphql`], app("worker"), env, 60_000);
        let dashboard = "";
        if (o.web) {
          await built;
          const next = createRequire(`${app("web")}package.json`).resolve("next/dist/bin/next");
          // Loopback only: the dashboard forwards to the API, which is key-less admin on loopback.
          const webEnv = { ...env, ORDERBENCH_API_URL: `${url}/graphql`, NEXT_TELEMETRY_DISABLED: "1" };
          const web = launch("web", [next, "start", "--port", String(o.webPort), "--hostname", "127.0.0.1"], app("web"), webEnv, 10_000);
          await waitForHttp(`http://127.0.0.1:${o.webPort}/`, web, "the dashboard");
          dashboard = `  dashboard     http://localhost:${o.webPort}\n`;
        }
        console.log(
          `\norderbench is up:\n${dashboard}  GraphQL API   ${url}/graphql (queries, mutations; subscriptions over ws://127.0.0.1:${o.port}/graphql)\n  worker        one local CPU worker, one run per core\n  stop          Ctrl-C (the worker checkpoints and returns its runs to the queue)\n`,
        );
      } catch (e) {
        console.error(`orderbench up: ${e instanceof Error ? e.message : String(e)}`);
        await stop(1);
      }
    });
}

function start(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", (line) => console.log(`[${name}] ${line}`));
  }
  return child;
}

/** `turbo run build` for apps/web: a cache hit when nothing changed, else `next build` (a minute or two). */
async function buildDashboard(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  const turbo = createRequire(`${root}package.json`).resolve("turbo/bin/turbo");
  console.log("[web] building the dashboard (turbo replays the last build when apps/web has not changed)…");
  const child = start("web build", [turbo, "run", "build", "--filter=@orderbench/web", "--output-logs=new-only", "--log-prefix=none"], root, env);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  if (code !== 0) throw new Error(`building the dashboard failed (exit code ${code}; see the [web build] lines); \`npm start -- --no-web\` starts without it`);
}

async function waitForHttp(url: string, child: ChildProcess, what: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer ${url} within 60 s`);
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
