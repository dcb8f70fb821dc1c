/**
 * graphql-ws re-sends a subscription's payload object after it reconnects. For `runMetrics` the exchange
 * moves that payload's `sinceStep` forward as batches arrive, so a resumed stream starts where the last one
 * stopped instead of replaying the run. It resumes from the step before the last one seen, because other
 * metrics of that step may still have been on their way (docs/api.md); the series store drops the repeats.
 */
export interface ResumablePayload {
  operationName?: string | null;
  variables: Record<string, unknown>;
}

export function advanceResumePoint(payload: ResumablePayload, data: unknown): void {
  if (payload.operationName !== "RunMetrics") return;
  const points = (data as { runMetrics?: { points?: { step: number }[] } } | null | undefined)?.runMetrics?.points;
  if (!points || points.length === 0) return;
  let last = -Infinity;
  for (const p of points) last = Math.max(last, p.step);
  const since = last - 1;
  const current = payload.variables.sinceStep;
  if (typeof current !== "number" || since > current) payload.variables.sinceStep = since;
}
