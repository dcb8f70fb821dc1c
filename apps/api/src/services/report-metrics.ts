import { insertMetricPoints, type MetricPointInput } from "@orderbench/db/queries";
import { runs } from "@orderbench/db/schema";
import { eq } from "drizzle-orm";
import { badInput } from "../errors";
import { runEvent } from "../pubsub/events";
import type { ServiceContext } from "./context";
import { requireHeldRun } from "./held-run";
import { fromWire, type NonFinite } from "./metric-values";

export interface MetricPointWire {
  name: string;
  step: number;
  /** Null when the value is not finite; `nonFinite` then says which. */
  value?: number | null;
  nonFinite?: NonFinite | null;
  wallTime?: Date | null;
}

const MAX_STEP = 2_147_483_647;

/**
 * Stores a batch of points of a run the worker holds; resent points are ignored (idempotent per
 * run+name+step). A NaN or infinite value is stored and marks the run `diverged`; the worker then ends it
 * with failRun. Subscribers hear of the batch by its step range and read the points themselves.
 */
export async function reportMetrics(
  ctx: ServiceContext,
  input: { workerId: string; runId: string; points: readonly MetricPointWire[] },
): Promise<{ accepted: number; inserted: number; diverged: boolean }> {
  const { db, pubsub, config } = ctx;
  const limit = config.maxMetricBatch;
  if (input.points.length > limit) {
    throw badInput("points", `points has ${input.points.length} items, more than the limit of ${limit} per reportMetrics call (ORDERBENCH_MAX_METRIC_BATCH); send them in several calls`, { limit });
  }
  const rows: MetricPointInput[] = input.points.map((p, i) => toRow(input.runId, p, i));
  const run = await requireHeldRun(ctx, input.runId, input.workerId);
  const nonFinite = rows.some((r) => !Number.isFinite(r.value));
  const inserted = await insertMetricPoints(db, rows);
  if (nonFinite && !run.diverged) {
    const [marked] = await db.update(runs).set({ diverged: true }).where(eq(runs.id, run.id)).returning();
    if (marked) await pubsub.publish(runEvent(marked));
  }
  if (inserted > 0) {
    const steps = rows.map((r) => r.step);
    await pubsub.publish({ type: "metrics", runId: run.id, fromStep: Math.min(...steps), toStep: Math.max(...steps) });
  }
  return { accepted: rows.length, inserted, diverged: nonFinite || run.diverged };
}

function toRow(runId: string, p: MetricPointWire, i: number): MetricPointInput {
  const field = `points[${i}]`;
  if (p.name.length === 0 || p.name.length > 200) throw badInput(`${field}.name`, `${field}.name must be 1 to 200 characters long`, { limit: 200 });
  if (!Number.isInteger(p.step) || p.step < 0 || p.step > MAX_STEP) {
    throw badInput(`${field}.step`, `${field}.step must be an integer from 0 to ${MAX_STEP}, got ${p.step}`);
  }
  if (p.value != null && p.nonFinite != null) {
    throw badInput(`${field}.value`, `${field} sets both value and nonFinite; send value for a finite number, or value: null with nonFinite (NAN, POSITIVE_INFINITY, NEGATIVE_INFINITY)`);
  }
  const value = fromWire(p.value, p.nonFinite);
  if (value === undefined) {
    throw badInput(`${field}.value`, `${field}.value is null and nonFinite is not set; a non-finite value is sent as value: null with nonFinite NAN, POSITIVE_INFINITY or NEGATIVE_INFINITY`);
  }
  return { runId, name: p.name, step: p.step, value, ...(p.wallTime && { wallTime: p.wallTime }) };
}
