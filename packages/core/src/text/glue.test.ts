import { describe, expect, it } from "vitest";
import { GLUE_TASK_NAMES, GLUE_TASKS, classValue, parseGlueLabel, parseGlueTaskName } from "./glue";

describe("GLUE registry", () => {
  it("holds the nine tasks, one distinct verbalizer per class", () => {
    expect(GLUE_TASK_NAMES).toHaveLength(9);
    for (const name of GLUE_TASK_NAMES) {
      const spec = GLUE_TASKS[name];
      expect(spec.name).toBe(name);
      expect(spec.verbalizers).toHaveLength(spec.classes.length);
      expect(new Set(spec.verbalizers).size).toBe(spec.classes.length);
      expect(spec.metrics.length).toBeGreaterThan(0);
      if (spec.metrics.includes("f1")) expect(spec.positive).toBeDefined();
    }
    expect(GLUE_TASKS.rte.verbalizers).toEqual(["entailment", "not entailment"]);
    expect(GLUE_TASKS.mnli.evalSplits).toEqual(["dev_matched", "dev_mismatched"]);
  });
  it("parses task names as users and loaders write them", () => {
    expect(parseGlueTaskName("RTE")).toBe("rte");
    expect(parseGlueTaskName("glue/SST-2")).toBe("sst2");
    expect(parseGlueTaskName(" sts-b ")).toBe("stsb");
    expect(() => parseGlueTaskName("squad")).toThrow(/unknown GLUE task "squad"; GLUE tasks are CoLA, SST-2, MRPC, STS-B, QQP, MNLI, QNLI, RTE, WNLI/);
  });
});

describe("parseGlueLabel", () => {
  it("maps GLUE strings and Hugging Face ids to the same class", () => {
    expect(parseGlueLabel(GLUE_TASKS.rte, { label: "not_entailment" })).toEqual({ label: 1 });
    expect(parseGlueLabel(GLUE_TASKS.rte, { label: "1" })).toEqual({ label: 1 });
    expect(parseGlueLabel(GLUE_TASKS.mnli, { label: "contradiction" })).toEqual({ label: 2 });
    expect(parseGlueLabel(GLUE_TASKS.mnli, { label: " neutral " })).toEqual({ label: 1 });
    // WNLI files write 1 for entailment.
    expect(GLUE_TASKS.wnli.classes[parseGlueLabel(GLUE_TASKS.wnli, { label: "1" }).label]).toBe("entailment");
    expect(parseGlueLabel(GLUE_TASKS.cola, { label: "0" })).toEqual({ label: 0 });
  });
  it("names an unknown value, the valid ones and the record's file:line", () => {
    expect(() => parseGlueLabel(GLUE_TASKS.rte, { label: "maybe", origin: { file: "glue/RTE/dev.tsv", line: 17 } })).toThrow(
      'RTE: unknown label "maybe" at glue/RTE/dev.tsv:17; valid labels: 0, 1, entailment, not_entailment',
    );
    expect(() => parseGlueLabel(GLUE_TASKS.mnli, { label: "-" })).toThrow(/unknown label "-"; valid labels: 0, 1, 2, entailment, neutral, contradiction/);
    expect(() => parseGlueLabel(GLUE_TASKS.sst2, { label: "constructor" })).toThrow(/unknown label "constructor"/);
  });
  it("bins STS-B scores to the nearest integer, half up, and keeps the score", () => {
    const bin = (label: string) => parseGlueLabel(GLUE_TASKS.stsb, { label });
    expect(bin("0")).toEqual({ label: 0, score: 0 });
    expect(bin("2.49")).toEqual({ label: 2, score: 2.49 });
    expect(bin("2.5")).toEqual({ label: 3, score: 2.5 });
    expect(bin("5.000")).toEqual({ label: 5, score: 5 });
    expect(classValue(GLUE_TASKS.stsb, 3)).toBe(3);
    expect(() => parseGlueLabel(GLUE_TASKS.stsb, { label: "5.2", origin: { file: "dev.tsv", line: 3 } })).toThrow(
      'STS-B: label "5.2" at dev.tsv:3 is not a score from 0 to 5',
    );
    expect(() => bin("")).toThrow(/is not a score/);
    expect(() => bin("high")).toThrow(/is not a score/);
  });
});
