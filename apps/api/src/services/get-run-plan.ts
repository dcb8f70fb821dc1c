import { planFacts, planRun, type PlanFacts, type RunPlan } from "@orderbench/core/plan";
import type { RunSpec } from "@orderbench/core/spec";
import { parseTaskName } from "@orderbench/core/tasks";
import { dataRequired } from "../errors";
import type { ServiceContext } from "./context";

const MAX_CACHED_PLANS = 256;

/**
 * planRun for a stored arithmetic run spec (pure core code, no TensorFlow.js): its permutation, MI table,
 * parameter count and step budget. Cached, least recently used evicted, since MI estimation takes a
 * moment. The run seed is left out of the key: a plan depends on the data seed only (the order is one per
 * task, METHOD.md), so the seeds of one strategy share one entry. A text task's plan needs its dataset,
 * which the API does not read: DATA_REQUIRED (getPlanFacts gives what is known without it).
 */
export function getRunPlan({ plans }: Pick<ServiceContext, "plans">, spec: RunSpec, field = "plan"): RunPlan {
  const ref = parseTaskName(spec.task);
  if (ref.kind !== "arithmetic") throw dataRequired(field, ref.name, `the plan's ${field === "plan" ? "order, vocabulary and size" : field}`);
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

/**
 * What is known of any run's plan without data: the task family, the primary metric and its direction,
 * and orderability where static rules decide it (core planFacts); from the cached plan for arithmetic.
 */
export function getPlanFacts(ctx: Pick<ServiceContext, "plans">, spec: RunSpec): PlanFacts {
  const ref = parseTaskName(spec.task);
  if (ref.kind !== "arithmetic") return planFacts(spec);
  const plan = getRunPlan(ctx, spec);
  return { ref, metric: plan.metric, orderable: plan.orderable, orderReason: plan.orderReason };
}
