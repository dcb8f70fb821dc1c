import { TEXT_TASK_NAMES } from "@orderbench/core/tasks";
import { and, asc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { runs, workers, type Run } from "../schema/index";
import { leaseUntil } from "../lease";

export interface ClaimRunInput {
  workerId: string;
  /** The lease the worker must renew by heart-beating (issue default 30 s). */
  leaseSeconds: number;
  /** Capability filters; undefined means any, an empty list matches nothing. */
  presets?: readonly string[];
  tasks?: readonly string[];
  /** false: no text tasks (a worker without a data directory); stored task names are canonical. */
  text?: boolean;
  experimentId?: string;
}

/**
 * The queue's dequeue: the oldest queued run matching the worker's capabilities, and not declined by a
 * worker of its backend, becomes `running` under a lease, in one statement. FOR UPDATE SKIP LOCKED makes
 * concurrent claimers pass over a row another transaction is claiming instead of waiting for it or taking
 * it too, so no run is handed to two workers.
 * Works unchanged on PGlite (single connection, so claims are serialised anyway) and PostgreSQL.
 */
export async function claimRun(db: Db, input: ClaimRunInput): Promise<Run | null> {
  if (!isUuid(input.workerId)) throw new RangeError(`workerId must be a worker id (a UUID), got "${input.workerId}"`);
  if (input.experimentId !== undefined && !isUuid(input.experimentId)) return null;
  // Not a run a worker of this backend gave back as beyond it (decline-run.ts).
  const filters: (SQL | undefined)[] = [
    eq(runs.status, "queued"),
    sql`NOT (${runs.declinedBackends} @> ARRAY[(SELECT ${workers.backend} FROM ${workers} WHERE ${workers.id} = ${input.workerId})]::text[])`,
  ];
  if (input.presets !== undefined) filters.push(inArray(runs.preset, [...input.presets]));
  if (input.tasks !== undefined) filters.push(inArray(runs.task, [...input.tasks]));
  if (input.text === false) filters.push(notInArray(runs.task, [...TEXT_TASK_NAMES]));
  if (input.experimentId !== undefined) filters.push(eq(runs.experimentId, input.experimentId));
  const next = db
    .select({ id: runs.id })
    .from(runs)
    .where(and(...filters))
    .orderBy(asc(runs.queuedAt), asc(runs.gridIndex), asc(runs.id))
    .limit(1)
    .for("update", { skipLocked: true });
  const [run] = await db
    .update(runs)
    .set({
      status: "running",
      workerId: input.workerId,
      leaseExpiresAt: leaseUntil(input.leaseSeconds),
      attempt: sql`${runs.attempt} + 1`,
      startedAt: sql`coalesce(${runs.startedAt}, now())`,
    })
    .where(and(sql`${runs.id} = ${next}`, eq(runs.status, "queued")))
    .returning();
  return run ?? null;
}
