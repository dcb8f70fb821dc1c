import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema/index";

export type Schema = typeof schema;

/**
 * The drizzle database every query takes first: the PGlite and the postgres.js database both are one, and so
 * is a transaction (`db.transaction(tx => …)`), so queries compose inside a caller's transaction.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Rows of `db.execute(sql…)`: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
