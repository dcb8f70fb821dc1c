import { and, arrayContains, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { selectExperimentSummaries, toSummary, type ExperimentStatus, type ExperimentSummary } from "../experiment-summary";
import { isUuid } from "../ids";
import { experiments } from "../schema/index";

export interface ListExperimentsInput {
  /** Page size, 1…MAX_PAGE_SIZE (default 20). */
  first?: number;
  /** `nextCursor` of the previous page. */
  after?: string | null;
  task?: string;
  status?: ExperimentStatus;
  tag?: string;
  owner?: string;
  /** Case-insensitive substring of the name. */
  search?: string;
}

export interface ExperimentPage {
  items: ExperimentSummary[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const MAX_PAGE_SIZE = 100;

/** Newest first; keyset pagination on (created_at, id), so inserts while paging neither skip nor repeat rows. */
export async function listExperiments(db: Db, input: ListExperimentsInput = {}): Promise<ExperimentPage> {
  const first = input.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new RangeError(`first must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}`);
  }
  const { query, status } = selectExperimentSummaries(db);
  const where: (SQL | undefined)[] = [];
  if (input.after) {
    const cursor = decodeCursor(input.after);
    where.push(sql`(${experiments.createdAt}, ${experiments.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`);
  }
  if (input.task !== undefined) where.push(eq(experiments.task, input.task));
  if (input.owner !== undefined) where.push(eq(experiments.owner, input.owner));
  if (input.tag !== undefined) where.push(arrayContains(experiments.tags, [input.tag]));
  if (input.status !== undefined) where.push(sql`${status} = ${input.status}`);
  if (input.search) where.push(sql`${experiments.name} ILIKE ${`%${escapeLike(input.search)}%`}`);
  const rows = await query
    .where(and(...where))
    .orderBy(desc(experiments.createdAt), desc(experiments.id))
    .limit(first + 1);
  const items = rows.slice(0, first).map(toSummary);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > first && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** LIKE's wildcards and escape character (backslash by default) matched literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof createdAt === "string" && !Number.isNaN(Date.parse(createdAt)) && typeof id === "string" && isUuid(id)) return { createdAt, id };
  } catch {
    // fall through to the error below
  }
  throw new RangeError(`after is not a cursor returned by listExperiments: "${cursor}"`);
}
