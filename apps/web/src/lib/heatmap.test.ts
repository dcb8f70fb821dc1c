import { estimateMI } from "@orderbench/core/mi";
import { buildPermutation } from "@orderbench/core/ordering";
import { createTask, parseTaskName } from "@orderbench/core/tasks";
import { describe, expect, it } from "vitest";
import { impliedOrder, miRows, normalize, rankIn, readPositions, textOn, valueRange, viridis } from "./heatmap";

describe("miRows", () => {
  it("gives plugin-pairwise its score, sum and max rows, positions in plain order", () => {
    const table = {
      estimator: "plugin-pairwise",
      positions: [
        { position: 1, entropy: 2, score: 0.4, sum: 0.4, max: 0.3, sources: [0] },
        { position: 0, entropy: 1, score: 0.1, sum: 0.1, max: 0.05, sources: [2] },
      ],
    };
    const rows = miRows(table, "analysis");
    expect(rows.map((r) => r.aggregation)).toEqual(["score", "sum", "max"]);
    expect(rows[0]?.values).toEqual([0.1, 0.4]);
    expect(rows[2]?.values).toEqual([0.05, 0.3]);
    expect(rows[2]?.sources).toEqual([[2], [0]]);
    expect(rows[0]?.sources).toBeUndefined();
    expect(miRows(table, "analysis", { withEntropy: true }).at(-1)).toMatchObject({ aggregation: "entropy", values: [1, 2] });
  });

  it("gives a table without sum and max only its score, and nothing for a malformed table", () => {
    const rows = miRows({ estimator: "probe", positions: [{ position: 0, entropy: 1, score: 0.2 }] }, "x");
    expect(rows.map((r) => r.aggregation)).toEqual(["score"]);
    expect(miRows({ positions: "nope" }, "x")).toEqual([]);
    expect(readPositions(null)).toEqual([]);
  });

  it("reads core's own MiTable, and its score row implies the order max-mi trains with", () => {
    const task = createTask(parseTaskName("mul:2"), { trainSize: 400, testSize: 1, dataSeed: 0 });
    const table = estimateMI(task.train, { estimator: "plugin-joint-k", vocabSize: task.vocab.size, k: 2, seed: 0 });
    const [score] = miRows(JSON.parse(JSON.stringify(table)), "core");
    expect(score?.values).toHaveLength(task.targetLength);
    expect(impliedOrder(score?.values ?? [])).toEqual(buildPermutation({ strategy: "max-mi", targetLength: task.targetLength, scores: table.scores, seed: 0 }));
  });
});

describe("scale", () => {
  it("spans the rows' values and maps them to 0…1", () => {
    const range = valueRange([{ values: [null, 2, 4] }, { values: [1] }]);
    expect(range).toEqual([1, 4]);
    expect(normalize(1, range)).toBe(0);
    expect(normalize(4, range)).toBe(1);
    expect(normalize(2.5, range)).toBe(0.5);
    expect(normalize(3, [3, 3])).toBe(0.5);
    expect(valueRange([{ values: [null] }])).toEqual([0, 0]);
  });

  it("runs from viridis' dark purple to its yellow, with readable text on both ends", () => {
    expect(viridis(0)).toBe("rgb(68, 1, 84)");
    expect(viridis(1)).toBe("rgb(253, 231, 37)");
    expect(viridis(-1)).toBe(viridis(0));
    expect(textOn(0)).toBe("#ffffff");
    expect(textOn(1)).toBe("#000000");
  });
});

describe("orders", () => {
  it("orders by decreasing value, leftmost first on ties, and none with a gap", () => {
    expect(impliedOrder([0.1, 0.5, 0.5, 0.2])).toEqual([1, 2, 3, 0]);
    expect(impliedOrder([0.1, null])).toBeNull();
    expect(rankIn([2, 0, 1], 0)).toBe(1);
  });
});
