import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "@orderbench/engine/backend";
import { deserializeCheckpoint } from "@orderbench/engine/checkpoint";
import { runJob, type JobOptions } from "./run-job";
import { FakeWorkerApi } from "./test/fake-worker-api";
import { RunLostError } from "./worker-api";

/** A tiny run (1 layer, width 16, 1-digit addition) that trains in well under a second per 30 steps. */
const spec = (steps: number, over: Record<string, unknown> = {}) => ({
  task: "add:1",
  data: { trainSize: 64, testSize: 16 },
  model: { preset: "nanogpt", nLayer: 1, nHead: 2, nEmbd: 16 },
  budget: { steps },
  batchSize: 8,
  evalInterval: 10,
  evalSize: 16,
  checkpointInterval: 10,
  schedule: { warmupSteps: 2 },
  ...over,
});
/** The committed fixtures of @orderbench/data: a few records of each dataset. */
const FIXTURES = fileURLToPath(new URL("../../../packages/data/fixtures", import.meta.url));
/** A tiny text run: 4 steps, evaluated at 2 and 4, no checkpoint before the end. */
const textSpec = (task: string, text: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  spec(4, { task, text, evalInterval: 2, checkpointInterval: 1000, schedule: { warmupSteps: 0 }, ...over });
const STEP_METRICS = ["loss", "lr", "grad_norm", "tokens", "tokens_per_sec", "memory_mb"];
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function options(over: Partial<JobOptions> = {}): JobOptions & { lines: string[] } {
  const lines: string[] = [];
  return { shutdown: new AbortController().signal, heartbeatMs: 20, flushMs: 10, maxBatch: 7, log: (l) => void lines.push(l), lines, ...over };
}

function claimed(fake: FakeWorkerApi, runSpec: unknown, checkpointId: string | null = null, attempt = 1) {
  return { id: fake.runId, spec: runSpec, attempt, checkpointId };
}

/** The calls other than heartbeats (which go on in the background), in order. */
const reports = (fake: FakeWorkerApi) => fake.calls.filter((c) => c.type !== "heartbeat");

/** Calls that end a run or move its resume point; a worker that lost its run must make none. */
const REPORTS = ["reportCheckpoint", "completeRun", "failRun", "releaseRun", "declineRun"];

describe("runJob", () => {
  beforeAll(async () => {
    await selectBackend("wasm");
  });

  it("declines a run whose model the wasm backend cannot train, before any step, rather than failing it", async () => {
    const fake = new FakeWorkerApi("run-big");
    // 24 layers of width 1,024: about 302M parameters, over wasm's 100M (engine WASM_MAX_TRAIN_PARAMS).
    const big = spec(30, { model: { preset: "nanogpt", nLayer: 24, nHead: 16, nEmbd: 1024 } });
    const o = options();
    expect(await runJob(fake, claimed(fake, big), o)).toBe("declined");
    const calls = reports(fake);
    expect(calls.map((c) => c.type)).toEqual(["declineRun"]);
    expect(calls[0]).toMatchObject({ reason: expect.stringMatching(/parameters does not fit the wasm backend's 4 GB heap/) });
    expect(fake.points.size).toBe(0);
    expect(o.lines.join("\n")).toMatch(/declined: a model of/);
  });

  it("trains the run, stores every point once, then reports the summary", async () => {
    const fake = new FakeWorkerApi("run-1");
    expect(await runJob(fake, claimed(fake, spec(30)), options())).toBe("completed");
    for (const name of STEP_METRICS) expect(fake.steps(name), name).toEqual(range(1, 30));
    for (const name of ["eval/exact_match", "eval/token_accuracy", "eval/loss", "eval/position_0_accuracy"]) expect(fake.steps(name), name).toEqual([10, 20, 30]);
    const last = reports(fake).at(-1);
    expect(last?.type).toBe("completeRun");
    if (last?.type !== "completeRun") return;
    // Reported finished only after every point was stored.
    expect(last.stored).toBe(fake.points.size);
    expect(last.summary).toMatchObject({ step: 30, tokens: fake.points.get("tokens@30")?.value });
    expect(last.summary.finalMetrics.exact_match).toBe(fake.points.get("eval/exact_match@30")?.value);
    expect(last.summary.permutation.length).toBeGreaterThan(0);
  });

  it("heartbeats and sends metrics while it trains, not only when it checkpoints", async () => {
    const fake = new FakeWorkerApi("run-1");
    expect(await runJob(fake, claimed(fake, spec(150, { checkpointInterval: 1000, evalInterval: 1000 })), options())).toBe("completed");
    // The only checkpoint is the last step's: everything before it happened while training.
    const before = fake.calls.slice(0, fake.calls.findIndex((c) => c.type === "reportCheckpoint"));
    expect(new Set(before.flatMap((c) => (c.type === "heartbeat" ? [c.step] : []))).size).toBeGreaterThan(1);
    expect(before.filter((c) => c.type === "reportMetrics").length).toBeGreaterThan(1);
  });

  it("uploads a checkpoint at every interval and at the end, each after the points up to its step are stored", async () => {
    const fake = new FakeWorkerApi("run-1");
    expect(await runJob(fake, claimed(fake, spec(25)), options())).toBe("completed");
    const uploads = fake.calls.flatMap((c) => (c.type === "reportCheckpoint" ? [c] : []));
    expect(uploads.map((c) => c.step)).toEqual([10, 20, 25]);
    for (const c of uploads) expect(c.storedThrough, `points stored when checkpoint ${c.step} was reported`).toBeGreaterThanOrEqual(c.step);
    for (const [id, ck] of fake.checkpoints) expect(deserializeCheckpoint(ck.bytes).step, id).toBe(ck.step);
  });

  it("resumes from a downloaded checkpoint at the step after it, repeating the uninterrupted run", async () => {
    const first = new FakeWorkerApi("run-1");
    expect(await runJob(first, claimed(first, spec(30)), options())).toBe("completed");

    const second = new FakeWorkerApi("run-1");
    second.checkpoints.set("ck-10", first.checkpoints.get("ck-10") as { step: number; bytes: Uint8Array });
    const o = options();
    expect(await runJob(second, claimed(second, spec(30), "ck-10", 2), o)).toBe("completed");
    expect(reports(second)[0]).toEqual({ type: "downloadCheckpoint", id: "ck-10" });
    expect(second.sentSteps()[0]).toBe(11);
    expect(Math.min(...second.sentSteps())).toBe(11);
    expect(second.steps("loss")).toEqual(range(11, 30));
    expect(second.steps("eval/exact_match")).toEqual([20, 30]);
    for (const step of range(11, 30)) {
      expect(second.points.get(`loss@${step}`)?.value, `loss at step ${step}`).toBeCloseTo(first.points.get(`loss@${step}`)?.value as number, 5);
      expect(second.points.get(`tokens@${step}`)?.value).toBe(first.points.get(`tokens@${step}`)?.value);
    }
    expect(o.lines.some((l) => l.includes("resuming attempt 2 from step 10"))).toBe(true);
  });

  it("stops a run whose cancellation the heartbeat delivers, checkpoints it and ends it with failRun", async () => {
    const fake = new FakeWorkerApi("run-1");
    let requestedAt = 0;
    fake.heartbeatHook = (p) => {
      if (p.step < 5 || fake.cancelRequested) return;
      fake.cancelRequested = true;
      requestedAt = p.step;
    };
    expect(await runJob(fake, claimed(fake, spec(2000, { checkpointInterval: 1000 })), options())).toBe("cancelled");
    const types = fake.calls.map((c) => c.type);
    expect(types).not.toContain("completeRun");
    expect(reports(fake).at(-1)).toEqual({ type: "failRun", error: "cancelled on request", diverged: false });
    const stoppedAt = fake.steps("loss").at(-1) as number;
    // Heard at a heartbeat (every 20 ms) soon after step 5 and acted on within a few steps: long before the
    // checkpoint at step 1000, where a loop that never yields would first see it.
    expect(requestedAt).toBeLessThan(200);
    expect(stoppedAt).toBeLessThan(requestedAt + 200);
    expect(fake.steps("loss")).toEqual(range(1, stoppedAt));
    expect(reports(fake).at(-2)).toEqual({ type: "reportCheckpoint", step: stoppedAt, storedThrough: stoppedAt });
  });

  it("stops without reporting when the heartbeat says the lease is lost", async () => {
    const fake = new FakeWorkerApi("run-1");
    let lostAt = -1;
    let lostStep = 0;
    fake.heartbeatHook = (p) => {
      if (p.step >= 5 && lostAt < 0) {
        fake.held = false;
        lostAt = fake.calls.length;
        lostStep = p.step;
      }
    };
    const o = options();
    expect(await runJob(fake, claimed(fake, spec(2000, { checkpointInterval: 1000 })), o)).toBe("lost");
    expect(lostAt).toBeGreaterThan(0);
    expect(fake.calls.slice(lostAt).filter((c) => c.type !== "heartbeat")).toEqual([]);
    expect(fake.refused.filter((t) => REPORTS.includes(t))).toEqual([]);
    expect(lostStep).toBeLessThan(200);
    expect(Math.max(...fake.calls.map((c) => (c.type === "heartbeat" ? c.step : 0)))).toBeLessThan(lostStep + 200);
    expect(o.lines.some((l) => l.includes("lease lost; stopping without reporting"))).toBe(true);
  });

  it("stops without reporting when a metric report is refused because the run is no longer held", async () => {
    const fake = new FakeWorkerApi("run-1");
    fake.metricsHook = (batch) => {
      if (batch.some((p) => p.step >= 5)) {
        fake.held = false;
        throw new RunLostError("worker does not hold run run-1 (it is cancelled)");
      }
    };
    // Heartbeats too rare to matter: the refused report alone must stop the run.
    expect(await runJob(fake, claimed(fake, spec(2000, { checkpointInterval: 1000 })), options({ heartbeatMs: 60_000 }))).toBe("lost");
    expect(fake.refused.filter((t) => REPORTS.includes(t))).toEqual([]);
    expect(fake.calls.map((c) => c.type)).toEqual(expect.not.arrayContaining(REPORTS));
  });

  it("resends metrics whose sending failed, before or after the API stored them, and loses none", async () => {
    const fake = new FakeWorkerApi("run-1");
    let calls = 0;
    let failures = 0;
    fake.metricsHook = () => {
      calls += 1;
      if (calls <= 3 || calls % 3 === 0) {
        failures += 1;
        if (calls <= 3) throw new Error("API unreachable");
        return "after";
      }
    };
    expect(await runJob(fake, claimed(fake, spec(40)), options())).toBe("completed");
    expect(failures).toBeGreaterThan(3);
    for (const name of STEP_METRICS) expect(fake.steps(name), name).toEqual(range(1, 40));
    expect(fake.steps("eval/exact_match")).toEqual([10, 20, 30, 40]);
    const sent = fake.sentSteps();
    expect(sent.length, "points sent, resends included").toBeGreaterThan(fake.points.size);
    const done = reports(fake).at(-1);
    expect(done?.type === "completeRun" && done.stored).toBe(fake.points.size);
  });

  it("on shutdown checkpoints the current step, sends its points and releases the run", async () => {
    const fake = new FakeWorkerApi("run-1");
    const shutdown = new AbortController();
    let requestedAt = 0;
    fake.heartbeatHook = (p) => {
      if (p.step < 5 || shutdown.signal.aborted) return;
      requestedAt = p.step;
      shutdown.abort();
    };
    expect(await runJob(fake, claimed(fake, spec(2000, { checkpointInterval: 1000 })), options({ shutdown: shutdown.signal }))).toBe("released");
    const stoppedAt = fake.steps("loss").at(-1) as number;
    expect(requestedAt).toBeLessThan(200);
    expect(stoppedAt).toBeLessThan(requestedAt + 200);
    expect(fake.steps("loss")).toEqual(range(1, stoppedAt));
    expect(reports(fake).slice(-2)).toEqual([{ type: "reportCheckpoint", step: stoppedAt, storedThrough: stoppedAt }, { type: "releaseRun" }]);
  });

  it("releases a run claimed while shutting down without training it", async () => {
    const fake = new FakeWorkerApi("run-1");
    const shutdown = new AbortController();
    shutdown.abort();
    expect(await runJob(fake, claimed(fake, spec(2000)), options({ shutdown: shutdown.signal }))).toBe("released");
    expect(fake.points.size).toBe(0);
    expect(reports(fake).map((c) => c.type)).toEqual(["releaseRun"]);
  });

  it("trains a GLUE run from the data directory and stores every evaluation metric as eval/<name>", async () => {
    const fake = new FakeWorkerApi("run-1");
    expect(await runJob(fake, claimed(fake, textSpec("glue/RTE", { sourceLength: 16 }, { strategy: "reverse" })), options({ dataDir: FIXTURES }))).toBe("completed");
    for (const name of ["eval/score", "eval/accuracy", "eval/exact_match", "eval/token_accuracy", "eval/loss", "eval/unrecognised", "eval/position_1_accuracy"]) {
      expect(fake.steps(name), name).toEqual([2, 4]);
    }
    const done = reports(fake).at(-1);
    expect(done?.type).toBe("completeRun");
    if (done?.type !== "completeRun") return;
    const { finalMetrics, bestMetric, permutation } = done.summary;
    expect(finalMetrics.score).toBe(fake.points.get("eval/score@4")?.value);
    expect(finalMetrics.accuracy).toBe(fake.points.get("eval/accuracy@4")?.value);
    expect(Object.keys(finalMetrics)).toEqual(expect.arrayContaining(["unrecognised", "perplexity", "wall_ms", "num_params"]));
    // The best of the primary metric (score, higher is better) over the two evaluations.
    expect(bestMetric).toBe(Math.max(fake.points.get("eval/score@2")?.value as number, fake.points.get("eval/score@4")?.value as number));
    expect(permutation).toEqual([1, 0]);
  });

  it("trains a wikitext-2 run and reports its fair perplexity as the best metric, lower is better", async () => {
    const fake = new FakeWorkerApi("run-1");
    const runSpec = textSpec("wikitext-2", { corpusSplit: "train", blockSize: 16 }, { strategy: "max-mi" });
    expect(await runJob(fake, claimed(fake, runSpec), options({ dataDir: FIXTURES }))).toBe("completed");
    for (const name of ["eval/perplexity", "eval/loss", "eval/scored_token_loss"]) expect(fake.steps(name), name).toEqual([2, 4]);
    expect(fake.steps("eval/exact_match")).toEqual([]);
    const done = reports(fake).at(-1);
    expect(done?.type).toBe("completeRun");
    if (done?.type !== "completeRun") return;
    const ppl = [2, 4].map((step) => fake.points.get(`eval/perplexity@${step}`)?.value as number);
    expect(done.summary.finalMetrics.perplexity).toBe(ppl[1]);
    expect(done.summary.finalMetrics.loss).toBeCloseTo(Math.log(ppl[1] as number), 6);
    expect(done.summary.bestMetric).toBe(Math.min(...ppl));
  });

  it("fails a text run with an error naming ORDERBENCH_DATA_DIR when the worker has no data directory", async () => {
    const fake = new FakeWorkerApi("run-1");
    expect(await runJob(fake, claimed(fake, textSpec("glue/RTE", { sourceLength: 16 })), options())).toBe("failed");
    const failed = reports(fake).at(-1);
    expect(failed).toMatchObject({ type: "failRun", diverged: false });
    expect(failed?.type === "failRun" && failed.error).toMatch(/glue\/RTE reads its dataset from a data directory, and none was given: set ORDERBENCH_DATA_DIR/);
    expect(fake.points.size).toBe(0);
  });
});
