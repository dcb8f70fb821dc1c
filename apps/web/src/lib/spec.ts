/**
 * What the dashboard reads from a stored ExperimentSpec or RunSpec (JSON in the schema). The API stores the
 * spec validated with core's zod schema and defaults filled in, so the fields are there; these readers
 * still check types so a malformed value shows as "—" rather than breaking a page.
 */
export interface SpecSummary {
  strategies: string[];
  seeds: number[];
  preset: string | null;
  steps: number | null;
  tokens: number | null;
  batchSize: number | null;
  lr: number | null;
  estimator: string | null;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

export function summarizeSpec(spec: unknown): SpecSummary {
  const s = obj(spec);
  const budget = obj(s.budget);
  return {
    strategies: Array.isArray(s.strategies) ? s.strategies.filter((x): x is string => typeof x === "string") : [],
    seeds: Array.isArray(s.seeds) ? s.seeds.filter((x): x is number => typeof x === "number") : [],
    preset: str(obj(s.model).preset),
    steps: num(budget.steps),
    tokens: num(budget.tokens),
    batchSize: num(s.batchSize),
    lr: num(obj(s.optimizer).lr),
    estimator: str(s.estimator),
  };
}

/** The grid values of a run that its strategy and seed do not show (learning rate, batch size). */
export function runGridLabel(runSpec: unknown, experimentSpec: unknown): string | null {
  const grid = obj(obj(experimentSpec).grid);
  const run = obj(runSpec);
  const parts: string[] = [];
  if (Array.isArray(grid.lr) && grid.lr.length > 1) parts.push(`lr ${num(obj(run.optimizer).lr) ?? "?"}`);
  if (Array.isArray(grid.batchSize) && grid.batchSize.length > 1) parts.push(`batch ${num(run.batchSize) ?? "?"}`);
  return parts.length ? parts.join(", ") : null;
}
