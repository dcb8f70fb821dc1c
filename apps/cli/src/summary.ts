import type { PrimaryMetric, RunPlan } from "@orderbench/core/plan";
import type { RunSpec } from "@orderbench/core/spec";
import type { BackendInfo } from "@orderbench/engine/backend";
import type { TrainResult } from "@orderbench/engine/train";

/**
 * What a result must carry (METHOD.md), as printed by `train --json` and collected by `compare`. The
 * primary-metric fields (`metric`, `final.primary`, `best.value`, `curve[].primary`) are absent from
 * files written before text tasks, whose metric is exact match: readers fall back to it (report.ts).
 * Generation runs decode nothing: their exact-match fields are NaN, written as null in JSON.
 */
export interface RunSummary {
  task: string;
  preset: string;
  numParams: number;
  strategy: string;
  permutation: number[];
  estimator: string;
  seed: number;
  status: TrainResult["status"];
  steps: number;
  tokens: number;
  wallMs: number;
  backend: string;
  device: string;
  metric?: PrimaryMetric;
  orderable?: boolean;
  orderReason?: string;
  final: {
    exactMatch: number;
    tokenAccuracy: number;
    positionAccuracy: number[];
    loss: number;
    primary?: number;
    /** Every metric of the last evaluation by its stored name (EvalSummary.metrics). */
    metrics?: Record<string, number>;
  } | null;
  /** Best primary metric in its direction; `exactMatch` repeats it for exact-match runs (and is all older files have). */
  best: { value?: number; exactMatch?: number; step: number } | null;
  curve: { step: number; exactMatch: number; tokenAccuracy: number; loss: number; primary?: number }[];
}

export function runSummary(spec: RunSpec, plan: RunPlan, r: TrainResult, backend: BackendInfo): RunSummary {
  const exact = plan.metric.name === "exact_match";
  return {
    task: spec.task,
    preset: spec.model.preset,
    numParams: plan.numParams,
    strategy: spec.strategy,
    permutation: plan.permutation,
    estimator: spec.estimator,
    seed: spec.seed,
    status: r.status,
    steps: r.step,
    tokens: r.tokens,
    wallMs: Math.round(r.elapsedMs),
    backend: backend.name,
    device: backend.device,
    metric: plan.metric,
    orderable: plan.orderable,
    orderReason: plan.orderReason,
    final: r.final && {
      exactMatch: r.final.exactMatch,
      tokenAccuracy: r.final.tokenAccuracy,
      positionAccuracy: r.final.positionAccuracy,
      loss: r.final.loss,
      primary: r.final.primary,
      metrics: r.final.metrics,
    },
    best: r.best && { value: r.best.value, ...(exact ? { exactMatch: r.best.value } : {}), step: r.best.step },
    curve: r.evals.map((e) => ({ step: e.step, exactMatch: e.exactMatch, tokenAccuracy: e.tokenAccuracy, loss: e.loss, primary: e.primary })),
  };
}
