import { describe, expect, it } from "vitest";
import { createArithmeticTask } from "@orderbench/core/tasks";
import { BatchSampler, encodeExamples } from "./data";

describe("encodeExamples", () => {
  const task = createArithmeticTask({ op: "add", digits: 2, trainSize: 10_000, testSize: 0, seed: 0 });
  const ex = task.train.find((e) => task.format(e.source, e.target) === "35+07=042");
  const text = (ids: ArrayLike<number>) => Array.from(ids, (i) => task.vocab.token(i)).join("");

  it("feeds source, separator and the target in the strategy's order, and scores the target span", () => {
    expect(ex).toBeDefined();
    const plain = encodeExamples(task, [ex!], [0, 1, 2]);
    expect(text(plain.inputs)).toBe("35+07=04");
    expect(text(plain.targets)).toBe("042");
    const reverse = encodeExamples(task, [ex!], [2, 1, 0]);
    expect(text(reverse.inputs)).toBe("35+07=24");
    expect(text(reverse.targets)).toBe("240");
    // The logit at the separator predicts the first target token.
    expect(reverse.targetOffset).toBe(5);
    expect(text([reverse.inputs[reverse.targetOffset] as number])).toBe("=");
  });
});

describe("BatchSampler", () => {
  const task = createArithmeticTask({ op: "add", digits: 1, trainSize: 10, testSize: 0, seed: 0 });
  const set = encodeExamples(task, task.train, [0, 1]);

  it("visits every row once per epoch and resumes from its cursor", () => {
    const a = new BatchSampler(set, 1);
    const epoch = a.next(10).inputs;
    const rows = new Set(Array.from({ length: 10 }, (_, i) => Array.from(epoch.subarray(i * set.blockSize, (i + 1) * set.blockSize)).join(",")));
    expect(rows.size).toBe(10);
    a.next(7);
    const resumed = new BatchSampler(set, 1, { ...a.cursor });
    expect(resumed.next(9)).toEqual(a.next(9));
  });
});
