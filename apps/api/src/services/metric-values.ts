/**
 * JSON, and so GraphQL's Float, cannot carry NaN or ±Infinity. A metric value travels as `value` when
 * finite, else as `value: null` plus `nonFinite`, and is stored as the double it is.
 */
export const NON_FINITE = ["NAN", "POSITIVE_INFINITY", "NEGATIVE_INFINITY"] as const;
export type NonFinite = (typeof NON_FINITE)[number];

export function fromWire(value: number | null | undefined, nonFinite: NonFinite | null | undefined): number | undefined {
  if (nonFinite === "NAN") return Number.NaN;
  if (nonFinite === "POSITIVE_INFINITY") return Number.POSITIVE_INFINITY;
  if (nonFinite === "NEGATIVE_INFINITY") return Number.NEGATIVE_INFINITY;
  return value ?? undefined;
}

export function toWire(value: number): { value: number | null; nonFinite: NonFinite | null } {
  if (Number.isFinite(value)) return { value, nonFinite: null };
  if (Number.isNaN(value)) return { value: null, nonFinite: "NAN" };
  return { value: null, nonFinite: value > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY" };
}

/** A stored point as the API returns it. */
export interface MetricPointOut {
  name: string;
  step: number;
  value: number | null;
  nonFinite: NonFinite | null;
  wallTime: Date;
}

export function pointOut(name: string, p: { step: number; value: number; wallTime: Date }): MetricPointOut {
  return { name, step: p.step, ...toWire(p.value), wallTime: p.wallTime };
}
