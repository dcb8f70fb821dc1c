/** Display helpers shared by the pages. */

/** Metrics that are fractions in [0, 1] and read best as percentages. */
export function isFractionMetric(name: string): boolean {
  return /(^|\/)(exact_match|token_accuracy|accuracy|position_\d+_accuracy)$/.test(name);
}

/** Lower is better for losses and perplexities, higher for everything else the worker reports. */
export function lowerIsBetter(name: string): boolean {
  return /(loss|perplexity)$/.test(name);
}

export function formatMetric(metric: string, value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return isFractionMetric(metric) ? `${(value * 100).toFixed(digits)}%` : value.toFixed(digits + 2);
}

/** A difference of the metric: percentage points for fractions. */
export function formatDelta(metric: string, value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const v = isFractionMetric(metric) ? value * 100 : value;
  const s = v.toFixed(isFractionMetric(metric) ? digits : digits + 2);
  return `${v > 0 ? "+" : v < 0 ? "" : "±"}${s}${isFractionMetric(metric) ? " pp" : ""}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "3 min ago"-style age of an ISO time, relative to `now` (ms since the epoch). */
export function formatAge(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

/** A stable, locale-independent timestamp (server and browser render the same text). */
export function formatTime(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
}
