import { expect, test, TINY } from "../fixtures";

test("create from the form → runs appear → a live chart gains points → the leaderboard row appears", async ({ page, shot, stack }) => {
  await page.goto("/experiments/new");
  await page.getByLabel("Name", { exact: true }).fill("e2e: sub:1 plain vs reverse");
  await page.getByLabel("Task", { exact: true }).fill("sub:1");
  await page.getByRole("checkbox", { name: "max-mi" }).uncheck();
  await page.getByLabel("Seeds", { exact: true }).fill("1");
  await page.getByLabel("Steps", { exact: true }).fill("1200");
  await page.getByLabel("Batch size", { exact: true }).fill("16");
  await page.getByLabel("Learning rate", { exact: true }).fill("0.01");
  await page.getByText("Model size, evaluation and data (optional)").click();
  await page.getByLabel("Layers (nLayer)", { exact: true }).fill(TINY.nLayer);
  await page.getByLabel("Heads (nHead)", { exact: true }).fill(TINY.nHead);
  await page.getByLabel("Width (nEmbd)", { exact: true }).fill(TINY.nEmbd);
  await page.getByLabel("Evaluate every (steps)", { exact: true }).fill("100");
  await page.getByLabel("Training examples", { exact: true }).fill(TINY.trainSize);
  await page.getByLabel("Test examples", { exact: true }).fill(TINY.testSize);
  await page.getByLabel("Tags", { exact: true }).fill("e2e");
  await expect(page.getByTestId("grid-size")).toHaveText("2");
  await shot(page, "new-experiment");
  await page.getByRole("button", { name: "Create experiment" }).click();

  // Runs appear in the strategy × seed grid.
  await expect(page).toHaveURL(/\/experiments\/[0-9a-f-]{36}$/);
  const cells = page.getByTestId("run-cell");
  await expect(cells).toHaveCount(2);
  await expect(page.locator('[data-testid="run-cell"][data-strategy="plain"][data-seed="0"]')).toBeVisible();
  await expect(page.locator('[data-testid="run-cell"][data-strategy="reverse"][data-seed="0"]')).toBeVisible();

  // While a run trains, the loss chart gains points pushed over the WebSocket.
  await expect(page.locator('[data-testid="run-cell"][data-status="running"]').first()).toBeVisible({ timeout: 60_000 });
  const loss = page.getByTestId("chart-loss");
  const points = async () => Number(await loss.getAttribute("data-points"));
  await expect.poll(points, { timeout: 60_000 }).toBeGreaterThan(0);
  const first = await points();
  await expect.poll(points, { timeout: 60_000 }).toBeGreaterThan(first);
  const second = await points();
  await expect.poll(points, { timeout: 60_000 }).toBeGreaterThan(second);
  // A screenshot with some curve to show: a third of the loss points, or the end if the runs are quicker.
  await expect.poll(points, { timeout: 120_000 }).toBeGreaterThan(800);
  await shot(page, "experiment");

  // Both runs finish; the whole curve is there and the exact-match chart has its evaluations.
  await expect(page.locator('[data-testid="run-cell"][data-status="succeeded"]')).toHaveCount(2, { timeout: 180_000 });
  // Every stored point is on the charts once (history and stream joined without gaps or repeats).
  const runIds = await cells.evaluateAll((els) => els.map((e) => e.getAttribute("data-run-id") as string));
  const { metricSeries } = await stack.gql<{ metricSeries: { name: string; total: number }[] }>(
    `query($ids: [ID!]!) { metricSeries(runIds: $ids, names: ["loss", "eval/exact_match"], maxPoints: 3) { name total } }`,
    { ids: runIds },
  );
  const total = (name: string) => metricSeries.filter((s) => s.name === name).reduce((n, s) => n + s.total, 0);
  expect(total("loss")).toBeGreaterThanOrEqual(2 * 1200);
  await expect.poll(points).toBe(total("loss"));
  await expect.poll(async () => Number(await page.getByTestId("chart-eval/exact_match").getAttribute("data-points"))).toBe(total("eval/exact_match"));

  // The experiments list shows it finished; the leaderboard ranks both strategies.
  await page.getByRole("link", { name: "Experiments" }).click();
  const row = page.getByTestId("experiment-row").filter({ hasText: "e2e: sub:1 plain vs reverse" });
  await expect(row.locator('[data-status="succeeded"]')).toBeVisible();
  await expect(row).toContainText("2/2 done");
  await shot(page, "experiments");

  await page.goto("/leaderboard?task=sub:1&preset=nanogpt&metric=exact_match");
  await expect(page.locator('[data-testid="leaderboard-row"][data-strategy="plain"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="leaderboard-row"][data-strategy="plain"]')).toBeVisible();
  const reverse = page.locator('[data-testid="leaderboard-row"][data-strategy="reverse"]');
  await expect(reverse).toBeVisible();
  await expect(reverse).toContainText("(one seed: no CI)");
  // The best mean is bold (both, if they tie).
  expect(await page.getByTestId("leaderboard").locator("strong").count()).toBeGreaterThanOrEqual(1);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const csv = await (await download).createReadStream();
  let text = "";
  for await (const chunk of csv) text += chunk;
  expect(text.split("\n")[0]).toMatch(/^task,preset,metric,direction,strategy,/);
  expect(text).toContain("sub:1,nanogpt,exact_match,max,plain,");
  await shot(page, "leaderboard");

  await page.getByRole("link", { name: "Workers" }).click();
  await expect(page.getByTestId("worker-row").filter({ hasText: "e2e-worker" })).toContainText("online");
  await shot(page, "workers");
});
