import { createApiKey } from "@orderbench/db/queries";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "./test/backends";
import { CREATE_EXPERIMENT, FakeWorker, smallSpec } from "./test/fake-worker";
import { firstError, gql, ok, subscribe, wsClient } from "./test/graphql-client";
import { startTestServer, type TestServer } from "./test/test-server";

/** `run { experiment { runs { … { id } } } }` with `depth` levels of fields, the leaf `id` included. */
function nested(depth: number): string {
  let inner = "id";
  for (let level = depth - 2; level > 0; level--) inner = level % 2 === 1 ? `experiment { ${inner} }` : `runs { ${inner} }`;
  return `query($id: ID!) { run(id: $id) { ${inner} } }`;
}

describeEachBackend("limits and bad input", (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(database(), { maxRuns: 50, maxMetricBatch: 100, maxBodyBytes: 64 * 1024, maxWorkerBodyBytes: 256 * 1024 });
  });
  afterAll(async () => {
    await server?.stop();
  });
  const id = "00000000-0000-4000-8000-000000000000";

  it("refuses a query deeper than the depth limit (12), naming the limit", async () => {
    // Depth 12 passes the depth rule (nested lists still cost too much, which is the cost limit's business).
    const atLimit = await gql(server.url, nested(12), { id });
    expect(atLimit.errors?.some((e) => (e.extensions?.limit as { kind?: string })?.kind === "depth") ?? false).toBe(false);
    const r = await gql(server.url, nested(14), { id });
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED", limit: { kind: "depth", max: 12, found: 14 } });
    expect(r.errors?.[0]?.message).toBe("query depth is 14, more than the limit of 12 (ORDERBENCH_MAX_DEPTH); select fewer nested fields");
  });

  it("refuses more aliases than the limit (30)", async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { role }`).join(" ")} }`;
    expect((await gql(server.url, aliases(30))).errors).toBeUndefined();
    const r = await gql(server.url, aliases(31));
    expect(r.errors?.[0]?.extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED", limit: { kind: "aliases", max: 30, found: 31 } });
    expect(r.errors?.[0]?.message).toMatch(/^number of aliases is 31, more than the limit of 30 \(ORDERBENCH_MAX_ALIASES\)/);
  });

  it("refuses a query whose estimated cost is over the limit, over HTTP and WebSocket", async () => {
    const heavy = `{ experiments(first: 100) { nodes { runs { metrics(maxPoints: 1000) { points { step value } } } } } }`;
    const r = await gql(server.url, heavy);
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", limit: { kind: "cost", max: 20000 } });
    expect(r.errors?.[0]?.message).toMatch(/^estimated query cost is \d+, more than the limit of 20000 \(ORDERBENCH_MAX_COST\)/);
    expect((await gql(server.url, `{ experiments(first: 10) { nodes { runs { id status } } } }`)).errors).toBeUndefined();

    const client = wsClient(server.wsUrl);
    try {
      const costly = await firstError(subscribe(client, `subscription { runUpdated { experiment { runs { metrics(maxPoints: 1000) { points { step } } } } } }`));
      expect(costly.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", limit: { kind: "cost", max: 20000 } });
      const deep = await firstError(subscribe(client, nested(14).replace(/^query\(\$id: ID!\) \{ run\(id: \$id\)/, "subscription { runUpdated")));
      expect(deep.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", limit: { kind: "depth", max: 12, found: 14 } });
    } finally {
      await client.dispose();
    }
  });

  it("refuses a request body over the limit with 413, and gives workers the larger limit", async () => {
    const big = JSON.stringify({ query: `{ me { role } }`, variables: { pad: "x".repeat(70 * 1024) } });
    const viewer = (await createApiKey(database().db, { name: "v", role: "viewer" })).secret;
    const res = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${viewer}` }, body: big });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "body", limit: 65536 });
    expect(body.errors[0]?.message).toBe("request body is larger than the limit of 65536 bytes (ORDERBENCH_MAX_BODY_BYTES) for a viewer caller; send less per request");
    const worker = (await createApiKey(database().db, { name: "w", role: "worker" })).secret;
    const asWorker = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${worker}` }, body: big });
    expect(asWorker.status).toBe(200);
    const tooBig = JSON.stringify({ query: `{ me { role } }`, variables: { pad: "x".repeat(300 * 1024) } });
    const refused = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${worker}` }, body: tooBig });
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as typeof body).errors[0]?.message).toMatch(/limit of 262144 bytes \(ORDERBENCH_MAX_WORKER_BODY_BYTES\)/);
  });

  it("validates experiment specs with core's schema: field, message and limit as the CLI says them", async () => {
    const bad = await gql(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ budget: { steps: 20_000_000 } }) } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "budget.steps" });
    expect(bad.errors?.[0]?.message).toBe("budget.steps must be at most 10000000");
    const unknown = await gql(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategy: "plain" }) } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "strategy" });
    expect(unknown.errors?.[0]?.message).toBe("strategy is not a known field");
    const two = await gql(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ task: "pow:2", strategies: ["sideways"] }) } });
    expect(two.errors?.[0]?.extensions?.errors).toHaveLength(2);
    expect(two.errors?.[0]?.message).toMatch(/^unknown task "pow:2".*\(and 1 more problem: strategies\.0 must be one of plain, reverse/);
    const missing = await gql(server.url, CREATE_EXPERIMENT, { input: { spec: { task: "mul:2", strategies: ["plain"], seeds: 1 } } });
    expect(missing.errors?.[0]).toMatchObject({ message: "name is required", extensions: { field: "name" } });
  });

  it("refuses a grid larger than maxRuns, naming the axes and the limit", async () => {
    const r = await gql(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain", "reverse", "max-mi"], seeds: 20 }) } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "grid", limit: 50, size: 60 });
    expect(r.errors?.[0]?.message).toBe("experiment expands to 3 strategies × 20 seeds = 60 runs, more than the limit of 50; use fewer strategies, seeds or grid values (the server's limit, ORDERBENCH_MAX_RUNS)");
    expect((await ok(server.url, `{ experiments { nodes { id } } }`)).experiments.nodes).toEqual([]);
  });

  it("refuses metric batches over the limit and malformed points, naming the field", async () => {
    await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } });
    const worker = await new FakeWorker(server.url).register();
    const runId = (await worker.claim())!.run.id;
    const report = (points: unknown[]) => gql(server.url, `mutation($w: ID!, $r: ID!, $p: [MetricPointInput!]!) { reportMetrics(workerId: $w, runId: $r, points: $p) { inserted } }`, { w: worker.id, r: runId, p: points });
    const tooMany = await report(Array.from({ length: 101 }, (_, step) => ({ name: "loss", step, value: 1 })));
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "points", limit: 100 });
    expect(tooMany.errors?.[0]?.message).toMatch(/^points has 101 items, more than the limit of 100 per reportMetrics call \(ORDERBENCH_MAX_METRIC_BATCH\)/);
    const noValue = await report([{ name: "loss", step: 1, value: null }]);
    expect(noValue.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "points[0].value" });
    const negative = await report([{ name: "loss", step: 1, value: 1 }, { name: "loss", step: -3, value: 1 }]);
    expect(negative.errors?.[0]).toMatchObject({ message: "points[1].step must be an integer from 0 to 2147483647, got -3", extensions: { field: "points[1].step" } });
    // A variable that does not coerce is the caller's mistake (400), not an internal error.
    const wrongType = await report([{ name: "loss", step: "x", value: 1 }]);
    expect(wrongType.status).toBe(400);
    expect(wrongType.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(wrongType.errors?.[0]?.message).toMatch(/^Variable "\$p" got invalid value "x" at "p\[0\]\.step"/);
    // JSON has no NaN: a client that writes one sends invalid JSON, which is refused as such.
    const raw = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: `{"query":"{ me { role } }","variables":{"x":NaN}}` });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe("BAD_REQUEST");
  });

  it("refuses malformed metric columns and a batch sent both ways or neither, naming the field", async () => {
    await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } });
    const worker = await new FakeWorker(server.url).register();
    const runId = (await worker.claim())!.run.id;
    const report = (columns: unknown, points?: unknown[]) =>
      gql(server.url, `mutation($w: ID!, $r: ID!, $c: MetricColumnsInput, $p: [MetricPointInput!]) { reportMetrics(workerId: $w, runId: $r, columns: $c, points: $p) { inserted } }`, {
        w: worker.id,
        r: runId,
        c: columns,
        p: points ?? null,
      });
    const tooMany = await report({ names: Array(101).fill("loss"), steps: Array.from({ length: 101 }, (_, i) => i), values: Array(101).fill(1) });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "columns", limit: 100 });
    expect(tooMany.errors?.[0]?.message).toMatch(/^columns has 101 points, more than the limit of 100 per reportMetrics call \(ORDERBENCH_MAX_METRIC_BATCH\)/);
    const short = await report({ names: ["loss", "loss"], steps: [1], values: [1, 2] });
    expect(short.errors?.[0]).toMatchObject({ message: "columns.steps has 1 items and columns.names 2; every column has one item per point", extensions: { code: "BAD_USER_INPUT", field: "columns.steps" } });
    const times = await report({ names: ["loss"], steps: [1], values: [1], wallTimes: [] });
    expect(times.errors?.[0]?.extensions).toMatchObject({ field: "columns.wallTimes" });
    const negative = await report({ names: ["loss", "loss"], steps: [1, -3], values: [1, 1] });
    expect(negative.errors?.[0]).toMatchObject({ message: "columns.steps[1] must be an integer from 0 to 2147483647, got -3", extensions: { field: "columns.steps[1]" } });
    const unnamed = await report({ names: [""], steps: [1], values: [1] });
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ field: "columns.names[0]", limit: 200 });
    const noValue = await report({ names: ["loss", "loss"], steps: [1, 2], values: [1, null] });
    expect(noValue.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "columns.values[1]" });
    const both = await report({ names: ["loss"], steps: [1], values: [null], nonFinite: ["NAN"] }, [{ name: "loss", step: 2, value: 1 }]);
    expect(both.errors?.[0]).toMatchObject({ message: "send the batch as points or as columns, not both", extensions: { field: "points" } });
    const neither = await report(null);
    expect(neither.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "points" });
    const badEnum = await report({ names: ["loss"], steps: [1], values: [null], nonFinite: ["NOT_A_NUMBER"] });
    expect(badEnum.status).toBe(400);
    expect(badEnum.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // Nothing above was stored.
    expect((await ok(server.url, `query($id: ID!) { run(id: $id) { metrics { total } } }`, { id: runId })).run.metrics).toEqual([]);
  });

  it("estimates cost from list arguments passed as variables", async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const names = Array.from({ length: 30 }, (_, i) => `m${i}`);
    const series = `query($ids: [ID!]!, $names: [String!], $max: Int) { metricSeries(runIds: $ids, names: $names, maxPoints: $max) { name } }`;
    const r = await gql(server.url, series, { ids, names, max: 1000 });
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", limit: { kind: "cost", max: 20000 } });
    expect((await gql(server.url, series, { ids: ids.slice(0, 2), names: ["loss"], max: 1000 })).errors).toBeUndefined();
  });

  it("answers NOT_FOUND, CONFLICT and BAD_USER_INPUT for the other mistakes", async () => {
    const cancel = await gql(server.url, `mutation($id: ID!) { cancelRun(id: $id) { id } }`, { id });
    expect(cancel.errors?.[0]).toMatchObject({ message: `run "${id}" does not exist`, extensions: { code: "NOT_FOUND", field: "id" } });
    const retry = await gql(server.url, `mutation { retryRun(id: "not-a-uuid") { id } }`);
    expect(retry.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const created = (await ok(server.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } })).createExperiment;
    const notFinished = await gql(server.url, `mutation($id: ID!) { retryRun(id: $id) { id } }`, { id: created.runs[0].id });
    expect(notFinished.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT" } });
    expect(notFinished.errors?.[0]?.message).toMatch(/is queued; only failed or cancelled runs can be retried/);
    const page = await gql(server.url, `{ experiments(first: 500) { nodes { id } } }`);
    expect(page.errors?.[0]).toMatchObject({ message: "first must be an integer from 1 to 100, got 500", extensions: { code: "BAD_USER_INPUT", field: "first", limit: 100 } });
    const cursor = await gql(server.url, `{ experiments(after: "garbage") { nodes { id } } }`);
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const series = await gql(server.url, `query($ids: [ID!]!) { metricSeries(runIds: $ids, maxPoints: 20000) { name } }`, { ids: [id] });
    expect(series.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "maxPoints", limit: 10000 });
    const estimator = await gql(server.url, `{ miAnalysis(task: "mul:2", estimator: "magic") { id } }`);
    expect(estimator.errors?.[0]).toMatchObject({ message: 'estimator must be one of plugin-pairwise, plugin-joint-k, probe, got "magic"', extensions: { field: "estimator" } });
    const claimUnknown = await gql(server.url, `mutation($w: ID!) { claimRun(workerId: $w) { run { id } } }`, { w: id });
    expect(claimUnknown.errors?.[0]).toMatchObject({ message: `worker "${id}" does not exist`, extensions: { code: "NOT_FOUND", field: "workerId" } });
    const typo = await gql(server.url, `{ experimentz { id } }`);
    expect(typo.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
