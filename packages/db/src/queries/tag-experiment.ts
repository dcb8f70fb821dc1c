import { eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { experiments, type Experiment } from "../schema/index";

export interface TagChanges {
  add?: readonly string[];
  remove?: readonly string[];
}

/** Adds then removes tags (existing order kept, new ones appended, no duplicates); null when not found. */
export async function tagExperiment(db: Db, id: string, changes: TagChanges): Promise<Experiment | null> {
  if (!isUuid(id)) return null;
  const add = (changes.add ?? []).map((t) => t.trim());
  const empty = add.findIndex((t) => t.length === 0);
  if (empty >= 0) throw new RangeError(`add[${empty}] must not be empty`);
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ tags: experiments.tags }).from(experiments).where(eq(experiments.id, id)).for("update");
    if (!current) return null;
    const removed = new Set(changes.remove ?? []);
    const tags = [...new Set([...current.tags, ...add])].filter((t) => !removed.has(t));
    const [updated] = await tx.update(experiments).set({ tags, updatedAt: sql`now()` }).where(eq(experiments.id, id)).returning();
    return updated ?? null;
  });
}
