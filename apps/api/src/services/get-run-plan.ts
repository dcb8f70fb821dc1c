import { planRun, type RunPlan } from "@orderbench/core/plan";
import type { RunSpec } from "@orderbench/core/spec";
import type { ServiceContext } from "./context";

const MAX_CACHED_PLANS = 256;

/**
 * planRun for a stored run spec (pure core code, no TensorFlow.js): its permutation, MI table, parameter
 * count and step budget. Cached, least recently used evicted, since MI estimation takes a moment. The run
 * seed is left out of the key: a plan depends on the data seed only (the order is one per task, METHOD.md),
 * so the seeds of one strategy share one entry.
 */
export function getRunPlan({ plans }: Pick<ServiceContext, "plans">, spec: RunSpec): RunPlan {
  const { seed: _seed, ...planned } = spec;
  const key = JSON.stringify(planned);
  const hit = plans.get(key);
  if (hit) {
    plans.delete(key);
    plans.set(key, hit);
    return hit;
  }
  const plan = planRun(spec);
  plans.set(key, plan);
  if (plans.size > MAX_CACHED_PLANS) plans.delete(plans.keys().next().value as string);
  return plan;
}
