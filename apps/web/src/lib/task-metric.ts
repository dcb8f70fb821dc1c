import { planFacts, primaryMetricOf, type PrimaryMetric } from "@orderbench/core/plan";
import { RunSpecSchema } from "@orderbench/core/spec";
import { parseTaskName } from "@orderbench/core/tasks";

/**
 * The metric a task's runs are judged by (core's primaryMetricOf): `exact_match` for arithmetic, `score` for
 * classification, `perplexity` (lower is better) for wikitext-2; exact match for a name that is no task.
 */
export { primaryMetricOf };

/** A text task (glue/<TASK>, toxic, goemotions, wikitext-2), whose data only a worker reads. */
export function isTextTaskName(task: string): boolean {
  try {
    return parseTaskName(task).kind !== "arithmetic";
  } catch {
    return false;
  }
}

/** The series of the metric's evaluations: `eval/<name>`. */
export function primarySeries(task: string): string {
  return `eval/${primaryMetricOf(task).name}`;
}

/** "higher is better" / "lower is better", for titles. */
export function directionLabel(metric: Pick<PrimaryMetric, "direction">): string {
  return metric.direction === "min" ? "lower is better" : "higher is better";
}

/**
 * Why a text task's strategies cannot differ (core planFacts: e.g. SST-2's one-token verbalizers under the
 * word tokenizer), from a stored RunSpec; null where they can, where only the data can tell, and for
 * arithmetic (whose answers have several characters to order).
 */
export function cannotDifferReason(runSpec: unknown): string | null {
  try {
    const spec = RunSpecSchema.parse(runSpec);
    if (parseTaskName(spec.task).kind === "arithmetic") return null;
    const facts = planFacts(spec);
    return facts.orderable === false ? facts.orderReason : null;
  } catch {
    return null;
  }
}
