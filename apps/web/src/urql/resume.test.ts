import { describe, expect, it } from "vitest";
import { advanceResumePoint } from "./resume";

describe("advanceResumePoint", () => {
  it("moves runMetrics' sinceStep to the step before the last one received, never backwards", () => {
    const payload = { operationName: "RunMetrics", variables: { runId: "r", sinceStep: null as number | null } };
    advanceResumePoint(payload, { runMetrics: { points: [{ step: 3 }, { step: 5 }, { step: 5 }] } });
    expect(payload.variables.sinceStep).toBe(4);
    advanceResumePoint(payload, { runMetrics: { points: [{ step: 2 }] } });
    expect(payload.variables.sinceStep).toBe(4);
    advanceResumePoint(payload, { runMetrics: { points: [] } });
    expect(payload.variables.sinceStep).toBe(4);
  });

  it("leaves other subscriptions alone", () => {
    const payload = { operationName: "RunUpdated", variables: { sinceStep: 1 } };
    advanceResumePoint(payload, { runMetrics: { points: [{ step: 9 }] } });
    expect(payload.variables.sinceStep).toBe(1);
  });
});
