import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { runs, runStatus, type Run } from "../schema/index";

export type CancelOutcome = "cancelled" | "cancel-requested" | "already-finished" | "not-found";

/** Changes that cancel a queued run at once and flag a running one for its worker (seen at the next heartbeat). */
export const cancelChanges = {
  status: sql`CASE WHEN ${runs.status} = 'queued' THEN 'cancelled'::${runStatus} ELSE ${runs.status} END`,
  cancelRequested: sql`${runs.status} = 'running'`,
  finishedAt: sql`CASE WHEN ${runs.status} = 'queued' THEN now() ELSE ${runs.finishedAt} END`,
};

export async function cancelRun(db: Db, runId: string): Promise<{ outcome: CancelOutcome; run: Run | null }> {
  if (!isUuid(runId)) return { outcome: "not-found", run: null };
  const [run] = await db
    .update(runs)
    .set(cancelChanges)
    .where(and(eq(runs.id, runId), inArray(runs.status, ["queued", "running"])))
    .returning();
  if (run) return { outcome: run.status === "cancelled" ? "cancelled" : "cancel-requested", run };
  const [existing] = await db.select().from(runs).where(eq(runs.id, runId));
  return existing ? { outcome: "already-finished", run: existing } : { outcome: "not-found", run: null };
}
