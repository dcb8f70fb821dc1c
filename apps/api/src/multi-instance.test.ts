import { createDb, type DbHandle } from "@orderbench/db/client";
import { openTestDatabase, type TestDatabase } from "@orderbench/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CREATE_EXPERIMENT, FakeWorker, smallSpec } from "./test/fake-worker";
import { collectUntil, ok, subscribe, whenLive, wsClient } from "./test/graphql-client";
import { startTestServer, type TestServer } from "./test/test-server";

const serverUrl = inject("databaseUrl");

/** Two API processes' worth of state (each its own pool, LISTEN connection and pubsub) on one PostgreSQL database. */
describe.skipIf(!serverUrl)("two API instances on one PostgreSQL database (needs DATABASE_URL)", () => {
  let database: TestDatabase;
  let secondHandle: DbHandle;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    database = await openTestDatabase({ name: "postgres", serverUrl: serverUrl as string });
    secondHandle = await createDb({ url: database.url as string, artifactDir: database.artifactDir });
    a = await startTestServer(database);
    b = await startTestServer(secondHandle);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await secondHandle?.close();
    await database?.drop();
  });

  it("delivers to a subscriber on one instance the metrics and run changes reported on the other", async () => {
    const created = (await ok(a.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } })).createExperiment;
    const worker = await new FakeWorker(b.url).register();
    const runId = (await worker.claim())!.run.id;
    expect(runId).toBe(created.runs[0].id);
    await worker.report(runId, [{ name: "loss", step: 0, value: 3 }]);

    const client = wsClient(a.wsUrl);
    try {
      const metrics = subscribe<{ runMetrics: { points: { step: number }[] } }>(client, `subscription($r: ID!) { runMetrics(runId: $r) { points { step } } }`, { r: runId });
      // The first batch is the replay of step 0; once it is here, later points can only come live, through NOTIFY.
      const [replayed] = await collectUntil(metrics, () => true);
      expect(replayed?.runMetrics.points).toEqual([{ step: 0 }]);
      const live = collectUntil(metrics, (batches) => batches.flatMap((x) => x.runMetrics.points).length >= 3);
      for (const step of [1, 2, 3]) await worker.report(runId, [{ name: "loss", step, value: 3 - step / 2 }]);
      expect((await live).flatMap((x) => x.runMetrics.points)).toEqual([{ step: 1 }, { step: 2 }, { step: 3 }]);

      const runs = subscribe<{ runUpdated: { status: string; step: number } }>(client, `subscription($e: ID) { runUpdated(experimentId: $e) { status step } }`, { e: created.id });
      await whenLive(runs, () => worker.heartbeat([runId], [{ runId, step: 3, progress: 0.03 }]));
      const finished = collectUntil(runs, (u) => u.some((x) => x.runUpdated.status === "succeeded"));
      await worker.complete(runId, { exact_match: 0.25 });
      expect((await finished).at(-1)?.runUpdated).toEqual({ status: "succeeded", step: 3 });
    } finally {
      await client.dispose();
    }
  });
});
