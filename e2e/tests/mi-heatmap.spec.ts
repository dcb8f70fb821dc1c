import { expect, test, TINY } from "../fixtures";

type Position = { position: number; score: number; sum: number | null; max: number | null };

test("MI heatmap: the experiment's table and the task's per estimator, values on hover, scales, implied orders", async ({ page, shot, stack }) => {
  const { createExperiment } = await stack.gql<{ createExperiment: { id: string; runs: { id: string }[] } }>(
    `mutation($spec: JSON!) { createExperiment(input: { spec: $spec }) { id runs { id } } }`,
    {
      spec: {
        name: "e2e: MI heatmap",
        task: "mul:2",
        strategies: ["max-mi"],
        seeds: 1,
        budget: { steps: 20 },
        batchSize: 16,
        model: { nLayer: 1, nHead: 2, nEmbd: 16 },
        data: { trainSize: 400, testSize: Number(TINY.testSize) },
      },
    },
  );
  const runId = createExperiment.runs[0]?.id as string;
  const { run } = await stack.gql<{ run: { plan: { permutation: number[]; miTable: { positions: Position[] } } } }>(`query($id: ID!) { run(id: $id) { plan { permutation miTable } } }`, { id: runId });
  const { miAnalysis } = await stack.gql<{ miAnalysis: { positions: Position[] } }>(`{ miAnalysis(task: "mul:2", estimator: "plugin-pairwise", k: 2, dataSeed: 0) { positions { position score sum max } } }`);
  const width = run.plan.permutation.length;

  await page.goto(`/experiments/${createExperiment.id}`);
  const rows = page.getByTestId("mi-row");
  // The experiment's own table (plugin-joint-k: its score), then the task's: plugin-pairwise (score, Σ, max), plugin-joint-k.
  await expect(rows).toHaveCount(5, { timeout: 60_000 });
  const row = (key: string) => page.locator(`[data-testid="mi-row"][data-row="${key}"]`);
  const values = (key: string) => row(key).getByTestId("mi-cell").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-value"))));
  const byPosition = (ps: Position[], k: keyof Position) => [...ps].sort((a, b) => a.position - b.position).map((p) => p[k]);

  const experiment = "experiment|plugin-joint-k|score";
  expect(await values(experiment)).toEqual(byPosition(run.plan.miTable.positions, "score"));
  // max-mi trains in the order the row implies.
  await expect(row(experiment).getByTestId("mi-order")).toHaveText(run.plan.permutation.map((p) => `y${p}`).join(" "));
  expect(await values("task|plugin-pairwise|sum")).toEqual(byPosition(miAnalysis.positions, "sum"));
  expect(await values("task|plugin-pairwise|max")).toEqual(byPosition(miAnalysis.positions, "max"));
  await expect(row("task|plugin-pairwise|score").getByTestId("mi-cell")).toHaveCount(width);

  // Per-row scale: each row's largest value is viridis' yellow end.
  const scores = await values(experiment);
  const top = scores.indexOf(Math.max(...scores));
  await expect(row(experiment).getByTestId("mi-cell").nth(top)).toHaveCSS("background-color", "rgb(253, 231, 37)");
  const heatmap = page.getByTestId("mi-heatmap");
  await expect(heatmap).toHaveAttribute("data-scale", "row");

  // The value in full, and its rank, on hover.
  const cell = row(experiment).getByTestId("mi-cell").nth(1);
  await cell.hover();
  const tooltip = page.getByTestId("mi-tooltip");
  await expect(tooltip).toContainText(`y1: ${(scores[1] as number).toPrecision(5)} nats`);
  const rank = [...scores.keys()].sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b).indexOf(1) + 1;
  await expect(tooltip).toContainText(`rank ${rank} of ${width}`);

  // One scale for all rows: the legend gives its ends in nats.
  await page.getByLabel("shared (nats)").check();
  await expect(heatmap).toHaveAttribute("data-scale", "shared");
  await expect(heatmap.getByLabel("Colour scale")).toContainText("nats");

  // The probe is estimated on request.
  await page.getByLabel("probe").check();
  await expect(rows).toHaveCount(6, { timeout: 120_000 });
  await expect(row("task|probe|score").getByTestId("mi-cell")).toHaveCount(width);
  await page.getByLabel("per row").check();
  await cell.hover();
  await shot(page, "mi-heatmap", page.getByTestId("experiment-mi"));
});
