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

/** The same points as columns: point i is (names[i], steps[i], values[i], nonFinite?.[i], wallTimes?.[i]). */
export interface MetricColumnsWire {
  names: readonly string[];
  steps: readonly number[];
  values: readonly (number | null)[];
  nonFinite?: readonly (NonFinite | null)[] | null;
  wallTimes?: readonly Date[] | null;
}

const MAX_STEP = 2_147_483_647;

/**
 * Stores a batch of points of a run the worker holds, sent as `points` or as `columns`; resent points are
 * ignored (idempotent per run+name+step). A NaN or infinite value is stored and marks the run `diverged`;
 * the worker then ends it with failRun. Subscribers hear of the batch by its step range and read the
 * points themselves.
 */
export async function reportMetrics(
  ctx: ServiceContext,
  input: { workerId: string; runId: string; points?: readonly MetricPointWire[] | null; columns?: MetricColumnsWire | null },
): Promise<{ accepted: number; inserted: number; diverged: boolean }> {
  const { db, pubsub, config } = ctx;
  const { points, columns } = input;
  if (points && columns) throw badInput("points", "send the batch as points or as columns, not both");
  if (!points && !columns) throw badInput("points", "reportMetrics needs the batch, as points or as columns");
  const field = points ? "points" : "columns";
  const count = points ? points.length : (columns as MetricColumnsWire).names.length;
  const limit = config.maxMetricBatch;
  if (count > limit) {
    throw badInput(field, `${field} has ${count} ${points ? "items" : "points"}, more than the limit of ${limit} per reportMetrics call (ORDERBENCH_MAX_METRIC_BATCH); send them in several calls`, { limit });
  }
  const rows: MetricPointInput[] = points ? points.map((p, i) => toRow(input.runId, p, `points[${i}]`)) : fromColumns(input.runId, columns as MetricColumnsWire);
  const run = await requireHeldRun(ctx, input.runId, input.workerId);
  let nonFinite = false;
  let fromStep = Number.POSITIVE_INFINITY;
  let toStep = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    if (!Number.isFinite(r.value)) nonFinite = true;
    if (r.step < fromStep) fromStep = r.step;
    if (r.step > toStep) toStep = r.step;
  }
  const inserted = await insertMetricPoints(db, rows);
  if (nonFinite && !run.diverged) {
    const [marked] = await db.update(runs).set({ diverged: true }).where(eq(runs.id, run.id)).returning();
    if (marked) await pubsub.publish(runEvent(marked));
  }
  if (inserted > 0) await pubsub.publish({ type: "metrics", runId: run.id, fromStep, toStep });
  return { accepted: rows.length, inserted, diverged: nonFinite || run.diverged };
}

function toRow(runId: string, p: MetricPointWire, field: string): MetricPointInput {
  checkName(p.name, `${field}.name`);
  checkStep(p.step, `${field}.step`);
  if (p.value != null && p.nonFinite != null) {
    throw badInput(`${field}.value`, `${field} sets both value and nonFinite; send value for a finite number, or value: null with nonFinite (NAN, POSITIVE_INFINITY, NEGATIVE_INFINITY)`);
  }
  const value = fromWire(p.value, p.nonFinite);
  if (value === undefined) {
    throw badInput(`${field}.value`, `${field}.value is null and nonFinite is not set; a non-finite value is sent as value: null with nonFinite NAN, POSITIVE_INFINITY or NEGATIVE_INFINITY`);
  }
  return { runId, name: p.name, step: p.step, value, ...(p.wallTime && { wallTime: p.wallTime }) };
}

function fromColumns(runId: string, c: MetricColumnsWire): MetricPointInput[] {
  const n = c.names.length;
  for (const [column, list] of [["steps", c.steps], ["values", c.values], ["nonFinite", c.nonFinite], ["wallTimes", c.wallTimes]] as const) {
    if (list && list.length !== n) {
      throw badInput(`columns.${column}`, `columns.${column} has ${list.length} items and columns.names ${n}; every column has one item per point`);
    }
  }
  const rows = new Array<MetricPointInput>(n);
  for (let i = 0; i < n; i++) {
    const name = c.names[i] as string;
    const step = c.steps[i] as number;
    checkName(name, `columns.names[${i}]`);
    checkStep(step, `columns.steps[${i}]`);
    const raw = c.values[i];
    const nonFinite = c.nonFinite?.[i];
    if (raw != null && nonFinite != null) {
      throw badInput(`columns.values[${i}]`, `columns.values[${i}] and columns.nonFinite[${i}] are both set; send the value for a finite number, or null with nonFinite (NAN, POSITIVE_INFINITY, NEGATIVE_INFINITY)`);
    }
    const value = fromWire(raw, nonFinite);
    if (value === undefined) {
      throw badInput(`columns.values[${i}]`, `columns.values[${i}] is null and columns.nonFinite[${i}] is not set; a non-finite value is sent as null with nonFinite NAN, POSITIVE_INFINITY or NEGATIVE_INFINITY`);
    }
    const wallTime = c.wallTimes?.[i];
    rows[i] = wallTime ? { runId, name, step, value, wallTime } : { runId, name, step, value };
  }
  return rows;
}

function checkName(name: string, field: string): void {
  if (name.length === 0 || name.length > 200) throw badInput(field, `${field} must be 1 to 200 characters long`, { limit: 200 });
}

function checkStep(step: number, field: string): void {
  if (!Number.isInteger(step) || step < 0 || step > MAX_STEP) throw badInput(field, `${field} must be an integer from 0 to ${MAX_STEP}, got ${step}`);
}
