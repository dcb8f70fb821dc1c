import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerWidth, createArithmeticTask } from "./arithmetic";
import { parseTaskName } from "./index";

describe("arithmetic tasks", () => {
  it("formats zero-padded operands and fixed-width answers (35*07=0245)", () => {
    const task = createArithmeticTask({ op: "mul", digits: 2, trainSize: 10_000, testSize: 0, seed: 0 });
    const lines = new Set(task.train.map((e) => task.format(e.source, e.target)));
    expect(lines.has("35*07=0245")).toBe(true);
    expect(lines.has("99*99=9801")).toBe(true);
    expect(task.sourceLength).toBe(5);
    expect(task.targetLength).toBe(4);
  });

  it("computes every answer correctly, with a sign for subtraction", () => {
    fc.assert(
      fc.property(fc.constantFrom("add", "sub", "mul" as const), fc.integer({ min: 1, max: 5 }), fc.nat(1000), (op, digits, seed) => {
        const task = createArithmeticTask({ op, digits, trainSize: 30, testSize: 10, seed });
        for (const ex of [...task.train, ...task.test]) {
          const text = task.format(ex.source, ex.target);
          const m = /^(\d+)([+*-])(\d+)=([+-]?\d+)$/.exec(text);
          expect(m).not.toBeNull();
          const [, a, , b, ans] = m as RegExpExecArray;
          const x = Number(a);
          const y = Number(b);
          const want = op === "add" ? x + y : op === "sub" ? x - y : x * y;
          expect(Number(ans)).toBe(want);
          expect(ex.target).toHaveLength(answerWidth(op, digits));
          expect(a).toHaveLength(digits);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("keeps train and test disjoint, sized by the spec, and repeatable from the seed", () => {
    for (const digits of [1, 2, 3]) {
      const spec = { op: "add" as const, digits, trainSize: 5000, testSize: 500, seed: 9 };
      const task = createArithmeticTask(spec);
      const key = (e: { source: number[] }) => e.source.join(",");
      const train = new Set(task.train.map(key));
      expect(task.test.some((e) => train.has(key(e)))).toBe(false);
      const space = 10 ** (2 * digits);
      expect(task.train.length + task.test.length).toBe(Math.min(space, 5500));
      expect(train.size).toBe(task.train.length);
      expect(createArithmeticTask(spec).train).toEqual(task.train);
    }
    // A space smaller than asked is used whole: 1-digit addition has 100 pairs.
    const small = createArithmeticTask({ op: "add", digits: 1, trainSize: 1000, testSize: 20, seed: 0 });
    expect(small.test).toHaveLength(20);
    expect(small.train).toHaveLength(80);
  });

  it("parses task names and rejects bad ones with the valid forms", () => {
    expect(parseTaskName("mul:2")).toEqual({ kind: "arithmetic", name: "mul:2", op: "mul", digits: 2 });
    expect(() => parseTaskName("div:2")).toThrow(/unknown task "div:2".*add:N, sub:N, mul:N/);
    expect(() => parseTaskName("add:6")).toThrow(/digits 6 out of range.*1 to 5/);
    expect(() => createArithmeticTask({ op: "add", digits: 0, trainSize: 1, testSize: 1, seed: 0 })).toThrow(/1 to 5/);
  });
});
