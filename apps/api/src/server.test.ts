import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "./test/backends";
import { FakeWorker, CREATE_EXPERIMENT, smallSpec } from "./test/fake-worker";
import { collectUntil, gql, ok, subscribe, whenLive, wsClient } from "./test/graphql-client";
import { startTestServer, type TestServer } from "./test/test-server";

const RUN_METRICS = `subscription($runId: ID!, $since: Int) { runMetrics(runId: $runId, sinceStep: $since) { runId points { name step value nonFinite } } }`;

type Batch = { runMetrics: { points: { name: string; step: number; value: number | null; nonFinite: string | null }[] } };
const points = (batches: Batch[]) => batches.flatMap((b) => b.runMetrics.points);

describeEachBackend("API over HTTP and WebSocket", (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(database());
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers GraphQL requests with Cache-Control: no-store, errors included", async () => {
    for (const query of [`{ me { role } }`, `{ nope }`]) {
      const res = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
      expect(res.headers.get("cache-control"), query).toBe("no-store");
    }
  });

  it("answers /healthz", async () => {
    const res = await fetch(server.url.replace("/graphql", "/healthz"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("creates an experiment with one queued run per strategy × seed", async () => {
    const data = await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec() } });
    const experiment = data.createExperiment;
    expect(experiment.status).toBe("queued");
    expect(experiment.runCounts).toEqual({ total: 4, queued: 4 });
    expect(experiment.runs.map((r: { strategy: string; seed: number }) => `${r.strategy}/${r.seed}`)).toEqual(["plain/0", "max-mi/0", "plain/1", "max-mi/1"]);
    const listed = await ok(server.url, `{ experiments(first: 10, filter: { task: "mul:2" }) { nodes { id name } pageInfo { hasNextPage endCursor } } }`);
    expect(listed.experiments.nodes).toEqual([{ id: experiment.id, name: "mul:2 orderings" }]);
    expect(listed.experiments.pageInfo.hasNextPage).toBe(false);
  });

  it("pages experiments with a cursor and filters them by tag and search", async () => {
    for (const name of ["alpha", "beta", "gamma"]) await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ name, tags: name === "beta" ? ["x"] : [] }) } });
    const first = await ok(server.url, `{ experiments(first: 2) { nodes { name } pageInfo { hasNextPage endCursor } } }`);
    expect(first.experiments.nodes.map((n: { name: string }) => n.name)).toEqual(["gamma", "beta"]);
    const second = await ok(server.url, `query($after: String) { experiments(first: 2, after: $after) { nodes { name } pageInfo { hasNextPage } } }`, { after: first.experiments.pageInfo.endCursor });
    expect(second.experiments).toEqual({ nodes: [{ name: "alpha" }], pageInfo: { hasNextPage: false } });
    const tagged = await ok(server.url, `{ experiments(filter: { tag: "x" }) { nodes { name } } }`);
    expect(tagged.experiments.nodes).toEqual([{ name: "beta" }]);
    const searched = await ok(server.url, `{ experiments(filter: { search: "AMM" }) { nodes { name } } }`);
    expect(searched.experiments.nodes).toEqual([{ name: "gamma" }]);
  });

  it("runs the worker protocol end to end: claim, stream metrics to a subscriber, complete, leaderboard", async () => {
    const created = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain", "max-mi"], seeds: 1 }) } })).createExperiment;
    const worker = await new FakeWorker(server.url).register();
    const watcher = wsClient(server.wsUrl);
    try {
      const claims = [await worker.claim(), await worker.claim()];
      expect(await worker.claim()).toBeNull();
      const runIds = claims.map((c) => c!.run.id);
      expect(claims.map((c) => c!.run.attempt)).toEqual([1, 1]);
      expect(claims[0]!.spec.task).toBe("mul:2");

      const [plainRun, maxMiRun] = runIds as [string, string];
      const stream = subscribe<Batch>(watcher, RUN_METRICS, { runId: plainRun });
      const received = collectUntil(stream, (b) => points(b).length >= 6);
      // The subscription is live once a first point reaches it; report one, wait for it, then the rest.
      await worker.report(plainRun, [{ name: "loss", step: 0, value: 2.5 }]);
      const updates = subscribe<{ runUpdated: { id: string; status: string } }>(watcher, `subscription($e: ID) { runUpdated(experimentId: $e) { id status } }`, { e: created.id });
      for (let step = 1; step <= 5; step++) await worker.report(plainRun, [{ name: "loss", step, value: 2.5 - step / 10 }]);
      const got = points(await received);
      expect(got.map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(got[5]).toEqual({ name: "loss", step: 5, value: 2, nonFinite: null });

      const curve = (acc: number[]) => acc.map((value, i) => ({ name: "eval/exact_match", step: (i + 1) * 10, value }));
      await worker.report(plainRun, curve([0.2, 0.4, 0.6]));
      await worker.report(maxMiRun, curve([0.5, 0.8, 0.95]));
      await whenLive(updates, () => worker.heartbeat(runIds, [{ runId: plainRun, step: 30, progress: 0.3 }]));
      const statuses = collectUntil(updates, (u) => u.filter((x) => x.runUpdated.status === "succeeded").length >= 2);
      await worker.complete(plainRun, { exact_match: 0.6, loss: 1.1 }, { bestMetric: 0.6, bestStep: 30, permutation: [0, 1, 2, 3] });
      await worker.complete(maxMiRun, { exact_match: 0.95, loss: 0.4 }, { bestMetric: 0.95, bestStep: 30 });
      expect((await statuses).map((u) => u.runUpdated.id)).toEqual(expect.arrayContaining(runIds));

      const board = await ok(server.url, `{ leaderboard(task: "mul:2") { metric curve baseline rows { strategy n mean std best vsBaseline { n mean } convergence { threshold meanSteps reached } runIds } } }`);
      expect(board.leaderboard).toMatchObject({ metric: "exact_match", curve: "eval/exact_match", baseline: "plain" });
      const rows = Object.fromEntries(board.leaderboard.rows.map((r: { strategy: string }) => [r.strategy, r]));
      expect(rows.plain).toMatchObject({ n: 1, mean: 0.6, std: null, best: 0.6, vsBaseline: null, runIds: [plainRun] });
      expect(rows["max-mi"]).toMatchObject({ n: 1, mean: 0.95, vsBaseline: { n: 1 } });
      expect(rows["max-mi"].vsBaseline.mean).toBeCloseTo(0.35, 10);
      expect(rows["max-mi"].convergence).toEqual([{ threshold: 0.5, meanSteps: 10, reached: 1 }, { threshold: 0.9, meanSteps: 30, reached: 1 }]);
      expect(rows.plain.convergence).toEqual([{ threshold: 0.5, meanSteps: 30, reached: 1 }, { threshold: 0.9, meanSteps: null, reached: 0 }]);

      const run = await ok(server.url, `query($id: ID!) { run(id: $id) { status finalMetrics bestMetric permutation worker { id } experiment { status runCounts { succeeded } } metrics(names: ["loss"]) { name total points { step } } } }`, { id: plainRun });
      expect(run.run).toMatchObject({ status: "succeeded", finalMetrics: { exact_match: 0.6, loss: 1.1 }, bestMetric: 0.6, permutation: [0, 1, 2, 3], worker: { id: worker.id } });
      expect(run.run.experiment).toEqual({ status: "succeeded", runCounts: { succeeded: 2 } });
      expect(run.run.metrics).toEqual([{ name: "loss", total: 6, points: [0, 1, 2, 3, 4, 5].map((step) => ({ step })) }]);
    } finally {
      await watcher.dispose();
    }
  });

  it("resumes runMetrics from sinceStep with exactly the missing points, then live ones, and completes with the run", async () => {
    const created = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } })).createExperiment;
    const worker = await new FakeWorker(server.url).register();
    const runId = (await worker.claim())!.run.id;
    expect(runId).toBe(created.runs[0].id);
    await worker.report(runId, Array.from({ length: 10 }, (_, step) => ({ name: "loss", step, value: step })));
    await worker.report(runId, Array.from({ length: 10 }, (_, step) => ({ name: "acc", step, value: step / 10 })));
    const client = wsClient(server.wsUrl);
    try {
      const stream = subscribe<Batch>(client, RUN_METRICS, { runId, since: 6 });
      const all = collectUntil(stream, () => false);
      // Resent points (already stored) must not be delivered again; new ones must, once each.
      await worker.report(runId, [8, 9, 10, 11].map((step) => ({ name: "loss", step, value: step })));
      await worker.report(runId, [10, 11].map((step) => ({ name: "acc", step, value: step / 10 })));
      await worker.complete(runId, { exact_match: 1 });
      const got = points(await all).map((p) => `${p.name}@${p.step}`);
      expect(got.sort()).toEqual(["acc@7", "acc@8", "acc@9", "acc@10", "acc@11", "loss@7", "loss@8", "loss@9", "loss@10", "loss@11"].sort());
      const again = points(await collectUntil(subscribe<Batch>(client, RUN_METRICS, { runId, since: 9 }), () => false));
      expect(again.map((p) => `${p.name}@${p.step}`)).toEqual(["acc@10", "loss@10", "acc@11", "loss@11"]);
    } finally {
      await client.dispose();
    }
  });

  it("gives every one of several subscribers to a run each point exactly once while batches arrive", async () => {
    await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } });
    const worker = await new FakeWorker(server.url).register();
    const runId = (await worker.claim())!.run.id;
    await worker.report(runId, [0, 1].map((step) => ({ name: "loss", step, value: step })));
    const clients = Array.from({ length: 6 }, () => wsClient(server.wsUrl));
    try {
      const all = clients.map((c, i) => collectUntil(subscribe<Batch>(c, RUN_METRICS, { runId, ...(i % 2 === 1 && { since: 0 }) }), () => false));
      for (let batch = 1; batch <= 8; batch++) {
        const steps = [2 * batch, 2 * batch + 1];
        await Promise.all([worker.report(runId, steps.map((step) => ({ name: "loss", step, value: step }))), worker.report(runId, steps.map((step) => ({ name: "acc", step, value: step / 100 })))]);
      }
      await worker.complete(runId, { exact_match: 1 });
      const expected = (from: number) => ["loss", "acc"].flatMap((name) => Array.from({ length: 18 }, (_, step) => step).filter((step) => step >= from && (name === "loss" || step >= 2)).map((step) => `${name}@${step}`)).sort();
      for (const [i, got] of (await Promise.all(all)).entries()) {
        expect(points(got).map((p) => `${p.name}@${p.step}`).sort(), `subscriber ${i}`).toEqual(expected(i % 2 === 1 ? 1 : 0));
      }
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });

  it("downsamples metricSeries on the server, keeping the last point", async () => {
    await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } });
    const worker = await new FakeWorker(server.url).register();
    const runId = (await worker.claim())!.run.id;
    await worker.report(runId, Array.from({ length: 1000 }, (_, step) => ({ name: "loss", step, value: step === 500 ? 100 : Math.sin(step) })));
    const data = await ok(server.url, `query($ids: [ID!]!) { metricSeries(runIds: $ids, names: ["loss"], maxPoints: 30) { name total points { step value } } }`, { ids: [runId] });
    const [series] = data.metricSeries;
    expect(series.total).toBe(1000);
    expect(series.points.length).toBeLessThanOrEqual(30);
    expect(series.points.at(-1).step).toBe(999);
    expect(series.points.some((p: { step: number; value: number }) => p.step === 500 && p.value === 100)).toBe(true);
  });

  it("delivers a cancel to the worker through its heartbeat, and the run ends cancelled", async () => {
    await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } });
    const worker = await new FakeWorker(server.url).register();
    const runId = (await worker.claim())!.run.id;
    expect(await worker.heartbeat([runId], [{ runId, step: 10, progress: 0.1 }])).toEqual([{ runId, held: true, cancelRequested: false }]);
    const cancelled = await ok(server.url, `mutation($id: ID!) { cancelRun(id: $id) { status cancelRequested } }`, { id: runId });
    expect(cancelled.cancelRun).toEqual({ status: "running", cancelRequested: true });
    expect(await worker.heartbeat([runId])).toEqual([{ runId, held: true, cancelRequested: true }]);
    expect(await worker.fail(runId, "cancelled by request")).toEqual({ id: runId, status: "cancelled", diverged: false });
    const again = await gql(server.url, `mutation($id: ID!) { cancelRun(id: $id) { status } }`, { id: runId });
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(again.errors?.[0]?.message).toMatch(/already finished \(cancelled\)/);
  });

  it("re-queues a run whose lease expired with attempt + 1, and the next worker resumes from its checkpoint", async () => {
    // Long enough that the checkpoint below lands inside the lease on a loaded machine, short enough to wait out.
    const short = await startTestServer(database(), { leaseSeconds: 2, sweepIntervalMs: 50 });
    try {
      await ok(short.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } });
      const first = await new FakeWorker(short.url).register("first");
      const claim = (await first.claim())!;
      const bytes = new Uint8Array(Array.from({ length: 3000 }, (_, i) => i % 251));
      const saved = await first.checkpoint(claim.run.id, 40, bytes);
      expect(saved).toMatchObject({ step: 40, sizeBytes: 3000 });
      // The first worker stops heart-beating; poll (no timing assertion) until the sweeper has re-queued the run.
      let status = "running";
      while (status === "running") {
        await new Promise((r) => setTimeout(r, 50));
        status = (await ok(short.url, `query($id: ID!) { run(id: $id) { status } }`, { id: claim.run.id })).run.status;
      }
      expect(status).toBe("queued");
      const second = await new FakeWorker(short.url).register("second");
      const resumed = (await second.claim())!;
      expect(resumed.run).toMatchObject({ id: claim.run.id, attempt: 2 });
      expect(resumed.checkpoint).toEqual({ id: saved.id, step: 40 });
      const download = await ok(short.url, `query($id: ID!, $w: ID) { checkpoint(id: $id, workerId: $w) { step sha256 bytesBase64 } }`, { id: saved.id, w: second.id });
      expect(new Uint8Array(Buffer.from(download.checkpoint.bytesBase64, "base64"))).toEqual(bytes);
      const stale = await gql(short.url, `mutation($w: ID!, $r: ID!) { completeRun(workerId: $w, runId: $r, summary: {finalMetrics: {exact_match: 1}}) { id } }`, { w: first.id, r: claim.run.id });
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "runId" });
      expect(stale.errors?.[0]?.message).toMatch(/does not hold run/);
    } finally {
      await short.stop();
    }
  });

  it("lists a run's stored checkpoints newest first, as many as the API keeps", async () => {
    await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } });
    const worker = await new FakeWorker(server.url).register("checkpointer");
    const claim = (await worker.claim())!;
    const query = `query($id: ID!) { run(id: $id) { checkpoint { id step } checkpoints { id runId step sizeBytes sha256 createdAt } } }`;
    expect((await ok(server.url, query, { id: claim.run.id })).run).toEqual({ checkpoint: null, checkpoints: [] });
    const saved = [];
    for (const step of [10, 20, 30]) saved.push(await worker.checkpoint(claim.run.id, step, new Uint8Array(step).fill(step)));
    const { run } = await ok(server.url, query, { id: claim.run.id });
    // The API keeps the newest two (checkpointsKept); the first is gone.
    expect(run.checkpoints.map((c: { step: number }) => c.step)).toEqual([30, 20]);
    expect(run.checkpoints.map((c: { id: string }) => c.id)).toEqual([saved[2]!.id, saved[1]!.id]);
    expect(run.checkpoints[0]).toMatchObject({ runId: claim.run.id, sizeBytes: 30, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(run.checkpoint).toEqual({ id: saved[2]!.id, step: 30 });
  });

  it("records NaN and infinite values, marks the run diverged, and streams them as nonFinite", async () => {
    await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } });
    const worker = await new FakeWorker(server.url).register();
    const runId = (await worker.claim())!.run.id;
    const report = await worker.report(runId, [
      { name: "loss", step: 1, value: 3 },
      { name: "loss", step: 2, value: null, nonFinite: "NAN" },
      { name: "gradNorm", step: 2, value: null, nonFinite: "POSITIVE_INFINITY" },
    ]);
    expect(report).toEqual({ accepted: 3, inserted: 3, diverged: true });
    const run = await ok(server.url, `query($id: ID!) { run(id: $id) { diverged status metrics { name points { step value nonFinite } } } }`, { id: runId });
    expect(run.run.diverged).toBe(true);
    expect(run.run.metrics).toEqual([
      { name: "gradNorm", points: [{ step: 2, value: null, nonFinite: "POSITIVE_INFINITY" }] },
      { name: "loss", points: [{ step: 1, value: 3, nonFinite: null }, { step: 2, value: null, nonFinite: "NAN" }] },
    ]);
    expect(await worker.fail(runId, "loss became NaN at step 2", true)).toEqual({ id: runId, status: "failed", diverged: true });
    const retried = await ok(server.url, `mutation($id: ID!) { retryRun(id: $id) { status attempt diverged } }`, { id: runId });
    expect(retried.retryRun).toEqual({ status: "queued", attempt: 0, diverged: false });
  });

  it("stores a batch sent as columns like the same points, wall times and non-finite values included; a resend inserts nothing", async () => {
    await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } });
    const worker = await new FakeWorker(server.url).register();
    const runId = (await worker.claim())!.run.id;
    const client = wsClient(server.wsUrl);
    try {
      const stream = subscribe<Batch>(client, RUN_METRICS, { runId });
      const received = collectUntil(stream, (b) => points(b).length >= 4);
      const columns = {
        names: ["loss", "lr", "loss", "lr"],
        steps: [1, 1, 2, 2],
        values: [3, 0.001, null, 0.001],
        nonFinite: [null, null, "NEGATIVE_INFINITY", null],
        wallTimes: ["2026-01-01T00:00:01.000Z", "2026-01-01T00:00:01.000Z", "2026-01-01T00:00:02.500Z", "2026-01-01T00:00:02.500Z"],
      };
      const REPORT = `mutation($w: ID!, $r: ID!, $c: MetricColumnsInput!) { reportMetrics(workerId: $w, runId: $r, columns: $c) { accepted inserted diverged } }`;
      expect((await ok(server.url, REPORT, { w: worker.id, r: runId, c: columns })).reportMetrics).toEqual({ accepted: 4, inserted: 4, diverged: true });
      expect((await ok(server.url, REPORT, { w: worker.id, r: runId, c: columns })).reportMetrics).toEqual({ accepted: 4, inserted: 0, diverged: true });
      const got = points(await received).map((p) => `${p.name}@${p.step}=${p.value ?? p.nonFinite}`);
      expect(got.sort()).toEqual(["loss@1=3", "loss@2=NEGATIVE_INFINITY", "lr@1=0.001", "lr@2=0.001"]);
      const run = await ok(server.url, `query($id: ID!) { run(id: $id) { diverged metrics { name points { step value nonFinite wallTime } } } }`, { id: runId });
      expect(run.run.diverged).toBe(true);
      expect(run.run.metrics).toEqual([
        {
          name: "loss",
          points: [
            { step: 1, value: 3, nonFinite: null, wallTime: "2026-01-01T00:00:01.000Z" },
            { step: 2, value: null, nonFinite: "NEGATIVE_INFINITY", wallTime: "2026-01-01T00:00:02.500Z" },
          ],
        },
        {
          name: "lr",
          points: [
            { step: 1, value: 0.001, nonFinite: null, wallTime: "2026-01-01T00:00:01.000Z" },
            { step: 2, value: 0.001, nonFinite: null, wallTime: "2026-01-01T00:00:02.500Z" },
          ],
        },
      ]);
    } finally {
      await client.dispose();
    }
  });

  it("answers the leaderboard again after a run finishes or its experiment is deleted", async () => {
    const created = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 3 }) } })).createExperiment;
    const worker = await new FakeWorker(server.url).register();
    const board = async () => {
      const data = await ok(server.url, `{ leaderboard(task: "mul:2", metric: "probe", thresholds: [0.5]) { rows { strategy n mean convergence { meanSteps reached } } } }`);
      return data.leaderboard.rows;
    };
    expect(await board()).toEqual([]);
    const finish = async (value: number) => {
      const runId = (await worker.claim({ experimentId: created.id }))!.run.id;
      await worker.report(runId, [{ name: "eval/probe", step: 10, value }]);
      await worker.complete(runId, { probe: value });
    };
    await finish(0.4);
    expect(await board()).toEqual([{ strategy: "plain", n: 1, mean: 0.4, convergence: [{ meanSteps: null, reached: 0 }] }]);
    expect(await board()).toEqual([{ strategy: "plain", n: 1, mean: 0.4, convergence: [{ meanSteps: null, reached: 0 }] }]);
    await finish(0.8);
    const [row] = await board();
    expect(row).toMatchObject({ n: 2, convergence: [{ meanSteps: 10, reached: 1 }] });
    expect(row.mean).toBeCloseTo(0.6, 10);
    await ok(server.url, `mutation($id: ID!) { deleteExperiment(id: $id) { id } }`, { id: created.id });
    expect(await board()).toEqual([]);
  });

  it("pools runs in a leaderboard row only when their settings agree, and labels each configuration by what differs", async () => {
    const worker = await new FakeWorker(server.url).register();
    const task = "sub:1";
    const run = async (spec: Record<string, unknown>, values: number[]) => {
      const created = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ task, strategies: ["plain"], ...spec }) } })).createExperiment;
      for (const value of values) {
        const runId = (await worker.claim({ experimentId: created.id }))!.run.id;
        await worker.complete(runId, { exact_match: value });
      }
      return created.id as string;
    };
    await run({ seeds: [0, 1] }, [0.2, 0.4]);
    // Evaluating or checkpointing more often does not change a run's result: pooled with the runs above.
    await run({ seeds: [2], evalInterval: 7, checkpointInterval: 9 }, [0.6]);
    // A clone of seed 0 is a replicate: averaged with it into one observation, not a fourth seed.
    await run({ seeds: [0] }, [0.6]);
    // A longer budget, or another learning rate, is another configuration.
    const longer = await run({ seeds: [0], budget: { steps: 300 } }, [0.9]);
    await run({ seeds: [0], optimizer: { lr: 0.01 } }, [0.1]);
    const { leaderboard } = await ok(server.url, `query($task: String!) { leaderboard(task: $task) { rows { strategy n mean runIds configId configLabel config } } }`, { task });
    const rows = leaderboard.rows as { n: number; mean: number; runIds: string[]; configId: string; configLabel: string; config: Record<string, unknown> }[];
    expect(rows.map((r) => r.n).sort()).toEqual([1, 1, 3]);
    expect(new Set(rows.map((r) => r.configId)).size).toBe(3);
    const pooled = rows.find((r) => r.n === 3)!;
    expect(pooled.runIds).toHaveLength(4);
    expect(pooled.mean).toBeCloseTo(((0.2 + 0.6) / 2 + 0.4 + 0.6) / 3, 10);
    expect(pooled.config).toMatchObject({ task, budget: { steps: 100 }, data: { trainSize: 200, testSize: 50 } });
    expect(pooled.config).not.toHaveProperty("seed");
    expect(pooled.config).not.toHaveProperty("strategy");
    const lr = (pooled.config as { optimizer: { lr: number } }).optimizer.lr;
    expect(rows.map((r) => r.configLabel).sort()).toEqual(
      [`optimizer.lr ${lr} · budget.steps 100`, `optimizer.lr ${lr} · budget.steps 300`, `optimizer.lr 0.01 · budget.steps 100`].sort(),
    );
    // One experiment's board has one configuration: nothing to tell apart.
    const one = await ok(server.url, `query($id: ID) { leaderboard(task: "sub:1", experimentId: $id) { rows { n configLabel } } }`, { id: longer });
    expect(one.leaderboard.rows).toEqual([{ n: 1, configLabel: "" }]);
  });

  it("routes a run a wasm worker declined to a worker of another backend, and names the reason on the run", async () => {
    const created = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } })).createExperiment;
    const wasm = await new FakeWorker(server.url, undefined, "wasm").register("wasm-worker");
    const gpu = await new FakeWorker(server.url, undefined, "webgpu").register("gpu-worker");
    const claimed = (await wasm.claim({ experimentId: created.id }))!;
    const reason = "a model of 124,439,808 parameters does not fit the wasm backend's 4 GB heap when training";
    const bad = await gql(server.url, `mutation($w: ID!, $r: ID!) { declineRun(workerId: $w, runId: $r, reason: " ") { id } }`, { w: wasm.id, r: claimed.run.id });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    const notHeld = await gql(server.url, `mutation($w: ID!, $r: ID!) { declineRun(workerId: $w, runId: $r, reason: "x") { id } }`, { w: gpu.id, r: claimed.run.id });
    expect(notHeld.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await wasm.decline(claimed.run.id, reason)).toEqual({ id: claimed.run.id, status: "queued", attempt: 0, declinedBackends: ["wasm"], declineReason: reason });
    expect(await wasm.claim({ experimentId: created.id })).toBeNull();
    const onGpu = (await gpu.claim({ experimentId: created.id }))!;
    expect(onGpu.run).toMatchObject({ id: claimed.run.id, attempt: 1 });
    const { run } = await ok(server.url, `query($id: ID!) { run(id: $id) { status declinedBackends declineReason } }`, { id: claimed.run.id });
    expect(run).toEqual({ status: "running", declinedBackends: ["wasm"], declineReason: reason });
  });

  it("tags, cancels and deletes experiments, and reports it to experimentUpdated subscribers", async () => {
    const created = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec() } })).createExperiment;
    const client = wsClient(server.wsUrl);
    try {
      const stream = subscribe<{ experimentUpdated: { id: string; deleted: boolean; experiment: { tags: string[]; status: string } | null } }>(
        client,
        `subscription($id: ID) { experimentUpdated(id: $id) { id deleted experiment { tags status } } }`,
        { id: created.id },
      );
      await whenLive(stream, () => ok(server.url, `mutation($id: ID!) { tagExperiment(id: $id) { id } }`, { id: created.id }));
      const updates = collectUntil(stream, (u) => u.some((x) => x.experimentUpdated.deleted));
      const tagged = await ok(server.url, `mutation($id: ID!) { tagExperiment(id: $id, add: ["baseline", "v2"], remove: ["v2"]) { tags } }`, { id: created.id });
      expect(tagged.tagExperiment.tags).toEqual(["baseline"]);
      const cancelled = await ok(server.url, `mutation($id: ID!) { cancelExperiment(id: $id) { status runCounts { cancelled } } }`, { id: created.id });
      expect(cancelled.cancelExperiment).toEqual({ status: "cancelled", runCounts: { cancelled: 4 } });
      const deleted = await ok(server.url, `mutation($id: ID!) { deleteExperiment(id: $id) { id runs } }`, { id: created.id });
      expect(deleted.deleteExperiment).toEqual({ id: created.id, runs: 4 });
      const events = (await updates).map((u) => u.experimentUpdated);
      const statuses = events.map((e) => e.experiment?.status ?? "deleted");
      expect(statuses.slice(-2)).toEqual(["cancelled", "deleted"]);
      expect(new Set(statuses.slice(0, -2))).toEqual(new Set(["queued"]));
      expect(events.at(-1)).toEqual({ id: created.id, deleted: true, experiment: null });
      expect(await ok(server.url, `query($id: ID!) { experiment(id: $id) { id } }`, { id: created.id })).toEqual({ experiment: null });
    } finally {
      await client.dispose();
    }
  });

  it("computes an MI analysis once and then serves it from the database", async () => {
    const query = `{ miAnalysis(task: "add:1", estimator: "plugin-pairwise", k: 1) { task estimator k computed n positions { position score } } }`;
    const first = await ok(server.url, query);
    expect(first.miAnalysis).toMatchObject({ task: "add:1", estimator: "plugin-pairwise", k: 1, computed: true });
    expect(first.miAnalysis.positions.length).toBe(2);
    const second = await ok(server.url, query);
    expect(second.miAnalysis).toEqual({ ...first.miAnalysis, computed: false });
  });

  it("shows a run's plan (permutation, MI table, parameter count) computed by core", async () => {
    const created = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ task: "add:1", strategies: ["reverse", "max-mi"], seeds: 1 }) } })).createExperiment;
    const data = await ok(server.url, `query($e: ID!) { runs(experimentId: $e) { strategy permutation plan { permutation numParams steps miTable } } }`, { e: created.id });
    const [reverse, maxMi] = data.runs;
    expect(reverse.permutation).toEqual([1, 0]);
    expect(reverse.plan.miTable).toBeNull();
    expect(reverse.plan.steps).toBe(100);
    expect(reverse.plan.numParams).toBeGreaterThan(80_000);
    expect(maxMi.plan.miTable.positions).toHaveLength(2);
    expect(maxMi.permutation).toEqual(maxMi.plan.permutation);
  });

  it("lists workers with the runs they hold and publishes workerUpdated", async () => {
    await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } });
    const client = wsClient(server.wsUrl);
    try {
      const stream = subscribe<{ workerUpdated: { name: string; runIds: string[] } }>(client, `subscription { workerUpdated { name runIds } }`);
      const worker = new FakeWorker(server.url);
      await whenLive(stream, () => worker.register("lister"));
      const runId = (await worker.claim())!.run.id;
      const updates = collectUntil(stream, (u) => u.some((x) => x.workerUpdated.runIds.length === 1));
      const seen = await updates;
      expect(seen.at(-1)?.workerUpdated).toEqual({ name: "lister", runIds: [runId] });
      const listed = await ok(server.url, `{ workers { name backend runIds } }`);
      expect(listed.workers).toContainEqual({ name: "lister", backend: "cpu", runIds: [runId] });
    } finally {
      await client.dispose();
    }
  });
});
