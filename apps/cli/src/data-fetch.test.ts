import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { runCli } from "./test/run-cli";

/** `orderbench data fetch` as a user runs it. */
const cli = runCli;

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "ob-cli-data-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The error is the last line on stderr, one line, prefixed like every CLI error. */
function lastLine(stderr: string): string {
  return stderr.trimEnd().split("\n").at(-1) as string;
}

describe("orderbench data fetch", () => {
  it("an unreachable host: exit 1 and one line naming the URL and the error; nothing installed", async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    const dir = await scratch();
    const r = await cli(["data", "fetch", "glue/RTE", "--data-dir", dir, "--mirror", `http://127.0.0.1:${port}/glue`]);
    expect(r.code).toBe(1);
    expect(lastLine(r.stderr)).toBe(`orderbench: cannot download http://127.0.0.1:${port}/glue/RTE.zip: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(await readdir(dir)).toEqual([]);
  });

  it("a file whose SHA-256 differs from the published one: exit 1, checksum message", async () => {
    const dir = await scratch();
    const mirror = await scratch();
    await writeFile(join(mirror, "WNLI.zip"), "not the WNLI archive");
    const r = await cli(["data", "fetch", "glue/WNLI", "--data-dir", dir, "--mirror", mirror]);
    expect(r.code).toBe(1);
    expect(lastLine(r.stderr)).toMatch(
      /^orderbench: checksum mismatch for file:\/\/.*\/WNLI\.zip: expected sha256 ae0e8e4d16f4d46d4a0a566ec7ecceccfd3fbfaa4a7a4b4e02848c0f2561ac46, got [0-9a-f]{64} \(20 bytes\); nothing was installed$/,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    [["data", "fetch", "glue/AX"], {}, /^orderbench: unknown dataset "glue\/AX"; valid: glue\/CoLA, .*, wikitext-2-raw, toxic$/],
    [["data", "fetch", "toxic"], {}, /^orderbench: toxic cannot be downloaded automatically: .*Kaggle behind a login/],
    [["data", "fetch", "wikitext-2"], { ORDERBENCH_DATA_DIR: undefined }, /^orderbench: no data directory: set ORDERBENCH_DATA_DIR .*, or pass --data-dir$/],
  ])("%j: exit 2 with one line", async (args, env, message) => {
    const r = await cli(args, env);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });
});
