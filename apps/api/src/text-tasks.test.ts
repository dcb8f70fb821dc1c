import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "./test/backends";
import { FakeWorker, CREATE_EXPERIMENT, smallSpec } from "./test/fake-worker";
import { gql, ok } from "./test/graphql-client";
import { startTestServer, type TestServer } from "./test/test-server";

const CLAIM = `mutation($w: ID!, $c: CapabilitiesInput) { claimRun(workerId: $w, capabilities: $c) { run { id task } } }`;
/** GraphQL errors with the path of the field that failed. */
const pathsOf = (errors: readonly unknown[] | undefined) => (errors ?? []) as { path: (string | number)[]; extensions: Record<string, unknown> }[];
const PLAN = `query($id: ID!) { run(id: $id) { permutation plan { taskKind metric { name direction label percent } orderable orderReason shape permutation numParams steps miTable } } }`;

/** Text tasks on an API without a data directory: what it knows of their plans, and who may claim them. */
describeEachBackend("API on text tasks", (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(database());
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("gives a text run's metric and orderability, and DATA_REQUIRED for what needs the dataset, until the worker reports the order", async () => {
    const created = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ name: "rte", task: "glue/RTE", strategies: ["reverse"], seeds: 1 }) } })).createExperiment;
    const runId = created.runs[0].id as string;
    const before = await gql(server.url, PLAN, { id: runId });
    expect(before.data?.run).toMatchObject({
      permutation: null,
      plan: {
        taskKind: "glue",
        metric: { name: "score", direction: "max", label: "accuracy", percent: true },
        orderable: true,
        shape: { nLayer: expect.any(Number) },
        permutation: null,
        numParams: null,
        steps: null,
        miTable: null,
      },
    });
    const errors = pathsOf(before.errors);
    expect(errors.map((e) => e.path.at(-1)).sort()).toEqual(["miTable", "numParams", "permutation", "steps"]);
    for (const e of errors) expect(e.extensions).toMatchObject({ code: "DATA_REQUIRED", task: "glue/RTE", field: `plan.${String(e.path.at(-1))}` });

    const worker = await new FakeWorker(server.url).register("text");
    const claimed = await ok(server.url, CLAIM, { w: worker.id, c: { experimentId: created.id } });
    expect(claimed.claimRun.run.id).toBe(runId);
    await worker.complete(runId, { score: 0.5, perplexity: 1.9 }, { permutation: [1, 0], bestMetric: 0.5 });
    const after = await gql(server.url, PLAN, { id: runId });
    expect(after.data?.run.permutation).toEqual([1, 0]);
    expect(after.data?.run.plan.permutation).toEqual([1, 0]);
    expect(pathsOf(after.errors).map((e) => e.path.at(-1)).sort()).toEqual(["miTable", "numParams", "steps"]);

    // The leaderboard defaults to the task's primary metric, with the fixed thresholds of a score.
    const board = (await ok(server.url, `{ leaderboard(task: "glue/RTE") { metric direction curve thresholds rows { strategy n mean } } }`)).leaderboard;
    expect(board).toMatchObject({ metric: "score", direction: "max", curve: "eval/score", thresholds: [0.5, 0.9], rows: [{ strategy: "reverse", n: 1, mean: 0.5 }] });
  });

  it("ranks wikitext-2 by perplexity by default, with no fixed thresholds", async () => {
    const board = (await ok(server.url, `{ leaderboard(task: "wikitext-2") { metric curve thresholds } }`)).leaderboard;
    expect(board).toEqual({ metric: "perplexity", curve: "eval/perplexity", thresholds: [] });
    const arith = (await ok(server.url, `{ leaderboard(task: "add:1") { metric thresholds } }`)).leaderboard;
    expect(arith).toEqual({ metric: "exact_match", thresholds: [0.5, 0.9] });
  });

  it("ranks a lower-is-better metric with the lowest value best and thresholds reached by falling to them", async () => {
    const exp = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ name: "wt ranks", task: "wikitext-2", strategies: ["plain", "max-mi"], seeds: 2 }) } })).createExperiment;
    const worker = await new FakeWorker(server.url).register("text");
    // plain falls below 400 at step 200 in both seeds; max-mi never does. The stored best (the worker's
    // lowest evaluation) of plain seed 0 is below its curve and its final value.
    const curves: Record<string, [number, number][]> = {
      "plain/0": [[100, 600], [200, 350]],
      "plain/1": [[100, 500], [200, 360]],
      "max-mi/0": [[100, 900], [200, 500]],
      "max-mi/1": [[100, 950], [200, 520]],
    };
    for (let c = await worker.claim({ experimentId: exp.id }); c; c = await worker.claim({ experimentId: exp.id })) {
      const curve = curves[`${c.run.strategy}/${c.run.seed}`] as [number, number][];
      await worker.report(c.run.id, curve.flatMap(([step, value]) => [
        { name: "eval/perplexity", step, value },
        { name: "eval/loss", step, value: Math.log(value) },
      ]));
      const final = (curve.at(-1) as [number, number])[1];
      await worker.complete(c.run.id, { perplexity: final, loss: Math.log(final) }, { bestMetric: c.run.strategy === "plain" && c.run.seed === 0 ? 340 : final, bestStep: 200 });
    }
    const q = `query($e: ID!, $m: String) { leaderboard(task: "wikitext-2", experimentId: $e, metric: $m, thresholds: [400]) {
      metric direction rows { strategy n mean min max best vsBaseline { mean ciLow ciHigh } convergence { threshold meanSteps reached } } } }`;
    const board = (await ok(server.url, q, { e: exp.id })).leaderboard;
    expect(board.metric).toBe("perplexity");
    expect(board.direction).toBe("min");
    const rows = Object.fromEntries(board.rows.map((r: { strategy: string }) => [r.strategy, r]));
    expect(rows.plain).toMatchObject({ n: 2, mean: 355, min: 350, max: 360, best: 340, vsBaseline: null, convergence: [{ threshold: 400, meanSteps: 200, reached: 2 }] });
    expect(rows["max-mi"]).toMatchObject({ n: 2, mean: 510, min: 500, max: 520, best: 500, convergence: [{ threshold: 400, meanSteps: null, reached: 0 }] });
    // max-mi − plain, paired by seed: +150 and +160, so the difference keeps its sign.
    expect(rows["max-mi"].vsBaseline.mean).toBeCloseTo(155, 9);
    expect(rows["max-mi"].vsBaseline.ciLow).toBeLessThan(155);
    expect(rows["max-mi"].vsBaseline.ciHigh).toBeGreaterThan(155);

    // Another lower-is-better metric: its best comes from its curve, not from the stored best (the primary metric's).
    const loss = (await ok(server.url, q, { e: exp.id, m: "loss" })).leaderboard;
    expect(loss.direction).toBe("min");
    const plainLoss = loss.rows.find((r: { strategy: string }) => r.strategy === "plain");
    expect(plainLoss.best).toBeCloseTo(Math.log(350), 9);
    expect(plainLoss.convergence).toEqual([{ threshold: 400, meanSteps: 100, reached: 2 }]);
  });

  it("says perplexity is lower-is-better and SST-2 cannot be ordered under the word tokenizer", async () => {
    const wt = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ name: "wt", task: "wikitext-2", strategies: ["plain"], seeds: 1 }) } })).createExperiment;
    const sst = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ name: "sst", task: "glue/sst2", strategies: ["plain"], seeds: 1 }) } })).createExperiment;
    const q = `query($id: ID!) { run(id: $id) { plan { taskKind metric { name direction } orderable orderReason } } }`;
    expect((await ok(server.url, q, { id: wt.runs[0].id })).run.plan).toMatchObject({ taskKind: "generation", metric: { name: "perplexity", direction: "min" }, orderable: true });
    const sstPlan = (await ok(server.url, q, { id: sst.runs[0].id })).run.plan;
    expect(sstPlan).toMatchObject({ taskKind: "glue", metric: { name: "score", direction: "max" }, orderable: false });
    expect(sstPlan.orderReason).toMatch(/one token under the word tokenizer/);
  });

  it("keeps text runs from a worker that asks for text: false, and answers miAnalysis with DATA_REQUIRED", async () => {
    const text = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ name: "toxic", task: "toxic", strategies: ["plain"], seeds: 1 }) } })).createExperiment;
    const worker = await new FakeWorker(server.url).register("arithmetic-only");
    expect((await ok(server.url, CLAIM, { w: worker.id, c: { experimentId: text.id, text: false } })).claimRun).toBeNull();
    const arith = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ name: "add", task: "add:1", strategies: ["plain"], seeds: 1 }) } })).createExperiment;
    expect((await ok(server.url, CLAIM, { w: worker.id, c: { experimentId: arith.id, text: false } })).claimRun.run.task).toBe("add:1");
    expect((await ok(server.url, CLAIM, { w: worker.id, c: { experimentId: text.id } })).claimRun.run.task).toBe("toxic");

    const mi = await gql(server.url, `{ miAnalysis(task: "goemotions", estimator: "plugin-pairwise") { n } }`);
    expect(mi.errors?.[0]).toMatchObject({ extensions: { code: "DATA_REQUIRED", field: "task", task: "goemotions" } });
    expect((mi.errors?.[0] as { message: string }).message).toMatch(/goemotions is a text task: its MI table .* ORDERBENCH_DATA_DIR/);
  });
});
