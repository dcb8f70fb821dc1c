import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { runs } from "../schema/index";

export interface LeaderboardRowsInput {
  task: string;
  /** Model preset; all presets when omitted (rows carry it). */
  preset?: string;
  /** Key of final_metrics, e.g. "accuracy". */
  metric: string;
  experimentId?: string;
}

/** One succeeded run's result; the API aggregates these by strategy with core/stats (mean ± std, paired CI). */
export interface LeaderboardRow {
  runId: string;
  experimentId: string;
  preset: string;
  strategy: string;
  seed: number;
  estimator: string;
  lr: number;
  batchSize: number;
  /** final_metrics[metric]; null when the run did not report it (or reported a non-finite value). */
  finalMetric: number | null;
  bestMetric: number | null;
  bestStep: number | null;
  step: number;
  tokens: number;
  finishedAt: Date | null;
}

/** Succeeded runs of a task (and preset), ordered by preset, strategy, seed. Uses runs_leaderboard_idx. */
export async function listLeaderboardRows(db: Db, input: LeaderboardRowsInput): Promise<LeaderboardRow[]> {
  if (input.experimentId !== undefined && !isUuid(input.experimentId)) return [];
  const rows = await db
    .select({
      runId: runs.id,
      experimentId: runs.experimentId,
      preset: runs.preset,
      strategy: runs.strategy,
      seed: runs.seed,
      estimator: sql<string>`${runs.spec} ->> 'estimator'`,
      lr: sql<number>`(${runs.spec} -> 'optimizer' ->> 'lr')::double precision`.mapWith(Number),
      batchSize: sql<number>`(${runs.spec} ->> 'batchSize')::int`.mapWith(Number),
      finalMetric: sql<number | null>`(${runs.finalMetrics} ->> ${input.metric}::text)::double precision`,
      bestMetric: runs.bestMetric,
      bestStep: runs.bestStep,
      step: runs.step,
      tokens: runs.tokens,
      finishedAt: runs.finishedAt,
    })
    .from(runs)
    .where(
      and(
        eq(runs.task, input.task),
        eq(runs.status, "succeeded"),
        input.preset === undefined ? undefined : eq(runs.preset, input.preset),
        input.experimentId === undefined ? undefined : eq(runs.experimentId, input.experimentId),
      ),
    )
    .orderBy(asc(runs.preset), asc(runs.strategy), asc(runs.seed), asc(runs.finishedAt));
  return rows.map((r) => ({ ...r, finalMetric: r.finalMetric === null ? null : Number(r.finalMetric) }));
}
