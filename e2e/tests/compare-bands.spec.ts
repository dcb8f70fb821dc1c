import { expect, test, TINY } from "../fixtures";

test("bands per strategy and individual seeds; compare runs and strategies with a pinned baseline; clone; JSON and LaTeX exports", async ({ page, shot, stack }) => {
  const spec = {
    name: "e2e: bands and compare",
    task: "add:1",
    strategies: ["plain", "reverse"],
    seeds: 2,
    budget: { steps: 300 },
    batchSize: 16,
    optimizer: { lr: 0.01 },
    evalInterval: 50,
    model: { nLayer: 1, nHead: 2, nEmbd: 16 },
    data: { trainSize: Number(TINY.trainSize), testSize: Number(TINY.testSize) },
    tags: ["e2e"],
  };
  const { createExperiment } = await stack.gql<{ createExperiment: { id: string; runs: { id: string }[] } }>(
    `mutation($spec: JSON!) { createExperiment(input: { spec: $spec }) { id runs { id } } }`,
    { spec },
  );
  const runIds = createExperiment.runs.map((r) => r.id);
  await page.goto(`/experiments/${createExperiment.id}`);
  await expect(page.locator('[data-testid="run-cell"][data-status="succeeded"]')).toHaveCount(4, { timeout: 240_000 });
  const totals = async (name: string) => {
    const { metricSeries } = await stack.gql<{ metricSeries: { total: number }[] }>(`query($ids: [ID!]!, $n: [String!]) { metricSeries(runIds: $ids, names: $n, maxPoints: 3) { total } }`, { ids: runIds, n: [name] });
    return metricSeries.reduce((n, s) => n + s.total, 0);
  };
  const lossTotal = await totals("loss");
  expect(lossTotal).toBeGreaterThanOrEqual(4 * 300);

  // By default each strategy is a mean line in a ± 1 std band over its two seeds, every stored point behind it.
  const loss = page.getByTestId("chart-loss");
  const points = (chart: typeof loss) => async () => Number(await chart.getAttribute("data-points"));
  await expect(loss).toHaveAttribute("data-bands", "2");
  await expect(loss).toHaveAttribute("data-lines", "0");
  await expect(page.getByTestId("chart-eval/exact_match")).toHaveAttribute("data-bands", "2");
  await expect.poll(points(loss)).toBe(lossTotal);
  await shot(page, "experiment-bands");
  await page.getByLabel("Individual seeds").check();
  await expect(loss).toHaveAttribute("data-lines", "4");
  await expect(loss).toHaveAttribute("data-bands", "0");
  await expect.poll(points(loss)).toBe(lossTotal);
  await page.getByLabel("Individual seeds").uncheck();
  await expect(loss).toHaveAttribute("data-bands", "2");

  // Pick both strategies' runs in the grid and compare them.
  await page.getByLabel("Compare all plain runs").check();
  await page.getByLabel("Compare all reverse runs").check();
  await expect(page.getByTestId("compare-selected")).toHaveText("Compare 4 runs");
  await page.getByTestId("compare-selected").click();
  await expect(page).toHaveURL(/\/compare\?runs=/);
  await expect(page.getByTestId("compare-row")).toHaveCount(4);
  const cLoss = page.getByTestId("chart-compare-loss");
  await expect(cLoss).toHaveAttribute("data-lines", "4");
  await expect.poll(points(cLoss)).toBe(lossTotal);

  // One run as the pinned baseline: the others get their difference to it.
  const [baseId] = runIds;
  await page.getByLabel("Pinned baseline").selectOption(baseId as string);
  await expect(page).toHaveURL(new RegExp(`baseline=${baseId}`));
  await expect(page.locator(`[data-testid="compare-row"][data-run-id="${baseId}"]`)).toContainText("(baseline)");
  await expect(page.locator(`[data-testid="compare-row"]:not([data-run-id="${baseId}"])`).first()).toContainText(" pp");

  // Per strategy: mean ± std bands, and the strategies' table against a baseline strategy.
  await page.getByLabel("mean ± std per strategy").check();
  await expect(page).toHaveURL(/view=strategies/);
  await expect(page.getByTestId("compare-group")).toHaveCount(2);
  await expect(cLoss).toHaveAttribute("data-bands", "2");
  await expect(cLoss).toHaveAttribute("data-lines", "0");
  await page.getByLabel("Pinned baseline").selectOption({ label: "plain" });
  await expect(page.locator('[data-testid="compare-group"][data-strategy="plain"]')).toContainText("(baseline)");
  await expect(page.locator('[data-testid="compare-group"][data-strategy="reverse"]')).toContainText(" pp");
  await shot(page, "compare");

  // Export: the experiment's runs with their curves as JSON.
  await page.goto(`/experiments/${createExperiment.id}`);
  const jsonDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export JSON" }).click();
  const doc = JSON.parse(await text(await jsonDownload)) as { experiment: { id: string; spec: { name: string } }; runs: { id: string; curves: Record<string, { total: number; steps: number[] }> }[] };
  expect(doc.experiment).toMatchObject({ id: createExperiment.id, spec: { name: spec.name } });
  expect(doc.runs.map((r) => r.id).sort()).toEqual([...runIds].sort());
  expect(doc.runs.reduce((n, r) => n + (r.curves.loss?.total ?? 0), 0)).toBe(lossTotal);
  expect(doc.runs.every((r) => (r.curves["eval/exact_match"]?.steps.length ?? 0) > 0)).toBe(true);

  // Clone: the form comes prefilled from the spec and creates the same experiment under a new name.
  await page.getByRole("link", { name: "Clone" }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/new\\?from=${createExperiment.id}$`));
  await expect(page.getByTestId("clone-source")).toContainText(spec.name);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`${spec.name} (copy)`);
  await expect(page.getByLabel("Task", { exact: true })).toHaveValue("add:1");
  await expect(page.getByLabel("Steps", { exact: true })).toHaveValue("300");
  await expect(page.getByRole("checkbox", { name: "reverse" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "max-mi" })).not.toBeChecked();
  await expect(page.getByTestId("grid-size")).toHaveText("4");
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page).toHaveURL(/\/experiments\/[0-9a-f-]{36}$/);
  const cloneId = page.url().split("/").at(-1) as string;
  expect(cloneId).not.toBe(createExperiment.id);
  const { experiment: original } = await stack.gql<{ experiment: { spec: Record<string, unknown> } }>(`query($id: ID!) { experiment(id: $id) { spec } }`, { id: createExperiment.id });
  const { experiment: clone } = await stack.gql<{ experiment: { spec: Record<string, unknown> } }>(`query($id: ID!) { experiment(id: $id) { spec } }`, { id: cloneId });
  expect(clone.spec).toEqual({ ...original.spec, name: `${spec.name} (copy)` });
  await stack.gql(`mutation($id: ID!) { cancelExperiment(id: $id) { id } }`, { id: cloneId });

  // The leaderboard as a LaTeX table.
  await page.goto("/leaderboard?task=add:1&preset=nanogpt&metric=exact_match");
  await expect(page.locator('[data-testid="leaderboard-row"][data-strategy="reverse"]')).toBeVisible();
  const texDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export LaTeX" }).click();
  const tex = await text(await texDownload);
  expect(tex).toContain("\\begin{tabular}");
  expect(tex).toMatch(/^plain & /m);
  expect(tex).toMatch(/^reverse & \d+ & /m);
  expect(tex).toContain("\\textbf{");
});

async function text(download: import("@playwright/test").Download): Promise<string> {
  let out = "";
  for await (const chunk of await download.createReadStream()) out += chunk;
  return out;
}
