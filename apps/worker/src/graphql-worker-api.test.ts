import { describe, expect, it } from "vitest";
import { metricColumns } from "./graphql-worker-api";

describe("metricColumns", () => {
  it("turns a batch into one list per field, point i at index i", () => {
    const at = "2026-01-01T00:00:00.000Z";
    expect(metricColumns([{ name: "loss", step: 1, value: 2.5, wallTime: at }, { name: "lr", step: 1, value: 0.001, wallTime: at }])).toEqual({
      names: ["loss", "lr"],
      steps: [1, 1],
      values: [2.5, 0.001],
      wallTimes: [at, at],
    });
  });

  it("sends nonFinite only when a value needs it, null for the finite ones", () => {
    const at = "2026-01-01T00:00:00.000Z";
    const columns = metricColumns([
      { name: "loss", step: 7, value: null, nonFinite: "NAN", wallTime: at },
      { name: "lr", step: 7, value: 0.001, wallTime: at },
    ]);
    expect(columns.values).toEqual([null, 0.001]);
    expect(columns.nonFinite).toEqual(["NAN", null]);
  });
});
