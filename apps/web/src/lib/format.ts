/** Display helpers shared by the pages. */
import { metricDirection } from "@orderbench/core/plan";

/**
 * Metrics that are fractions (or correlations) and read best as percentages, GLUE's points: the decode
 * metrics and a text task's (docs/method.md, "Evaluation metrics"), `eval/`-prefixed or not.
 */
export function isFractionMetric(name: string): boolean {
  return /(^|\/)(exact_match|token_accuracy|accuracy|position_\d+_accuracy|score|micro_f1|macro_f1|exact_set_match|mcc|pearson|spearman|unrecognised|f1)$/.test(name) || /(^|\/)f1\/[^/]+$/.test(name);
}

/** Lower is better for losses and perplexities, higher for everything else the worker reports (core metricDirection). */
export function lowerIsBetter(name: string): boolean {
  return metricDirection(name) === "min";
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

/** A size in bytes, in binary units (KiB, MiB) as `ls -h` shows them. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "—";
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** A duration between two ISO times, e.g. "2 min 05 s"; null when either is missing. */
export function formatDuration(fromIso: string | null | undefined, toIso: string | null | undefined): string | null {
  if (!fromIso || !toIso) return null;
  const s = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  if (!Number.isFinite(s)) return null;
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}
