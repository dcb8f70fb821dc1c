import { ok } from "./graphql-client";

/**
 * A worker as the API sees one: plain GraphQL requests over fetch. This is the boundary the API owns, so
 * tests play the worker instead of training with the engine.
 */
export class FakeWorker {
  id = "";
  constructor(
    readonly url: string,
    readonly key?: string,
    readonly backend = "cpu",
  ) {}

  async register(name = "fake-worker"): Promise<this> {
    const data = await ok(this.url, `mutation($input: RegisterWorkerInput!) { registerWorker(input: $input) { worker { id } leaseSeconds maxMetricBatch } }`, {
      input: { ...(this.id && { id: this.id }), name, backend: this.backend, device: `test ${this.backend}`, cores: 2, version: "0.1.0-test" },
    }, this.key);
    this.id = data.registerWorker.worker.id;
    return this;
  }

  async claim(capabilities?: { experimentId?: string }): Promise<{ run: { id: string; attempt: number; strategy: string; seed: number }; spec: any; checkpoint: { id: string; step: number } | null } | null> {
    const data = await ok(this.url, `mutation($w: ID!, $c: CapabilitiesInput) { claimRun(workerId: $w, capabilities: $c) { run { id attempt strategy seed } spec checkpoint { id step } leaseSeconds } }`, { w: this.id, c: capabilities ?? null }, this.key);
    return data.claimRun;
  }

  async heartbeat(runIds: string[], progress?: { runId: string; step: number; progress: number }[]) {
    const data = await ok(this.url, `mutation($w: ID!, $r: [ID!]!, $p: [RunProgressInput!]) { heartbeat(workerId: $w, runIds: $r, progress: $p) { runId held cancelRequested } }`, { w: this.id, r: runIds, p: progress ?? null }, this.key);
    return data.heartbeat as { runId: string; held: boolean; cancelRequested: boolean }[];
  }

  async report(runId: string, points: { name: string; step: number; value: number | null; nonFinite?: string }[]) {
    const data = await ok(this.url, `mutation($w: ID!, $r: ID!, $p: [MetricPointInput!]!) { reportMetrics(workerId: $w, runId: $r, points: $p) { accepted inserted diverged } }`, { w: this.id, r: runId, p: points }, this.key);
    return data.reportMetrics as { accepted: number; inserted: number; diverged: boolean };
  }

  async checkpoint(runId: string, step: number, bytes: Uint8Array) {
    const data = await ok(this.url, `mutation($w: ID!, $r: ID!, $s: Int!, $b: String!) { reportCheckpoint(workerId: $w, runId: $r, step: $s, bytesBase64: $b) { id step sizeBytes } }`, { w: this.id, r: runId, s: step, b: Buffer.from(bytes).toString("base64") }, this.key);
    return data.reportCheckpoint as { id: string; step: number; sizeBytes: number };
  }

  async complete(runId: string, finalMetrics: Record<string, number | null>, extra: Record<string, unknown> = {}) {
    const data = await ok(this.url, `mutation($w: ID!, $r: ID!, $s: JSON!) { completeRun(workerId: $w, runId: $r, summary: $s) { id status } }`, { w: this.id, r: runId, s: { finalMetrics, ...extra } }, this.key);
    return data.completeRun as { id: string; status: string };
  }

  async decline(runId: string, reason: string) {
    const data = await ok(this.url, `mutation($w: ID!, $r: ID!, $m: String!) { declineRun(workerId: $w, runId: $r, reason: $m) { id status attempt declinedBackends declineReason } }`, { w: this.id, r: runId, m: reason }, this.key);
    return data.declineRun as { id: string; status: string; attempt: number; declinedBackends: string[]; declineReason: string };
  }

  async fail(runId: string, error: string, diverged = false) {
    const data = await ok(this.url, `mutation($w: ID!, $r: ID!, $e: String!, $d: Boolean) { failRun(workerId: $w, runId: $r, error: $e, diverged: $d) { id status diverged } }`, { w: this.id, r: runId, e: error, d: diverged }, this.key);
    return data.failRun as { id: string; status: string; diverged: boolean };
  }
}

/** A tiny valid ExperimentSpec (strategies × seeds runs). */
export function smallSpec(overrides: Record<string, unknown> = {}) {
  return { name: "mul:2 orderings", task: "mul:2", strategies: ["plain", "max-mi"], seeds: 2, budget: { steps: 100 }, data: { trainSize: 200, testSize: 50 }, ...overrides };
}

export const CREATE_EXPERIMENT = `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id status runCounts { total queued } runs { id status strategy seed gridIndex } } }`;
