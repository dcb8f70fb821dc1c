/**
 * Most bind parameters one statement may carry on every driver we run: PostgreSQL's protocol counts them in
 * an Int16 (65,535), postgres.js 3.4 refuses 65,534 or more, and PGlite 0.3 fails from 32,768 on (a RangeError
 * "Invalid array length" in its protocol parser, as if the count were a signed Int16), after which we saw the
 * in-process connection answer later queries out of step. Batches are split to stay at or under this.
 */
export const MAX_BIND_PARAMETERS = 32_767;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
