import { inArray, sql } from "drizzle-orm";
import type { Db } from "@orderbench/db/client";
import { metricPoints } from "@orderbench/db/schema";
import { runClientThread } from "./client-thread";
import type { IngestInput, IngestOutput } from "./ingest-client";
import type { BenchServer } from "./bench-server";
import { queueAndClaim, registerWorker } from "./worker-session";

export interface IngestResult {
  pointsPerSecond: number;
  points: number;
  seconds: number;
  batchSize: number;
  lanes: number;
}

/** The worker's per-step metrics (apps/worker run-job), so a batch looks like a real one. */
const STEP_METRICS = ["loss", "lr", "grad_norm", "tokens_per_sec", "memory_mb"];

/**
 * Metric ingest through reportMetrics: `lanes` runs, each claimed by a registered worker, reported into
 * concurrently with full batches; only points the API says it inserted count, and the database must end up
 * holding exactly the points sent.
 */
export async function measureIngest(server: BenchServer, db: Db, sizes: { lanes: number; warmupBatchesPerLane: number; timedBatchesPerLane: number }): Promise<IngestResult> {
  const worker = await registerWorker(server.url, server.keys.worker, "bench-ingest");
  const runIds = await queueAndClaim(worker, server.keys.admin, { name: "bench: metric ingest", task: "mul:2", strategies: ["plain"], seeds: sizes.lanes, budget: { steps: 10_000_000 } });
  const out = await runClientThread<IngestInput, IngestOutput>("./ingest-client.ts", { worker, runIds, names: STEP_METRICS, ...sizes });
  const [stored] = await db.select({ n: sql<number>`count(*)::int` }).from(metricPoints).where(inArray(metricPoints.runId, runIds));
  if (out.inserted !== out.sent || Number(stored?.n) !== out.sent) {
    throw new Error(`ingest lost or duplicated points: sent ${out.sent}, the API reported ${out.inserted} inserted, the database holds ${stored?.n}`);
  }
  return { pointsPerSecond: out.timedInserted / out.timedSeconds, points: out.timedInserted, seconds: out.timedSeconds, batchSize: out.batchSize, lanes: runIds.length };
}
