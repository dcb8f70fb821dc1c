/** PostgreSQL's wire protocol counts bind parameters in an Int16: at most 65,535 per statement. */
export const MAX_BIND_PARAMETERS = 65_535;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
