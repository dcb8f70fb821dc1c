import { and, asc, desc, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db";
import { runs, workers, type Worker } from "../schema/index";

export interface WorkerWithRuns extends Worker {
  /** Runs it holds now (status running), oldest claim first. */
  runIds: string[];
}

/** Workers by most recent heartbeat; `seenWithinSeconds` keeps only those heard from recently. */
export async function listWorkers(db: Db, options: { seenWithinSeconds?: number } = {}): Promise<WorkerWithRuns[]> {
  const seen = options.seenWithinSeconds;
  const rows = await db
    .select()
    .from(workers)
    .where(seen === undefined ? undefined : gt(workers.lastHeartbeat, sql`now() - (${seen}::double precision * interval '1 second')`))
    .orderBy(desc(workers.lastHeartbeat), asc(workers.name));
  if (rows.length === 0) return [];
  const held = await db
    .select({ id: runs.id, workerId: runs.workerId })
    .from(runs)
    .where(and(eq(runs.status, "running"), isNotNull(runs.workerId), inArray(runs.workerId, rows.map((w) => w.id))))
    .orderBy(asc(runs.startedAt), asc(runs.gridIndex));
  const byWorker = new Map<string, string[]>();
  for (const run of held) byWorker.set(run.workerId as string, [...(byWorker.get(run.workerId as string) ?? []), run.id]);
  return rows.map((w) => ({ ...w, runIds: byWorker.get(w.id) ?? [] }));
}
