import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createApiKey } from "@orderbench/db/queries";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "./test/backends";
import { FakeWorker } from "./test/fake-worker";
import { startTestServer, type TestServer } from "./test/test-server";

const API_DIR = fileURLToPath(new URL("..", import.meta.url));

/** Runs an example the way docs/api.md shows (tsx), and returns its stdout; fails on a non-zero exit. */
function runExample(name: string, args: string[]): { done: Promise<string>; started: Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", `examples/${name}.ts`, ...args], { cwd: API_DIR, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const started = new Promise<void>((resolve) => child.once("spawn", () => resolve()));
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const done = new Promise<string>((resolve, reject) => {
    child.once("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`examples/${name}.ts exited with ${code}:\n${err}`))));
  });
  return { done, started };
}

describeEachBackend("the examples in docs/api.md", (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(database(), { auth: "required" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("create an experiment, follow a run's metrics to its end, and read the leaderboard", async () => {
    const researcher = (await createApiKey(database().db, { name: "scripts", role: "researcher" })).secret;
    const workerKey = (await createApiKey(database().db, { name: "worker", role: "worker" })).secret;
    const flags = ["--api", server.url, "--key", researcher];

    const created = JSON.parse(await runExample("create-experiment", flags).done) as { id: string; runs: { id: string; strategy: string; seed: number }[] };
    expect(created.runs.map((r) => `${r.strategy}/${r.seed}`)).toEqual(["plain/0", "reverse/0", "max-mi/0", "plain/1", "reverse/1", "max-mi/1"]);

    const worker = await new FakeWorker(server.url, workerKey).register();
    const accuracy: Record<string, number> = { plain: 0.5, reverse: 0.4, "max-mi": 0.7 };
    const first = (await worker.claim())!;
    await worker.report(first.run.id, [{ name: "loss", step: 0, value: 2 }]);
    const follow = runExample("follow-metrics", [...flags, "--run", first.run.id]);
    await follow.started;
    await worker.report(first.run.id, [1, 2].map((step) => ({ name: "loss", step, value: 2 - step / 2 })));
    await worker.complete(first.run.id, { exact_match: accuracy.plain as number });
    expect((await follow.done).trim().split("\n")).toEqual(["0\tloss\t2", "1\tloss\t1.5", "2\tloss\t1"]);

    for (let claim = await worker.claim(); claim; claim = await worker.claim()) {
      const offset = claim.run.seed === 1 ? 0.1 : 0;
      await worker.complete(claim.run.id, { exact_match: (accuracy[claim.run.strategy] as number) + offset });
    }
    const board = (await runExample("read-leaderboard", [...flags, "--task", "mul:2"]).done).trim().split("\n");
    expect(board[0]).toBe("strategy\tn\texact_match % (mean ± std)\tΔ vs plain [95% CI]");
    expect(board).toContain("max-mi\t2\t75.00 ± 7.07\t+20.00 [20.00, 20.00]");
    expect(board).toContain("plain\t2\t55.00 ± 7.07\t—");
  });
});
