import { ok } from "../src/test/graphql-client";
import { keepLeases, type WorkerSession } from "./worker-session";

export interface IngestInput {
  worker: WorkerSession;
  /** One request lane per run: each lane reports its own run's steps in order, like one worker slot. */
  runIds: string[];
  /** The worker's per-step metrics; a batch is maxMetricBatch points = (maxMetricBatch / names) steps × names. */
  names: string[];
  warmupBatchesPerLane: number;
  timedBatchesPerLane: number;
}

export interface IngestOutput {
  /** Points sent and `inserted` summed over the responses, warm-up included. */
  sent: number;
  inserted: number;
  /** The timed phase only: every lane's batches, from the first request to the last response. */
  timedInserted: number;
  timedSeconds: number;
  batchSize: number;
}

const REPORT = `mutation($w: ID!, $r: ID!, $c: MetricColumnsInput!) { reportMetrics(workerId: $w, runId: $r, columns: $c) { accepted inserted } }`;

/**
 * Reports full batches on every run at once over HTTP, as a worker slot per run would (as columns, which is
 * what apps/worker sends), and counts what the API inserted.
 */
export async function run(input: IngestInput): Promise<IngestOutput> {
  const { worker, runIds, names } = input;
  const stepsPerBatch = Math.floor(worker.maxMetricBatch / names.length);
  const batchSize = stepsPerBatch * names.length;
  const next = new Map(runIds.map((id) => [id, 0]));
  let sent = 0;
  let inserted = 0;
  const stopLeases = keepLeases(worker, runIds);

  const lane = async (runId: string, batches: number): Promise<number> => {
    let laneInserted = 0;
    for (let b = 0; b < batches; b++) {
      const first = next.get(runId) as number;
      next.set(runId, first + stepsPerBatch);
      const wallTime = new Date().toISOString();
      const columns = { names: [] as string[], steps: [] as number[], values: [] as number[], wallTimes: [] as string[] };
      for (let step = first; step < first + stepsPerBatch; step++) {
        for (const name of names) {
          columns.names.push(name);
          columns.steps.push(step);
          columns.values.push(Math.random());
          columns.wallTimes.push(wallTime);
        }
      }
      const data = await ok(worker.url, REPORT, { w: worker.workerId, r: runId, c: columns }, worker.key);
      sent += columns.names.length;
      laneInserted += data.reportMetrics.inserted;
    }
    return laneInserted;
  };
  const phase = async (batches: number) => (await Promise.all(runIds.map((id) => lane(id, batches)))).reduce((a, b) => a + b, 0);

  try {
    inserted += await phase(input.warmupBatchesPerLane);
    const start = performance.now();
    const timedInserted = await phase(input.timedBatchesPerLane);
    const timedSeconds = (performance.now() - start) / 1000;
    inserted += timedInserted;
    return { sent, inserted, timedInserted, timedSeconds, batchSize };
  } finally {
    stopLeases();
  }
}
