import { runClientThread } from "./client-thread";
import type { LatencyInput, LatencyOutput } from "./latency-client";
import type { BenchServer } from "./bench-server";
import { queueAndClaim, registerWorker } from "./worker-session";

export interface LatencyResult extends LatencyOutput {
  subscribers: number;
  pointsPerBatch: number;
}

/** A run claimed by a worker that reports 10 steps × 5 metrics per batch, about what apps/worker sends each second. */
export async function measureLatency(server: BenchServer, sizes: { subscribers: number; warmupBatches: number; timedBatches: number }): Promise<LatencyResult> {
  const worker = await registerWorker(server.url, server.keys.worker, "bench-latency");
  const [runId] = await queueAndClaim(worker, server.keys.admin, { name: "bench: subscription latency", task: "mul:2", strategies: ["plain"], seeds: 1, budget: { steps: 10_000_000 } });
  const names = ["loss", "lr", "grad_norm", "tokens_per_sec", "memory_mb"];
  const stepsPerBatch = 10;
  const out = await runClientThread<LatencyInput, LatencyOutput>("./latency-client.ts", {
    worker,
    runId: runId as string,
    wsUrl: server.wsUrl,
    viewerKey: server.keys.viewer,
    names,
    stepsPerBatch,
    pauseMs: 50,
    timeoutMs: 30_000,
    ...sizes,
  });
  return { ...out, subscribers: sizes.subscribers, pointsPerBatch: stepsPerBatch * names.length };
}
