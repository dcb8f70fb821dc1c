import { ok } from "../src/test/graphql-client";

/** A worker's view of the API, as apps/worker holds it: its id, key and the server's limits. */
export interface WorkerSession {
  url: string;
  key: string;
  workerId: string;
  leaseSeconds: number;
  maxMetricBatch: number;
}

export async function registerWorker(url: string, key: string, name: string): Promise<WorkerSession> {
  const data = await ok(
    url,
    `mutation($input: RegisterWorkerInput!) { registerWorker(input: $input) { worker { id } leaseSeconds maxMetricBatch } }`,
    { input: { name, backend: "cpu", device: "bench client", cores: 1, version: "0.1.0-bench" } },
    key,
  );
  return { url, key, workerId: data.registerWorker.worker.id, leaseSeconds: data.registerWorker.leaseSeconds, maxMetricBatch: data.registerWorker.maxMetricBatch };
}

/** Queues an experiment through createExperiment and has the worker claim every one of its runs. */
export async function queueAndClaim(worker: WorkerSession, adminKey: string, spec: Record<string, unknown>): Promise<string[]> {
  const created = await ok(worker.url, `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id runs { id } } }`, { input: { spec } }, adminKey);
  const experimentId: string = created.createExperiment.id;
  const runIds: string[] = [];
  for (const _ of created.createExperiment.runs) {
    const data = await ok(worker.url, `mutation($w: ID!, $c: CapabilitiesInput) { claimRun(workerId: $w, capabilities: $c) { run { id } } }`, { w: worker.workerId, c: { experimentId } }, worker.key);
    if (!data.claimRun) throw new Error(`claimRun returned null with runs of experiment ${experimentId} still queued`);
    runIds.push(data.claimRun.run.id);
  }
  return runIds;
}

/** Heart-beats the runs every third of the lease until stopped, so a long measurement keeps them. */
export function keepLeases(worker: WorkerSession, runIds: readonly string[]): () => void {
  const timer = setInterval(
    () => {
      ok(worker.url, `mutation($w: ID!, $r: [ID!]!) { heartbeat(workerId: $w, runIds: $r) { runId held } }`, { w: worker.workerId, r: runIds }, worker.key).catch((e: unknown) => {
        console.error(`bench: heartbeat failed: ${(e as Error).message}`);
      });
    },
    (worker.leaseSeconds * 1000) / 3,
  );
  return () => clearInterval(timer);
}
