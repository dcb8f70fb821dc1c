import type { MetricPoint } from "./metric-buffer";
import { ApiError, type Request } from "./graphql-transport";
import { RunLostError, type ClaimedRun, type HeartbeatAnswer, type RunProgress, type RunSummaryPayload, type WorkerApi } from "./worker-api";

export interface Capabilities {
  presets?: string[];
  tasks?: string[];
  /** false: no text tasks (a worker without a data directory). */
  text?: boolean;
  experimentId?: string;
}

/** The worker protocol over GraphQL (packages/client/schema.graphql), for one registered worker. */
export function graphqlWorkerApi(request: Request, workerId: string, capabilities: Capabilities | null): WorkerApi {
  // The API answers CONFLICT to a worker acting on a run it does not hold (apps/api services/held-run.ts).
  const held = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } catch (err) {
      throw err instanceof ApiError && err.code === "CONFLICT" ? new RunLostError(err.message) : err;
    }
  };
  return {
    async claimRun(): Promise<ClaimedRun | null> {
      const d = await request<{ claimRun: { run: { id: string; attempt: number }; spec: unknown; checkpoint: { id: string } | null } | null }>(
        `mutation Claim($workerId: ID!, $capabilities: CapabilitiesInput) {
          claimRun(workerId: $workerId, capabilities: $capabilities) { run { id attempt } spec checkpoint { id } }
        }`,
        { workerId, capabilities },
      );
      const c = d.claimRun;
      return c && { id: c.run.id, attempt: c.run.attempt, spec: c.spec, checkpointId: c.checkpoint?.id ?? null };
    },
    async heartbeat(progress: RunProgress[]): Promise<HeartbeatAnswer[]> {
      const d = await request<{ heartbeat: HeartbeatAnswer[] }>(
        `mutation Beat($workerId: ID!, $runIds: [ID!]!, $progress: [RunProgressInput!]) {
          heartbeat(workerId: $workerId, runIds: $runIds, progress: $progress) { runId held cancelRequested }
        }`,
        { workerId, runIds: progress.map((p) => p.runId), progress },
      );
      return d.heartbeat;
    },
    async reportMetrics(runId: string, points: MetricPoint[]): Promise<void> {
      await held(request(
        `mutation Report($workerId: ID!, $runId: ID!, $columns: MetricColumnsInput!) {
          reportMetrics(workerId: $workerId, runId: $runId, columns: $columns) { inserted }
        }`,
        { workerId, runId, columns: metricColumns(points) },
      ));
    },
    async reportCheckpoint(runId: string, step: number, bytes: Uint8Array): Promise<void> {
      await held(request(
        `mutation Checkpoint($workerId: ID!, $runId: ID!, $step: Int!, $bytes: String!) {
          reportCheckpoint(workerId: $workerId, runId: $runId, step: $step, bytesBase64: $bytes) { id }
        }`,
        { workerId, runId, step, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64") },
      ));
    },
    async downloadCheckpoint(id: string): Promise<Uint8Array> {
      const d = await request<{ checkpoint: { bytesBase64: string } }>(
        `query Checkpoint($id: ID!, $workerId: ID) { checkpoint(id: $id, workerId: $workerId) { bytesBase64 } }`,
        { id, workerId },
      );
      return new Uint8Array(Buffer.from(d.checkpoint.bytesBase64, "base64"));
    },
    async completeRun(runId: string, summary: RunSummaryPayload): Promise<void> {
      await held(request(`mutation Complete($workerId: ID!, $runId: ID!, $summary: JSON!) { completeRun(workerId: $workerId, runId: $runId, summary: $summary) { id } }`, {
        workerId,
        runId,
        summary,
      }));
    },
    async failRun(runId: string, error: string, diverged: boolean): Promise<void> {
      await held(request(
        `mutation Fail($workerId: ID!, $runId: ID!, $error: String!, $diverged: Boolean) { failRun(workerId: $workerId, runId: $runId, error: $error, diverged: $diverged) { id } }`,
        { workerId, runId, error: error.slice(0, 4000), diverged },
      ));
    },
    async releaseRun(runId: string): Promise<void> {
      await held(request(`mutation Release($workerId: ID!, $runId: ID!) { releaseRun(workerId: $workerId, runId: $runId) { id } }`, { workerId, runId }));
    },
    async declineRun(runId: string, reason: string): Promise<void> {
      await held(request(
        `mutation Decline($workerId: ID!, $runId: ID!, $reason: String!) { declineRun(workerId: $workerId, runId: $runId, reason: $reason) { id } }`,
        { workerId, runId, reason: reason.slice(0, 4000) },
      ));
    },
  };
}

/** The columns of MetricColumnsInput: point i is the i-th item of each list. nonFinite is sent only when a value needs it. */
export interface MetricColumns {
  names: string[];
  steps: number[];
  values: (number | null)[];
  nonFinite?: (MetricPoint["nonFinite"] | null)[];
  wallTimes: string[];
}

/**
 * A batch as columns rather than a list of point objects: the same data, which the API reads several times
 * faster (GraphQL checks each field of each input object; a list of numbers is cheap), see docs/api.md.
 */
export function metricColumns(points: readonly MetricPoint[]): MetricColumns {
  const columns: MetricColumns = { names: [], steps: [], values: [], wallTimes: [] };
  for (const p of points) {
    columns.names.push(p.name);
    columns.steps.push(p.step);
    columns.values.push(p.value);
    columns.wallTimes.push(p.wallTime);
  }
  if (points.some((p) => p.nonFinite)) columns.nonFinite = points.map((p) => p.nonFinite ?? null);
  return columns;
}

export interface Registration {
  workerId: string;
  leaseSeconds: number;
  maxMetricBatch: number;
}

export async function registerWorker(
  request: Request,
  input: { id?: string; name: string; backend: string; device: string; cores: number; gpus: number; version: string },
): Promise<Registration> {
  const d = await request<{ registerWorker: { worker: { id: string }; leaseSeconds: number; maxMetricBatch: number } }>(
    `mutation Register($input: RegisterWorkerInput!) { registerWorker(input: $input) { worker { id } leaseSeconds maxMetricBatch } }`,
    { input },
  );
  return { workerId: d.registerWorker.worker.id, leaseSeconds: d.registerWorker.leaseSeconds, maxMetricBatch: d.registerWorker.maxMetricBatch };
}
