/**
 * Downloads the dashboard offers: an experiment's runs with their curves as one JSON document. Curves are
 * the API's downsampled series (per bucket the minimum, maximum and last point; `total` says how many
 * points are stored), the same the charts draw.
 */
export const EXPORT_FORMAT = "orderbench.experiment/1";

export interface ExportCurve {
  runId: string;
  name: string;
  total: number;
  points: readonly { step: number; value: number | null }[];
}

export interface ExportRun {
  id: string;
  gridIndex: number;
  strategy: string;
  seed: number;
  status: string;
  step: number;
  attempt: number;
  diverged: boolean;
  error?: string | null;
  finalMetrics?: unknown;
  bestMetric?: number | null;
  bestStep?: number | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  spec: unknown;
}

export interface ExportExperiment {
  id: string;
  name: string;
  task: string;
  status: string;
  tags: readonly string[];
  owner?: string | null;
  notes?: string | null;
  createdAt: string;
  spec: unknown;
}

export function experimentExport(experiment: ExportExperiment, runs: readonly ExportRun[], curves: readonly ExportCurve[], opts: { maxPoints: number; exportedAt: string }) {
  const byRun = new Map<string, Record<string, { total: number; steps: number[]; values: (number | null)[] }>>();
  for (const c of curves) {
    let named = byRun.get(c.runId);
    if (!named) byRun.set(c.runId, (named = {}));
    named[c.name] = { total: c.total, steps: c.points.map((p) => p.step), values: c.points.map((p) => p.value) };
  }
  return {
    format: EXPORT_FORMAT,
    exportedAt: opts.exportedAt,
    curves: `each series downsampled by the API to at most ${opts.maxPoints} points (per bucket its minimum, maximum and last point); total is the number stored; null values were NaN or infinite`,
    experiment: {
      id: experiment.id,
      name: experiment.name,
      task: experiment.task,
      status: experiment.status,
      tags: [...experiment.tags],
      owner: experiment.owner ?? null,
      notes: experiment.notes ?? null,
      createdAt: experiment.createdAt,
      spec: experiment.spec,
    },
    runs: [...runs]
      .sort((a, b) => a.gridIndex - b.gridIndex)
      .map((r) => ({
        id: r.id,
        gridIndex: r.gridIndex,
        strategy: r.strategy,
        seed: r.seed,
        status: r.status,
        step: r.step,
        attempt: r.attempt,
        diverged: r.diverged,
        error: r.error ?? null,
        finalMetrics: r.finalMetrics ?? null,
        bestMetric: r.bestMetric ?? null,
        bestStep: r.bestStep ?? null,
        startedAt: r.startedAt ?? null,
        finishedAt: r.finishedAt ?? null,
        spec: r.spec,
        curves: byRun.get(r.id) ?? {},
      })),
  };
}

/** Saves text as a file through a temporary link (the browser's download). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name part from free text: letters, digits, dots and dashes. */
export function fileSlug(s: string): string {
  return s.trim().toLowerCase().replace(/[^a-z0-9.]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "export";
}
