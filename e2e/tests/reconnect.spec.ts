import { expect, test, TINY } from "../fixtures";

test("the dashboard survives an API restart: banner, reconnect, resumed curve", async ({ page, stack }) => {
  const { createExperiment } = await stack.gql<{ createExperiment: { id: string } }>(
    `mutation($spec: JSON!) { createExperiment(input: { spec: $spec }) { id } }`,
    {
      spec: {
        name: "e2e: across a restart",
        task: "add:1",
        strategies: ["plain"],
        seeds: 1,
        budget: { steps: 2000 },
        batchSize: 16,
        checkpointInterval: 100,
        model: { nLayer: 1, nHead: 2, nEmbd: 16 },
        data: { trainSize: Number(TINY.trainSize), testSize: Number(TINY.testSize) },
      },
    },
  );
  await page.goto(`/experiments/${createExperiment.id}`);
  const banner = page.getByTestId("connection-banner");
  const cell = page.getByTestId("run-cell");
  const loss = page.getByTestId("chart-loss");
  const points = async () => Number(await loss.getAttribute("data-points"));
  await expect(cell).toHaveAttribute("data-status", "running", { timeout: 60_000 });
  await expect.poll(points, { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(banner).toHaveAttribute("data-state", "connected");

  const port = stack.apiPort;
  await stack.api.stop();
  await expect(banner).toHaveAttribute("data-state", "down");
  await expect(banner).toContainText("Live updates paused");
  const before = await points();

  await stack.startApi(port);
  await expect(banner).toHaveAttribute("data-state", "connected", { timeout: 60_000 });
  await expect(banner).not.toContainText("Live updates paused");
  // The worker resumes the run; the chart keeps growing from where it stopped, with no repeated steps.
  await expect.poll(points, { timeout: 120_000 }).toBeGreaterThan(before);
  await expect(cell).toHaveAttribute("data-status", "succeeded", { timeout: 180_000 });
  const { metricSeries } = await stack.gql<{ metricSeries: { total: number }[] }>(`query($id: ID!) { metricSeries(runIds: [$id], names: ["loss"], maxPoints: 4000) { total } }`, {
    id: (await cell.getAttribute("data-run-id")) as string,
  });
  await expect.poll(points).toBe(metricSeries[0]?.total);
});
