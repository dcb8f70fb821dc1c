import { createApiKey } from "@orderbench/db/queries";
import { afterEach, describe, expect, it } from "vitest";
import { isLoopbackHost } from "./auth/authenticate";
import { describeEachBackend } from "./test/backends";
import { CREATE_EXPERIMENT, FakeWorker, smallSpec } from "./test/fake-worker";
import { gql, ok, subscribe, wsClient } from "./test/graphql-client";
import { startTestServer, type TestServer } from "./test/test-server";

const ME = `{ me { role via apiKey { name role } } }`;

describe("isLoopbackHost", () => {
  it("tells loopback addresses from the others", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["0.0.0.0", "::", "10.0.0.5", "192.168.1.2", "api.example.org"]) expect(isLoopbackHost(host)).toBe(false);
  });
});

describeEachBackend("authentication and roles", (database) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  const keyFor = async (role: "viewer" | "researcher" | "worker" | "admin") => (await createApiKey(database().db, { name: `${role}-test`, role })).secret;

  it("admits key-less callers as admin on loopback while no API key exists, and stops once one does", async () => {
    server = await startTestServer(database());
    expect(await ok(server.url, ME)).toEqual({ me: { role: "admin", via: "LOCAL", apiKey: null } });
    const created = await ok(server.url, `mutation { createApiKey(role: admin, name: "first admin") { secret apiKey { name role prefix } } }`);
    const { secret, apiKey } = created.createApiKey;
    expect(secret).toMatch(/^ob_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    const anonymous = await gql(server.url, ME);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect(anonymous.errors?.[0]?.message).toMatch(/Authorization: Bearer/);
    expect(await ok(server.url, ME, {}, secret)).toEqual({ me: { role: "admin", via: "KEY", apiKey: { name: "first admin", role: "admin" } } });
  });

  it("requires a key for every request when auth is required (as on a non-loopback address)", async () => {
    server = await startTestServer(database(), { auth: "required" });
    const r = await gql(server.url, ME);
    expect(r.status).toBe(401);
    expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(r.errors?.[0]?.message).toMatch(/requires an API key.*create-key/);
    const viewer = await keyFor("viewer");
    expect((await ok(server.url, ME, {}, viewer)).me.role).toBe("viewer");
  });

  it("with auth off, admits everybody as admin and warns loudly at start", async () => {
    server = await startTestServer(database(), { auth: "off" });
    await keyFor("viewer");
    expect(await ok(server.url, ME)).toEqual({ me: { role: "admin", via: "AUTH_OFF", apiKey: null } });
    expect(server.warnings.join("\n")).toMatch(/WARNING: ORDERBENCH_AUTH=off/);
  });

  it("refuses unknown, malformed and revoked keys even where none is needed", async () => {
    server = await startTestServer(database());
    const unknown = await gql(server.url, ME, {}, "ob_notarealkeynotarealkeynotarealkeynotareal");
    expect(unknown.status).toBe(401);
    expect(unknown.errors?.[0]?.message).toMatch(/not known or has been revoked/);
    const malformed = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", authorization: "Token abc" }, body: JSON.stringify({ query: ME }) });
    expect(malformed.status).toBe(401);
    expect(((await malformed.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/Bearer <API key>/);
    const admin = await keyFor("admin");
    const viewer = await ok(server.url, `mutation { createApiKey(role: viewer, name: "temp") { secret apiKey { id } } }`, {}, admin);
    expect((await ok(server.url, ME, {}, viewer.createApiKey.secret)).me.role).toBe("viewer");
    await ok(server.url, `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: viewer.createApiKey.apiKey.id }, admin);
    expect((await gql(server.url, ME, {}, viewer.createApiKey.secret)).status).toBe(401);
  });

  it("enforces roles: viewer < researcher < admin, and worker keys only for the worker protocol", async () => {
    server = await startTestServer(database(), { auth: "required" });
    const [viewer, researcher, worker, admin] = await Promise.all([keyFor("viewer"), keyFor("researcher"), keyFor("worker"), keyFor("admin")]);
    const create = (key: string) => gql(server!.url, CREATE_EXPERIMENT, { input: { spec: smallSpec({ strategies: ["plain"], seeds: 1 }) } }, key);

    const refused = await create(viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.errors?.[0]?.message).toBe("Mutation.createExperiment needs a researcher or admin key; this key's role is viewer");
    expect((await gql(server.url, `{ experiments { nodes { id } } }`, {}, viewer)).errors).toBeUndefined();
    const experiment = (await create(researcher)).data!.createExperiment as { id: string; runs: { id: string }[] };
    const apiKeys = await gql(server.url, `{ apiKeys { name } }`, {}, researcher);
    expect(apiKeys.errors?.[0]?.message).toMatch(/Query.apiKeys needs an admin key; this key's role is researcher/);

    const asWorker = await gql(server.url, `{ experiments { nodes { id } } }`, {}, worker);
    expect(asWorker.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(asWorker.errors?.[0]?.message).toMatch(/worker keys may only use the worker protocol/);
    const researcherWorker = await gql(server.url, `mutation { registerWorker(input: {name: "x", backend: "cpu", device: "d", cores: 1, version: "1"}) { worker { id } } }`, {}, researcher);
    expect(researcherWorker.errors?.[0]?.message).toMatch(/Mutation.registerWorker needs a worker or admin key; this key's role is researcher/);

    const w1 = await new FakeWorker(server.url, worker).register("w1");
    const w2 = await new FakeWorker(server.url, worker).register("w2");
    const runId = (await w1.claim())!.run.id;
    expect(runId).toBe(experiment.runs[0]!.id);
    const stolen = await gql(server.url, `mutation($w: ID!, $r: ID!) { reportMetrics(workerId: $w, runId: $r, points: [{name: "loss", step: 1, value: 1}]) { inserted } }`, { w: w2.id, r: runId }, worker);
    expect(stolen.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "runId" });
    expect(stolen.errors?.[0]?.message).toBe(`worker ${w2.id} does not hold run ${runId} (it is held by another worker); stop working on it`);
    const ckpt = await w1.checkpoint(runId, 5, new Uint8Array([1, 2, 3]));
    const noWorkerId = await gql(server.url, `query($id: ID!) { checkpoint(id: $id) { step } }`, { id: ckpt.id }, worker);
    expect(noWorkerId.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "workerId" });
    const otherWorker = await gql(server.url, `query($id: ID!, $w: ID) { checkpoint(id: $id, workerId: $w) { step } }`, { id: ckpt.id, w: w2.id }, worker);
    expect(otherWorker.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((await ok(server.url, `query($id: ID!) { checkpoint(id: $id) { step } }`, { id: ckpt.id }, admin)).checkpoint.step).toBe(5);
    expect((await w1.complete(runId, { exact_match: 0.5 })).status).toBe("succeeded");
  });

  it("authenticates WebSocket connections from connectionParams.authorization", async () => {
    server = await startTestServer(database(), { auth: "required" });
    const [viewer, worker] = [await keyFor("viewer"), await keyFor("worker")];
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      const client = wsClient(server!.wsUrl, "ob_wrongwrongwrongwrongwrongwrongwrongwrongwro");
      client.on("closed", (event) => resolve(event as { code: number; reason: string }));
      client.subscribe({ query: `subscription { workerUpdated { id } }` }, { next: () => {}, error: () => {}, complete: () => {} });
    });
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/^UNAUTHENTICATED: API key ob_wrongwro… is not known/);

    const workerClient = wsClient(server.wsUrl, worker);
    try {
      const it = subscribe(workerClient, `subscription { workerUpdated { id } }`);
      const first = await it.next();
      expect(first.value.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" } });
      expect(first.value.errors?.[0]?.message).toMatch(/Subscription.workerUpdated needs a viewer, researcher or admin key/);
    } finally {
      await workerClient.dispose();
    }

    const viewerClient = wsClient(server.wsUrl, viewer);
    try {
      const it = subscribe(viewerClient, `subscription($r: ID!) { runMetrics(runId: $r) { runId } }`, { r: "00000000-0000-4000-8000-000000000000" });
      const first = await it.next();
      expect(first.value.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND", field: "runId" } });
    } finally {
      await viewerClient.dispose();
    }
  });
});
