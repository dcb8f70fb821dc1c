import type { MiTable } from "@orderbench/core/mi";
import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { miAnalyses, type MiAnalysis } from "../schema/index";

export interface MiAnalysisKey {
  task: string;
  estimator: string;
  k: number;
  dataSeed: number;
}

/** Stores the table for (task, estimator, k, dataSeed), replacing an earlier one. */
export async function upsertMiAnalysis(db: Db, input: MiAnalysisKey & { table: MiTable }): Promise<MiAnalysis> {
  const [row] = await db
    .insert(miAnalyses)
    .values(input)
    .onConflictDoUpdate({
      target: [miAnalyses.task, miAnalyses.estimator, miAnalyses.k, miAnalyses.dataSeed],
      set: { table: input.table, updatedAt: sql`now()` },
    })
    .returning();
  if (!row) throw new Error("INSERT INTO mi_analyses returned no row");
  return row;
}
