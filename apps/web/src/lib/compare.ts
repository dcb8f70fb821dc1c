/**
 * The compare page's state lives in its URL (/compare?runs=a,b&view=strategies&baseline=a), so a
 * comparison can be shared and reloaded. Run ids are the API's UUIDs.
 */
export type CompareView = "runs" | "strategies";

/** Most runs one comparison holds (the API's metricSeries takes at most 100 runs per request). */
export const MAX_COMPARE_RUNS = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CompareState {
  runs: string[];
  view: CompareView;
  /** A run id (runs view) or a group key (strategies view), drawn dashed in black; null for none. */
  baseline: string | null;
}

export function parseCompare(params: URLSearchParams): CompareState {
  const runs: string[] = [];
  for (const part of (params.get("runs") ?? "").split(",")) {
    const id = part.trim().toLowerCase();
    if (UUID.test(id) && !runs.includes(id) && runs.length < MAX_COMPARE_RUNS) runs.push(id);
  }
  const view: CompareView = params.get("view") === "strategies" ? "strategies" : "runs";
  const baseline = params.get("baseline") || null;
  return { runs, view, baseline };
}

export function compareQuery(s: CompareState): string {
  const q = new URLSearchParams();
  if (s.runs.length) q.set("runs", s.runs.join(","));
  if (s.view !== "runs") q.set("view", s.view);
  if (s.baseline) q.set("baseline", s.baseline);
  return q.toString().replace(/%2C/g, ",");
}

/**
 * Okabe–Ito colours for runs in the order they were added (black is kept for the baseline); after six,
 * the colours repeat with a dash pattern, so up to 24 runs read apart.
 */
const RUN_COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7"];
const RUN_DASHES: (number[] | undefined)[] = [undefined, [6, 3], [2, 3], [10, 3, 2, 3]];

export function runStyle(index: number): { color: string; dash: number[] | undefined } {
  return { color: RUN_COLORS[index % RUN_COLORS.length] as string, dash: RUN_DASHES[Math.floor(index / RUN_COLORS.length) % RUN_DASHES.length] };
}

export const BASELINE_STYLE = { color: "#000000", dash: [8, 4], width: 2.5 };

/** A strategy group of the compare page: runs of one experiment and strategy (and grid values). */
export function groupKey(experimentId: string, strategy: string, gridLabel: string | null): string {
  return `${experimentId}|${strategy}|${gridLabel ?? ""}`;
}
