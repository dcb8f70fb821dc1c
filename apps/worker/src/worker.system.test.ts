/**
 * The worker as a black box against the real API process (issue 3, sections 3 and 6): real processes,
 * real HTTP and WebSocket, PGlite always and PostgreSQL when DATABASE_URL is set. What a worker sent is
 * seen through a recording proxy in front of the API; what was stored, through the API's own queries.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { testBackends } from "@orderbench/db/testing";
import { accepted, gql, startRecorder, subscribeRunMetrics, waitUntil, type Exchange, type Recorder } from "./test/graphql";
import { freePort, killAll, killWorkers, openStore, startApi, startWorker, type ApiProcess, type Store } from "./test/processes";

const STEP_METRICS = ["grad_norm", "loss", "lr", "memory_mb", "tokens", "tokens_per_sec"];
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** A run evaluates every `every` steps and at its last step. */
const evalSteps = (steps: number, every: number): number[] => [...new Set([...range(1, Math.floor(steps / every)).map((i) => i * every), steps])];
const key = (p: { name: string; step: number }): string => `${p.name}@${p.step}`;

/** One tiny run (1 layer, width 16, 1-digit addition): about 20 ms a step here. */
function experimentSpec(name: string, steps: number, over: Record<string, unknown> = {}) {
  return {
    name,
    task: "add:1",
    strategies: ["plain"],
    seeds: 1,
    model: { preset: "nanogpt", nLayer: 1, nHead: 2, nEmbd: 16 },
    data: { trainSize: 64, testSize: 16 },
    budget: { steps },
    batchSize: 8,
    evalSize: 16,
    evalInterval: 20,
    checkpointInterval: 20,
    schedule: { warmupSteps: 5 },
    ...over,
  };
}

interface RunView {
  id: string;
  status: string;
  attempt: number;
  step: number;
  cancelRequested: boolean;
  error: string | null;
  finalMetrics: Record<string, number | null> | null;
  checkpoint: { id: string; step: number } | null;
  worker: { name: string } | null;
}
const RUN = `id status attempt step cancelRequested error finalMetrics checkpoint { id step } worker { name }`;

async function createExperiment(url: string, spec: object): Promise<{ id: string; runs: { id: string }[] }> {
  const d = await gql<{ createExperiment: { id: string; runs: { id: string }[] } }>(url, `mutation($spec: JSON!) { createExperiment(input: { spec: $spec }) { id runs { id } } }`, { spec });
  return d.createExperiment;
}

async function getRun(url: string, id: string): Promise<RunView> {
  const d = await gql<{ run: RunView | null }>(url, `query($id: ID!) { run(id: $id) { ${RUN} } }`, { id });
  if (!d.run) throw new Error(`run ${id} not found`);
  return d.run;
}

const runWith = (url: string, id: string, status: string) => async (): Promise<RunView | undefined> => {
  const r = await getRun(url, id);
  return r.status === status ? r : undefined;
};

/** Every stored point of a run, by metric name, in step order; maxPoints is above every series' length, so nothing is downsampled away. */
async function storedSeries(url: string, runId: string): Promise<Map<string, { step: number; value: number | null }[]>> {
  const d = await gql<{ metricSeries: { name: string; total: number; points: { step: number; value: number | null }[] }[] }>(
    url,
    `query($id: ID!) { metricSeries(runIds: [$id], maxPoints: 10000) { name total points { step value } } }`,
    { id: runId },
  );
  for (const s of d.metricSeries) expect(s.points.length, `${s.name}: every stored point returned`).toBe(s.total);
  return new Map(d.metricSeries.map((s) => [s.name, s.points]));
}

/** For each metric the steps are exactly 1..steps (evaluations: their steps): no gap, no duplicate. */
async function expectEveryPointOnce(url: string, runId: string, steps: number, evalInterval: number): Promise<Map<string, { step: number; value: number | null }[]>> {
  const series = await storedSeries(url, runId);
  const evalNames = [...series.keys()].filter((n) => n.startsWith("eval/"));
  expect(evalNames).toEqual(expect.arrayContaining(["eval/exact_match", "eval/loss", "eval/token_accuracy", "eval/position_0_accuracy"]));
  expect([...series.keys()].sort()).toEqual([...STEP_METRICS, ...evalNames].sort());
  for (const name of STEP_METRICS) expect(series.get(name)?.map((p) => p.step), name).toEqual(range(1, steps));
  for (const name of evalNames) expect(series.get(name)?.map((p) => p.step), name).toEqual(evalSteps(steps, evalInterval));
  return series;
}

