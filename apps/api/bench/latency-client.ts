import type { Client } from "graphql-ws";
import { ok, wsClient } from "../src/test/graphql-client";
import { quantile } from "./stats";
import { keepLeases, type WorkerSession } from "./worker-session";

export interface LatencyInput {
  worker: WorkerSession;
  runId: string;
  wsUrl: string;
  viewerKey: string;
  subscribers: number;
  names: string[];
  stepsPerBatch: number;
  warmupBatches: number;
  timedBatches: number;
  /** Quiet time between one batch reaching every subscriber and the next batch being sent. */
  pauseMs: number;
  timeoutMs: number;
}

export interface LatencyOutput {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

const REPORT = `mutation($w: ID!, $r: ID!, $c: MetricColumnsInput!) { reportMetrics(workerId: $w, runId: $r, columns: $c) { inserted } }`;
const FOLLOW = `subscription($run: ID!) { runMetrics(runId: $run) { points { name step value } } }`;

/**
 * `subscribers` dashboards follow one run over their own graphql-ws connections while a worker reports
 * batches into it. A sample is the time from sending a batch to one subscriber holding all of its points;
 * the next batch goes once every subscriber has the last one (plus a pause), so samples do not queue.
 */
export async function run(input: LatencyInput): Promise<LatencyOutput> {
  const { worker, runId, names, stepsPerBatch } = input;
  const pointsPerBatch = stepsPerBatch * names.length;
  const sentAt = new Map<number, number>();
  const samples: number[] = [];
  const complete = new Map<number, number>();
  let waiter: { batch: number; resolve: () => void } | null = null;
  let failure: unknown = null;

  const clients: Client[] = [];
  for (let i = 0; i < input.subscribers; i++) {
    const client = wsClient(input.wsUrl, input.viewerKey);
    clients.push(client);
    const received = new Map<number, number>();
    client.subscribe<{ runMetrics: { points: { step: number }[] } }>(
      { query: FOLLOW, variables: { run: runId } },
      {
        next: (result) => {
          const now = performance.now();
          if (result.errors) failure ??= new Error(`subscriber ${i}: ${JSON.stringify(result.errors)}`);
          for (const p of result.data?.runMetrics.points ?? []) {
            const batch = Math.floor(p.step / stepsPerBatch);
            const n = (received.get(batch) ?? 0) + 1;
            received.set(batch, n);
            if (n !== pointsPerBatch) continue;
            received.delete(batch);
            if (batch >= input.warmupBatches) samples.push(now - (sentAt.get(batch) as number));
            const done = (complete.get(batch) ?? 0) + 1;
            complete.set(batch, done);
            if (done === input.subscribers && waiter?.batch === batch) waiter.resolve();
          }
        },
        error: (e) => (failure ??= new Error(`subscriber ${i} failed: ${e instanceof Error ? e.message : JSON.stringify(e)}`)),
        complete: () => (failure ??= new Error(`subscriber ${i}'s subscription completed while the run was running`)),
      },
    );
  }

  const everyoneHas = (batch: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(failure ?? new Error(`after ${input.timeoutMs} ms only ${complete.get(batch) ?? 0} of ${input.subscribers} subscribers had batch ${batch}`));
      }, input.timeoutMs);
      waiter = {
        batch,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      if ((complete.get(batch) ?? 0) === input.subscribers) waiter.resolve();
    });

  const stopLeases = keepLeases(worker, [runId]);
  try {
    // Batch 0 reaches a subscriber live or in its replay of stored points; either way its subscription to
    // new events was in place before that, so once all have batch 0 every subscriber is live.
    for (let batch = 0; batch < input.warmupBatches + input.timedBatches; batch++) {
      const wallTime = new Date().toISOString();
      const columns = { names: [] as string[], steps: [] as number[], values: [] as number[], wallTimes: [] as string[] };
      for (let step = batch * stepsPerBatch; step < (batch + 1) * stepsPerBatch; step++) {
        for (const name of names) {
          columns.names.push(name);
          columns.steps.push(step);
          columns.values.push(Math.random());
          columns.wallTimes.push(wallTime);
        }
      }
      const arrived = everyoneHas(batch);
      sentAt.set(batch, performance.now());
      await Promise.all([ok(worker.url, REPORT, { w: worker.workerId, r: runId, c: columns }, worker.key), arrived]);
      if (failure) throw failure;
      await new Promise((resolve) => setTimeout(resolve, input.pauseMs));
    }
  } finally {
    stopLeases();
    await Promise.all(clients.map((c) => c.dispose()));
  }
  return { samples: samples.length, p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), max: Math.max(...samples) };
}
