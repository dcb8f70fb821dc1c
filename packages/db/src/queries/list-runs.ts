import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { runs, type Run, type RunStatus } from "../schema/index";

export interface ListRunsInput {
  experimentId?: string;
  ids?: readonly string[];
  status?: readonly RunStatus[];
  workerId?: string;
  limit?: number;
}

/** Runs in grid order within each experiment. Malformed ids match nothing. */
export async function listRuns(db: Db, input: ListRunsInput = {}): Promise<Run[]> {
  const where: (SQL | undefined)[] = [];
  if (input.experimentId !== undefined) {
    if (!isUuid(input.experimentId)) return [];
    where.push(eq(runs.experimentId, input.experimentId));
  }
  if (input.ids !== undefined) where.push(inArray(runs.id, input.ids.filter(isUuid)));
  if (input.status !== undefined) where.push(inArray(runs.status, [...input.status]));
  if (input.workerId !== undefined) {
    if (!isUuid(input.workerId)) return [];
    where.push(eq(runs.workerId, input.workerId));
  }
  const query = db
    .select()
    .from(runs)
    .where(and(...where))
    .orderBy(asc(runs.experimentId), asc(runs.gridIndex))
    .$dynamic();
  return input.limit === undefined ? query : query.limit(input.limit);
}
