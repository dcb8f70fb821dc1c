import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db";
import { miAnalyses, type MiAnalysis } from "../schema/index";
import type { MiAnalysisKey } from "./upsert-mi-analysis";

/** The analysis for the key; with k or dataSeed omitted, the most recently updated match. */
export async function getMiAnalysis(
  db: Db,
  key: Pick<MiAnalysisKey, "task" | "estimator"> & Partial<Pick<MiAnalysisKey, "k" | "dataSeed">>,
): Promise<MiAnalysis | null> {
  const [row] = await db
    .select()
    .from(miAnalyses)
    .where(
      and(
        eq(miAnalyses.task, key.task),
        eq(miAnalyses.estimator, key.estimator),
        key.k === undefined ? undefined : eq(miAnalyses.k, key.k),
        key.dataSeed === undefined ? undefined : eq(miAnalyses.dataSeed, key.dataSeed),
      ),
    )
    .orderBy(desc(miAnalyses.updatedAt))
    .limit(1);
  return row ?? null;
}
