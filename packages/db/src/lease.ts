import { sql, type SQL } from "drizzle-orm";

/** `now() + leaseSeconds`; fractional seconds allowed. */
export function leaseUntil(leaseSeconds: number): SQL<Date> {
  if (!Number.isFinite(leaseSeconds) || leaseSeconds <= 0) throw new RangeError(`leaseSeconds must be a positive number, got ${leaseSeconds}`);
  return sql<Date>`now() + (${leaseSeconds}::double precision * interval '1 second')`;
}
