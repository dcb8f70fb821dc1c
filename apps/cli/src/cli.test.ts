import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./test/run-cli";

/** The CLI as a user runs it, two compare threads at most. */
const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { ORDERBENCH_JOBS: "2", ...env });

const tiny = ["--n-layer", "1", "--n-embd", "12", "--n-head", "2", "--train-size", "60", "--test-size", "20", "--eval-size", "20", "--warmup", "0"];

describe("orderbench CLI", () => {
  it.each([
    [["train", "--task", "div:2"], /unknown task "div:2".*add:N, sub:N, mul:N/],
    [["train", "--task", "mul:6"], /digits 6 out of range.*1 to 5/],
    [["train", "--task", "add:2", "--strategy", "sideways"], /unknown strategy "sideways"; valid: plain, reverse, random, max-mi, min-mi, greedy-mi/],
    [["train", "--task", "add:2", "--preset", "gpt5"], /--preset must be one of nanogpt, gpt2-mini, gpt2-small/],
    [["train", "--task", "add:2", "--backend", "metal"], /unknown backend "metal"; valid: wasm, cpu, webgpu, tensorflow, tensorflow-gpu/],
    [["train", "--task", "add:2", "--steps=-5"], /--steps must be at least 1/],
    [["train", "--task", "add:2", "--batch-size", "5000"], /--batch-size must be at most 4096/],
    [["compare", "--task", "add:2", "--strategies", "plain,upside"], /unknown strategy "upside"/],
    [["mi", "--task", "mul:2", "--estimator", "guess"], /unknown estimator "guess"; valid: plugin-pairwise, plugin-joint-k, probe/],
  ])("rejects %j with one line naming the value and the valid ones, exit code 2", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it("refuses a model too large for the wasm heap in one line, exit code 2, from train and from compare's threads", async () => {
    const huge = ["--task", "add:1", "--preset", "gpt2-small", "--n-embd", "1536", "--steps", "1"];
    const train = await cli(["train", ...huge, "--json"]);
    expect(train.code).toBe(2);
    expect(train.stderr.trim().split("\n")).toHaveLength(1);
    expect(train.stderr).toMatch(/^orderbench: a model of [\d,]+ parameters does not fit the wasm backend's 4 GB heap .*webgpu or tensorflow backend/);
    const compare = await cli(["compare", ...huge, "--strategies", "plain", "--seeds", "1"]);
    expect(compare.code).toBe(2);
    expect(compare.stderr.trim().split("\n").at(-1)).toMatch(/^orderbench: run 0 failed: a model of [\d,]+ parameters does not fit the wasm backend's 4 GB heap/);
  });

  it("train --json prints what a result must carry", async () => {
    const r = await cli(["train", "--task", "add:1", "--strategy", "reverse", "--seed", "3", "--steps", "6", "--eval-interval", "3", "--json", ...tiny]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ task: "add:1", preset: "nanogpt", strategy: "reverse", permutation: [1, 0], seed: 3, status: "completed", steps: 6, backend: "wasm" });
    expect(s.numParams).toBeGreaterThan(0);
    expect(s.tokens).toBe(6 * 64 * 5); // add:1 reads 3 source tokens, '=', and 1 of 2 target tokens
    expect(s.curve.map((c: { step: number }) => c.step)).toEqual([3, 6]);
    expect(s.final.exactMatch).toBeGreaterThanOrEqual(0);
    expect(s.best.step).toBeGreaterThan(0);
  });

  it("resolves relative paths against the directory the user ran npm in (INIT_CWD)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ob-cwd-"));
    const r = await cli(["train", "--task", "add:1", "--steps", "2", "--eval-interval", "2", "--checkpoint", "out/ck.bin", ...tiny], { INIT_CWD: dir });
    expect(r.code).toBe(0);
    expect((await readFile(join(dir, "out/ck.bin"))).subarray(0, 4).toString("latin1")).toBe("OBCK");
  });

  it("compare runs the grid on worker threads and aggregates by strategy", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ob-cli-"));
    const json = join(dir, "runs.json");
    const r = await cli(["compare", "--task", "add:1", "--strategies", "plain,reverse", "--seeds", "2", "--steps", "4", "--eval-interval", "2", "--json", json, ...tiny]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Δ vs plain/);
    const out = JSON.parse(await readFile(json, "utf8"));
    expect(out.runs).toHaveLength(4);
    expect(out.runs.map((x: { strategy: string; seed: number }) => `${x.strategy}/${x.seed}`)).toEqual(["plain/0", "reverse/0", "plain/1", "reverse/1"]);
    expect(out.rows.map((x: { strategy: string; final: { n: number } }) => [x.strategy, x.final.n])).toEqual([["plain", 2], ["reverse", 2]]);
    expect(out.rows[1].vsBaseline.n).toBe(2);

    const md = join(dir, "runs.md");
    const rep = await cli(["report", json, "--markdown", md]);
    expect(rep.code).toBe(0);
    const text = await readFile(md, "utf8");
    expect(text).toMatch(/^\| strategy \| exact match/);
    expect(text).toMatch(/Mean exact match \(%\) by step:\n\n\| strategy \| step 4 \|/);
    expect(text.match(/^\| (plain|reverse) \|/gm)).toHaveLength(4);
  });

  it("mi prints the per-position table and the implied orders", async () => {
    const r = await cli(["mi", "--task", "mul:2", "--estimator", "plugin-joint-k", "--train-size", "3000"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/max-mi\s+order: 3 /);
    const j = JSON.parse((await cli(["mi", "--task", "mul:2", "--json", "--train-size", "3000"])).stdout);
    expect(j.table.positions).toHaveLength(4);
    expect(j.orders["min-mi"].at(-1)).toBe(3);
  });
});
