import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { runs, type Run } from "../schema/index";

export async function getRun(db: Db, id: string): Promise<Run | null> {
  if (!isUuid(id)) return null;
  const [run] = await db.select().from(runs).where(eq(runs.id, id));
  return run ?? null;
}
