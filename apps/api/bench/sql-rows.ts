/** Rows of `db.execute(sql…)`: postgres.js returns an array, PGlite `{ rows }` (the db package's rowsOf is internal). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