/** The points of one reportMetrics call, which the worker sends as columns (MetricColumnsInput). */
const reported = (e: Exchange): { name: string; step: number; value: number | null }[] => {
  const c = e.variables.columns as { names: string[]; steps: number[]; values: (number | null)[] };
  return c.names.map((name, i) => ({ name, step: c.steps[i] as number, value: c.values[i] as number | null }));
};
/** The points a worker sent that the API acknowledged, in the order sent. */
const sentPoints = (rec: Recorder): { name: string; step: number; value: number | null }[] => rec.ok("reportMetrics").flatMap(reported);
const maxStep = (e: Exchange): number => Math.max(...reported(e).map((p) => p.step));
const claimOf = (rec: Recorder) => rec.ok("claimRun").map((e) => e.response?.data?.claimRun).find(Boolean) as { run: { id: string; attempt: number }; checkpoint: { id: string } | null } | undefined;

async function settle<T>(p: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

for (const backend of testBackends(inject("databaseUrl"))) {
  describe.sequential(`worker against the API process [${backend.name}]`, () => {
    let store: Store;
    let api: ApiProcess;
    const cleanups: (() => unknown)[] = [];
    const experiments: string[] = [];

    beforeAll(async () => {
      store = await openStore(backend);
      // A 3 s lease: heartbeats every second, a dead worker's run back in the queue within a few seconds.
      api = await startApi(store, { port: await freePort(), leaseSeconds: 3 });
    });

    afterEach(async () => {
      await killWorkers();
      for (const c of cleanups.splice(0).reverse()) await c();
      // Nothing a test left queued or running may be claimed by the next test's worker.
      for (const id of experiments.splice(0)) await gql(api.url, `mutation($id: ID!) { cancelExperiment(id: $id) { id } }`, { id }).catch(() => undefined);
    });

    afterAll(async () => {
      await killAll();
      await store?.drop();
    });

    async function experiment(url: string, spec: object) {
      const e = await createExperiment(url, spec);
      if (url === api.url) experiments.push(e.id);
      return e;
    }

    async function recorder(): Promise<Recorder> {
      const rec = await startRecorder(api.url);
      cleanups.push(() => rec.close());
      return rec;
    }

    it("trains an experiment end to end: runs succeed, every point is stored, a subscriber receives points while the run trains", async () => {
      // Long enough (seconds, even on a fast machine) for the worker's 1 s flushes to stream during training.
      const steps = 300;
      const exp = await experiment(api.url, experimentSpec("end to end", steps, { strategies: ["plain", "reverse"], evalInterval: 50, checkpointInterval: 100 }));
      expect(exp.runs).toHaveLength(2);
      const runId = (exp.runs[0] as { id: string }).id;
      const sub = subscribeRunMetrics(api.wsUrl, runId);
      cleanups.push(() => sub.close());
      // The run's status as each batch arrives: some must arrive while it is still training.
      const statusAtBatch: Promise<string>[] = [];
      sub.onBatch(() => statusAtBatch.push(getRun(api.url, runId).then((r) => r.status)));

      await startWorker(api.url, "e2e-worker");
      for (const run of exp.runs) await waitUntil(`run ${run.id} to succeed`, runWith(api.url, run.id, "succeeded"), 90_000);
      expect(await settle(sub.ended, 15_000), "the subscription completes once the run has finished").toBe("complete");

      for (const { id } of exp.runs) {
        const run = await getRun(api.url, id);
        expect(run).toMatchObject({ status: "succeeded", attempt: 1, step: steps, error: null, checkpoint: { step: steps }, worker: { name: "e2e-worker" } });
        expect(run.finalMetrics?.exact_match).toBeGreaterThanOrEqual(0);
        await expectEveryPointOnce(api.url, id, steps, 50);
      }

      expect(sub.batches.length, "points arrive in several batches, as they are reported").toBeGreaterThan(1);
      expect(await Promise.all(statusAtBatch)).toContain("running");
      const received = sub.points().map(key);
      expect(new Set(received).size, "no point is sent twice").toBe(received.length);
      const stored = [...(await storedSeries(api.url, runId)).entries()].flatMap(([name, points]) => points.map((p) => key({ name, step: p.step })));
      expect([...received].sort()).toEqual([...stored].sort());

      const { leaderboard } = await gql<{ leaderboard: { rows: { strategy: string; n: number }[]; missingMetric: number } }>(
        api.url,
        `query($id: ID!) { leaderboard(task: "add:1", experimentId: $id, metric: "exact_match") { rows { strategy n } missingMetric } }`,
        { id: exp.id },
      );
      expect(leaderboard.missingMetric).toBe(0);
      expect(leaderboard.rows.map((r) => [r.strategy, r.n]).sort()).toEqual([["plain", 1], ["reverse", 1]]);
    });

    it("a wasm worker declines a model beyond the wasm heap: the run goes back to the queue for other backends, not failed, and is not claimed by it again", async () => {
      // 24 layers of width 1,024: about 302M parameters, over wasm's 100M; refused before any weight is made.
      const exp = await experiment(api.url, experimentSpec("too large for wasm", 100, { model: { preset: "nanogpt", nLayer: 24, nHead: 16, nEmbd: 1024 } }));
      const runId = (exp.runs[0] as { id: string }).id;
      await startWorker(api.url, "small-heap");
      const query = `query($id: ID!) { run(id: $id) { status attempt error declinedBackends declineReason worker { name } } }`;
      type Declined = { status: string; attempt: number; error: string | null; declinedBackends: string[]; declineReason: string | null; worker: { name: string } | null };
      const declined = await waitUntil("the run to be declined", async () => {
        const { run } = await gql<{ run: Declined }>(api.url, query, { id: runId });
        return run.declinedBackends.length > 0 ? run : undefined;
      }, 60_000);
      expect(declined).toMatchObject({ status: "queued", attempt: 0, error: null, declinedBackends: ["wasm"], worker: null });
      expect(declined.declineReason).toMatch(/parameters does not fit the wasm backend's 4 GB heap/);
      // The worker polls every second; it must pass over the run from now on.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect((await gql<{ run: Declined }>(api.url, query, { id: runId })).run).toMatchObject({ status: "queued", attempt: 0, declinedBackends: ["wasm"] });
    });

    it("kill -9 mid-run: the lease expires, the run is re-queued, a second worker resumes it from the checkpoint as attempt 2, no point lost or duplicated", async () => {
      const steps = 400;
      const exp = await experiment(api.url, experimentSpec("kill -9", steps, { evalInterval: 20, checkpointInterval: 50 }));
      const runId = (exp.runs[0] as { id: string }).id;

      const rec1 = await recorder();
      const w1 = await startWorker(rec1.url, "doomed");
      // Killed the moment the API stores points past a checkpoint, before the worker even hears back.
      let lastCheckpoint = 0;
      let killed = false;
      rec1.onExchange((e) => {
        if (!accepted(e) || killed) return;
        if (e.field === "reportCheckpoint") lastCheckpoint = e.variables.step;
        if (e.field === "reportMetrics" && lastCheckpoint > 0 && maxStep(e) > lastCheckpoint) {
          killed = true;
          w1.kill("SIGKILL");
        }
      });
      expect(await settle(w1.exited, 60_000)).toEqual({ code: null, signal: "SIGKILL" });

      const requeued = await waitUntil("the run back in the queue", runWith(api.url, runId, "queued"), 30_000);
      expect(requeued.attempt, "a lost lease keeps the attempt count; the next claim is attempt + 1").toBe(1);
      const checkpoint = requeued.checkpoint as { id: string; step: number };
      expect(checkpoint.step).toBe(lastCheckpoint);
      const sentBy1 = new Map(sentPoints(rec1).filter((p) => p.name === "loss").map((p) => [p.step, p.value]));
      expect(Math.max(...sentBy1.keys())).toBeGreaterThan(checkpoint.step);

      const rec2 = await recorder();
      await startWorker(rec2.url, "resumer");
      const done = await waitUntil("the resumed run to succeed", runWith(api.url, runId, "succeeded"), 90_000);
      expect(done).toMatchObject({ attempt: 2, step: steps, worker: { name: "resumer" } });
      expect(claimOf(rec2)).toMatchObject({ run: { id: runId, attempt: 2 }, checkpoint: { id: checkpoint.id } });
      expect(rec2.ok("checkpoint").map((e) => e.variables.id)).toEqual([checkpoint.id]);
      const sentBy2 = sentPoints(rec2);
      expect(sentBy2[0]?.step, "the first step the second worker reports").toBe(checkpoint.step + 1);
      expect(Math.min(...sentBy2.map((p) => p.step))).toBe(checkpoint.step + 1);

      const series = await expectEveryPointOnce(api.url, runId, steps, 20);
      // Steps both workers trained (after the checkpoint, before the kill) came out the same: the second
      // worker continued the first one's run, and the API kept the first value written.
      const overlap = sentBy2.filter((p) => p.name === "loss" && sentBy1.has(p.step));
      expect(overlap.length).toBeGreaterThan(0);
      for (const p of overlap) expect(p.value, `loss at step ${p.step}`).toBeCloseTo(sentBy1.get(p.step) as number, 5);
      const storedLoss = new Map(series.get("loss")?.map((p) => [p.step, p.value]));
      for (const [step, value] of sentBy1) expect(storedLoss.get(step)).toBe(value);
    });

    it("restart the API mid-run: the worker rides it out, the run completes with every point once, a subscriber resumes from sinceStep with exactly the missing points", { timeout: 240_000 }, async () => {
      const steps = 600;
      // Its own API (and database), restarted below; the default-like 30 s lease outlives the restart.
      const own = await openStore(backend);
      cleanups.push(() => own.drop());
      const port = await freePort();
      const before = await startApi(own, { port, leaseSeconds: 30 });
      cleanups.push(() => before.kill("SIGKILL"));
      const exp = await createExperiment(before.url, experimentSpec("api restart", steps, { evalInterval: 25, checkpointInterval: 100 }));
      const runId = (exp.runs[0] as { id: string }).id;
      const first = subscribeRunMetrics(before.wsUrl, runId);
      cleanups.push(() => first.close());

      const worker = await startWorker(before.url, "rider");
      await waitUntil("points streaming", () => first.lastStep() >= 50, 60_000, 50);
      before.kill("SIGTERM");
      // Not asserted: a clean exit code. The API currently dies by the re-raised SIGTERM (Apollo's own
      // termination handler) instead of exiting 0 after closing its database; reported to the API's owner.
      expect(await settle(before.exited, 30_000)).not.toBe("timeout");
      const end = await settle(first.ended, 10_000);
      expect(end, "the old API's shutdown ends the subscription").not.toBe("complete");
      expect(end).not.toBe("timeout");
      const seen = first.lastStep();

      const after = await startApi(own, { port, leaseSeconds: 30 });
      cleanups.push(() => after.kill("SIGKILL"));
      const second = subscribeRunMetrics(after.wsUrl, runId, seen);
      cleanups.push(() => second.close());
      const done = await waitUntil("the run to succeed", runWith(after.url, runId, "succeeded"), 120_000);
      expect(await settle(second.ended, 15_000)).toBe("complete");

      expect(done, "the worker kept its lease through the restart").toMatchObject({ attempt: 1, step: steps, worker: { name: "rider" } });
      expect(worker.output()).toMatch(/API unreachable/);
      expect(worker.running).toBe(true);
      const series = await expectEveryPointOnce(after.url, runId, steps, 25);

      const stored = [...series.entries()].flatMap(([name, points]) => points.map((p) => ({ name, step: p.step })));
      const byKey = (ps: { name: string; step: number }[]): string[] => ps.map(key).sort();
      const got1 = byKey(first.points());
      const got2 = byKey(second.points());
      expect(new Set(got1).size).toBe(got1.length);
      expect(new Set(got2).size).toBe(got2.length);
      expect(got1, "before the restart: every point up to the last step seen").toEqual(byKey(stored.filter((p) => p.step <= seen)));
      expect(got2, "after reconnecting with sinceStep: exactly the missing points").toEqual(byKey(stored.filter((p) => p.step > seen)));
    });

    it("cancelRun stops the running run: cancelled within 10 s, the worker goes on", async () => {
      const steps = 5000;
      const exp = await experiment(api.url, experimentSpec("cancel", steps, { evalInterval: 1000, checkpointInterval: 1000 }));
      const runId = (exp.runs[0] as { id: string }).id;
      const worker = await startWorker(api.url, "canceller");
      await waitUntil("training under way", async () => {
        const r = await getRun(api.url, runId);
        return r.status === "running" && r.step >= 5;
      }, 60_000, 100);

      const { cancelRun } = await gql<{ cancelRun: RunView }>(api.url, `mutation($id: ID!) { cancelRun(id: $id) { ${RUN} } }`, { id: runId });
      expect(cancelRun).toMatchObject({ status: "running", cancelRequested: true });
      // Liveness only (the worker hears of it at its next heartbeat, a third of the 3 s lease).
      const cancelled = await waitUntil("the run cancelled", runWith(api.url, runId, "cancelled"), 10_000, 100);
      expect(cancelled.step).toBeLessThan(steps);
      await worker.waitFor(new RegExp(`run ${runId}: cancelled`), 10_000);
      expect(worker.running).toBe(true);
      const loss = (await storedSeries(api.url, runId)).get("loss")?.map((p) => p.step) ?? [];
      expect(loss.length).toBeGreaterThan(0);
      expect(loss).toEqual(range(1, loss.length));
    });

    it("SIGTERM mid-run: the worker checkpoints, releases the run (queued, no attempt spent), exits 0; a new worker finishes it from the checkpoint", async () => {
      const steps = 400;
      // No periodic checkpoint before the end: the one the next worker resumes from is the shutdown's.
      const exp = await experiment(api.url, experimentSpec("sigterm", steps, { evalInterval: 20, checkpointInterval: 1000 }));
      const runId = (exp.runs[0] as { id: string }).id;

      const rec1 = await recorder();
      const w1 = await startWorker(rec1.url, "stopping");
      let signalled = false;
      rec1.onExchange((e) => {
        if (signalled || e.field !== "reportMetrics" || !accepted(e) || maxStep(e) < 30) return;
        // Once: a second SIGTERM makes the worker exit at once.
        signalled = true;
        w1.kill("SIGTERM");
      });
      expect(await settle(w1.exited, 60_000)).toEqual({ code: 0, signal: null });
      expect(w1.output()).toMatch(/SIGTERM: checkpointing and releasing runs/);
      expect(w1.output()).toMatch(/worker stopped/);

      const released = await getRun(api.url, runId);
      const claim1 = claimOf(rec1);
      expect(claim1?.run.attempt).toBe(1);
      expect(released).toMatchObject({ status: "queued", attempt: 0 });
      const checkpoint = released.checkpoint as { id: string; step: number };
      expect(checkpoint.step).toBeGreaterThanOrEqual(30);
      // Its last words: every point up to the checkpoint, the checkpoint, the release, and nothing after.
      const runScoped = rec1.exchanges.filter((e) => ["reportMetrics", "reportCheckpoint", "releaseRun", "completeRun", "failRun"].includes(e.field));
      expect(runScoped.every(accepted)).toBe(true);
      expect(runScoped.slice(-2).map((e) => e.field)).toEqual(["reportCheckpoint", "releaseRun"]);
      expect(runScoped.at(-2)?.variables.step).toBe(checkpoint.step);
      expect(Math.max(...sentPoints(rec1).map((p) => p.step))).toBe(checkpoint.step);

      const rec2 = await recorder();
      await startWorker(rec2.url, "finisher");
      const done = await waitUntil("the run to succeed", runWith(api.url, runId, "succeeded"), 90_000);
      expect(done).toMatchObject({ attempt: 1, step: steps, worker: { name: "finisher" } });
      expect(claimOf(rec2)).toMatchObject({ run: { id: runId, attempt: claim1?.run.attempt }, checkpoint: { id: checkpoint.id } });
      expect(sentPoints(rec2)[0]?.step).toBe(checkpoint.step + 1);
      await expectEveryPointOnce(api.url, runId, steps, 20);
    });
  });
}
