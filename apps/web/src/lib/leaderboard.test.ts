import { describe, expect, it } from "vitest";
import type { LeaderboardFieldsFragment } from "@/gql/graphql";
import { formatDelta, formatMetric } from "./format";
import { bestRows, latexEscape, leaderboardCsv, leaderboardJson, leaderboardLatex, type LeaderboardRow } from "./leaderboard";

const row = (over: Partial<LeaderboardRow>): LeaderboardRow => ({
  strategy: "plain",
  configId: "c1",
  configLabel: "",
  config: { estimator: "plugin-joint-k", optimizer: { lr: 0.001 }, batchSize: 64 },
  estimator: "plugin-joint-k",
  lr: 0.001,
  batchSize: 64,
  n: 2,
  mean: 0.5,
  std: 0.1,
  min: 0.4,
  max: 0.6,
  best: 0.7,
  runIds: ["a", "b"],
  vsBaseline: null,
  convergence: [
    { threshold: 0.5, meanSteps: 100, reached: 2 },
    { threshold: 0.9, meanSteps: null, reached: 0 },
  ],
  ...over,
});

describe("bestRows", () => {
  it("marks the best mean per configuration, higher for accuracy and lower for loss", () => {
    const rows = [row({ strategy: "plain", mean: 0.5 }), row({ strategy: "max-mi", mean: 0.8 }), row({ strategy: "plain", configId: "c2", mean: 0.3 })];
    expect([...bestRows(rows, "max")]).toEqual([1, 2]);
    expect([...bestRows(rows, "min")]).toEqual([0, 2]);
  });
});

describe("leaderboardCsv", () => {
  it("writes raw values, one column pair per threshold, and quotes what needs it", () => {
    const board: LeaderboardFieldsFragment = {
      task: "mul:2",
      preset: "nanogpt",
      metric: "exact_match",
      direction: "max",
      baseline: "plain",
      curve: "eval/exact_match",
      thresholds: [0.5, 0.9],
      missingMetric: 0,
      rows: [row({}), row({ strategy: 'max,"mi"', std: null, vsBaseline: { n: 2, mean: 0.2, std: 0, ciLow: 0.1, ciHigh: 0.3 } })],
    };
    const lines = leaderboardCsv(board).trimEnd().split("\n");
    expect(lines[0]).toBe(
      "task,preset,metric,direction,strategy,configuration,estimator,lr,batch_size,n,mean,std,min,max,best,delta_vs_plain,delta_n,ci95_low,ci95_high,steps_to_0.5,reached_0.5,steps_to_0.9,reached_0.9,run_ids",
    );
    expect(lines[1]).toBe("mul:2,nanogpt,exact_match,max,plain,,plugin-joint-k,0.001,64,2,0.5,0.1,0.4,0.6,0.7,,,,,100,2,,0,a b");
    expect(lines[2]).toContain('"max,""mi"""');
    expect(lines[2]).toContain(",0.2,2,0.1,0.3,");
  });
});

const board = (over: Partial<LeaderboardFieldsFragment> = {}): LeaderboardFieldsFragment => ({
  task: "mul:2",
  preset: "nanogpt",
  metric: "exact_match",
  direction: "max",
  baseline: "plain",
  curve: "eval/exact_match",
  thresholds: [0.5, 0.9],
  missingMetric: 0,
  rows: [
    row({ strategy: "plain", mean: 0.5, std: 0.1 }),
    row({ strategy: "max-mi", mean: 0.8, std: 0.05, vsBaseline: { n: 2, mean: 0.3, std: 0.02, ciLow: 0.12, ciHigh: 0.48 }, convergence: [{ threshold: 0.5, meanSteps: 1234.4, reached: 2 }, { threshold: 0.9, meanSteps: null, reached: 0 }] }),
    row({ strategy: "reverse", mean: 0.4, std: null, n: 1, vsBaseline: { n: 1, mean: -0.1, std: null, ciLow: null, ciHigh: null } }),
  ],
  ...over,
});

describe("leaderboardLatex", () => {
  it("writes a booktabs table: percentages, the best mean bold, Δ with its CI, steps to each threshold", () => {
    const tex = leaderboardLatex(board());
    const lines = tex.split("\n");
    expect(lines).toContain("\\begin{tabular}{lrrrrr}");
    expect(lines).toContain("Strategy & $n$ & exact\\_match (\\%) & $\\Delta$ vs plain (pp) [95\\% CI] & Steps to 50\\% & Steps to 90\\% \\\\");
    expect(lines).toContain("plain & 2 & 50.0 $\\pm$ 10.0 & baseline & 100 (2/2) & -- (0/2) \\\\");
    expect(lines).toContain("max-mi & 2 & \\textbf{80.0 $\\pm$ 5.0} & +30.0 [+12.0, +48.0] & 1{,}234 (2/2) & -- (0/2) \\\\");
    expect(lines).toContain("reverse & 1 & 40.0 & $-$10.0 & 100 (2/1) & -- (0/1) \\\\");
    expect(tex).toContain("\\caption{mul:2 on nanogpt: final exact\\_match");
  });

  it("adds a configuration column, labelled by what differs, when the rows come from several configurations, and escapes LaTeX", () => {
    const rows = [row({ strategy: "plain", mean: 1.5, configLabel: "optimizer.lr 0.001" }), row({ strategy: "plain", configId: "c2", configLabel: "optimizer.lr 0.01", mean: 1.25 })];
    const tex = leaderboardLatex(board({ metric: "loss", direction: "min", rows }));
    expect(tex).toContain("\\begin{tabular}{llrrrrr}");
    expect(tex).toContain("plain & optimizer.lr 0.01 & ");
    expect(tex).toContain("\\textbf{1.500 $\\pm$ 0.100}");
    expect(latexEscape("a_b & 50% #1 {x} ~^\\")).toBe("a\\_b \\& 50\\% \\#1 \\{x\\} \\textasciitilde{}\\textasciicircum{}\\textbackslash{}");
  });
});

describe("leaderboardJson", () => {
  it("is the leaderboard without __typename", () => {
    // urql adds __typename to what it returns; the file leaves it out.
    const parsed = JSON.parse(leaderboardJson({ ...board(), __typename: "Leaderboard", rows: board().rows.map((r) => ({ ...r, __typename: "LeaderboardRow" })) } as LeaderboardFieldsFragment));
    expect(parsed).not.toHaveProperty("__typename");
    expect(parsed.rows[0]).not.toHaveProperty("__typename");
    expect(parsed.rows[1]).toMatchObject({ strategy: "max-mi", mean: 0.8, vsBaseline: { ciLow: 0.12 } });
  });
});

describe("format", () => {
  it("shows fractions as percentages and differences as percentage points", () => {
    expect(formatMetric("exact_match", 0.5)).toBe("50.00%");
    expect(formatMetric("eval/exact_match", null)).toBe("—");
    expect(formatMetric("loss", 1.23456)).toBe("1.2346");
    expect(formatDelta("exact_match", 0.123)).toBe("+12.30 pp");
    expect(formatDelta("exact_match", -0.05)).toBe("-5.00 pp");
  });
});
