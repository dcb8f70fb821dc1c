import { eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { workers } from "../schema/index";

/** Records a worker heartbeat; false when the worker is unknown (it should register again). */
export async function touchWorker(db: Db, workerId: string): Promise<boolean> {
  if (!isUuid(workerId)) return false;
  const rows = await db.update(workers).set({ lastHeartbeat: sql`now()` }).where(eq(workers.id, workerId)).returning({ id: workers.id });
  return rows.length > 0;
}
