import { requeueExpiredRuns as requeueExpiredRunRows, type RequeueExpiredResult } from "@orderbench/db/queries";
import { runEvent, type ApiEvent } from "../pubsub/events";
import type { ServiceContext } from "./context";

/** Takes runs from workers that stopped heart-beating: back to the queue (attempt kept), or failed on the last attempt. */
export async function requeueExpiredRuns({ db, pubsub }: Pick<ServiceContext, "db" | "pubsub">): Promise<RequeueExpiredResult> {
  const result = await requeueExpiredRunRows(db);
  const changed = [...result.requeued, ...result.failed, ...result.cancelled];
  if (changed.length === 0) return result;
  const experiments = new Set(changed.map((r) => r.experimentId));
  const events: ApiEvent[] = [...changed.map(runEvent), ...[...experiments].map((experimentId) => ({ type: "experiment" as const, experimentId, deleted: false }))];
  await pubsub.publish(...events);
  return result;
}

/** Sweeps every `intervalMs` until stopped; a failed sweep is logged and retried at the next tick. */
export function startLeaseSweeper(ctx: Pick<ServiceContext, "db" | "pubsub">, intervalMs: number): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = requeueExpiredRuns(ctx).catch((e: unknown) => console.error("orderbench-api: requeue-expired-runs failed:", e));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
