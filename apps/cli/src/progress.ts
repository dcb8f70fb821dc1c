import cliProgress from "cli-progress";

/**
 * Training progress bars (cli-progress): step, loss, the run's primary metric (exact-match accuracy,
 * a classification score or perplexity), tokens/s and ETA. On a non-TTY (CI logs) cli-progress prints
 * the line every few seconds instead of redrawing.
 */
export const BAR_FORMAT = "{label} {bar} {value}/{total} | loss {loss} | {metric} | {tps} tok/s | ETA {eta_formatted}";

export function createMultiBar(): cliProgress.MultiBar {
  return new cliProgress.MultiBar(
    {
      format: BAR_FORMAT,
      barsize: 20,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      emptyOnZero: true,
    },
    cliProgress.Presets.shades_classic,
  );
}

export interface BarPayload {
  label: string;
  loss: string;
  metric: string;
  tps: string;
}

/** `metric` is the primary metric as barMetric (metric-format.ts) shows it; exact match by default. */
export function payload(label: string, p: { loss?: number; metric?: string; tps?: number }): BarPayload {
  return {
    label,
    loss: p.loss === undefined ? "  -   " : p.loss.toFixed(4),
    metric: p.metric ?? "acc   -  ",
    tps: p.tps === undefined ? "-" : Math.round(p.tps).toLocaleString("en-US"),
  };
}
