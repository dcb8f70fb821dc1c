import type { RunPlan } from "@orderbench/core/plan";
import type { RunSpec } from "@orderbench/core/spec";
import type { BackendInfo } from "@orderbench/engine/backend";
import type { TrainResult } from "@orderbench/engine/train";

/** What a result must carry (METHOD.md), as printed by `train --json` and collected by `compare`. */
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
  final: { exactMatch: number; tokenAccuracy: number; positionAccuracy: number[]; loss: number } | null;
  best: { exactMatch: number; step: number } | null;
  curve: { step: number; exactMatch: number; tokenAccuracy: number; loss: number }[];
}

export function runSummary(spec: RunSpec, plan: RunPlan, r: TrainResult, backend: BackendInfo): RunSummary {
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
    final: r.final && {
      exactMatch: r.final.exactMatch,
      tokenAccuracy: r.final.tokenAccuracy,
      positionAccuracy: r.final.positionAccuracy,
      loss: r.final.loss,
    },
    best: r.best && { exactMatch: r.best.value, step: r.best.step },
    curve: r.evals.map((e) => ({ step: e.step, exactMatch: e.exactMatch, tokenAccuracy: e.tokenAccuracy, loss: e.loss })),
  };
}
