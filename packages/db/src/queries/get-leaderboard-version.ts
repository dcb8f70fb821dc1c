import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../db";
import { isUuid } from "../ids";

/**
 * A fingerprint of the succeeded runs a leaderboard reads (listLeaderboardRows with the same task, preset
 * and experiment): their count, the sum of their ids' hashes and the latest finish time. A succeeded run's
 * results and curves are final (only failed or cancelled runs are retried, and a worker may report only on
 * a run it holds), so while the fingerprint is unchanged so is the leaderboard: a run finishing changes the
 * count and the latest finish, a run deleted the count and the sum. One pass over the runs, no metric points.
 */
export async function getLeaderboardVersion(db: Db, input: { task: string; preset?: string; experimentId?: string }): Promise<string> {
  if (input.experimentId !== undefined && !isUuid(input.experimentId)) return "0";
  const result = await db.execute(sql`
    SELECT count(*)::int AS n,
           coalesce(sum(uuid_hash_extended(r.id, 0)), 0)::text AS ids,
           coalesce(extract(epoch FROM max(r.finished_at))::text, '') AS latest
    FROM runs r
    WHERE r.task = ${input.task} AND r.status = 'succeeded'
      ${input.preset === undefined ? sql`` : sql`AND r.preset = ${input.preset}`}
      ${input.experimentId === undefined ? sql`` : sql`AND r.experiment_id = ${input.experimentId}::uuid`}`);
  const row = rowsOf<{ n: number; ids: string; latest: string }>(result)[0];
  return `${Number(row?.n ?? 0)}:${row?.ids ?? "0"}:${row?.latest ?? ""}`;
}
