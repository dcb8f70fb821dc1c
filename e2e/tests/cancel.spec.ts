import { expect, test, TINY } from "../fixtures";

test("a new experiment appears in the list live; cancel its running run from the grid", async ({ page, stack }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Experiments" })).toBeVisible();
  await expect(page.getByTestId("connection-banner")).toHaveAttribute("data-state", "connected");
  const { createExperiment } = await stack.gql<{ createExperiment: { id: string } }>(
    `mutation($spec: JSON!) { createExperiment(input: { spec: $spec }) { id } }`,
    {
      spec: {
        name: "e2e: cancel me",
        task: "add:1",
        strategies: ["plain"],
        seeds: 1,
        budget: { steps: 1_000_000 },
        batchSize: 16,
        model: { nLayer: 1, nHead: 2, nEmbd: 16 },
        data: { trainSize: Number(TINY.trainSize), testSize: Number(TINY.testSize) },
      },
    },
  );
  // Created by another client: the list learns of it over the WebSocket and shows it without a reload.
  const row = page.locator(`[data-testid="experiment-row"][data-id="${createExperiment.id}"]`);
  await expect(row).toContainText("e2e: cancel me");
  await expect(row.locator('[data-status="running"]')).toBeVisible({ timeout: 60_000 });
  await row.getByRole("link", { name: "e2e: cancel me" }).click();
  const cell = page.getByTestId("run-cell");
  await expect(cell).toHaveAttribute("data-status", "running", { timeout: 60_000 });
  await page.getByRole("button", { name: "Cancel run plain seed 0" }).click();
  // The worker stops at its next heartbeat (a third of the 30 s lease); the page follows over the WebSocket.
  await expect(cell).toHaveAttribute("data-status", "cancelled", { timeout: 60_000 });
  await expect(page.getByRole("button", { name: "Retry run plain seed 0" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel experiment" })).toHaveCount(0);
  await page.getByRole("link", { name: "Experiments" }).click();
  await expect(row.locator('[data-status="cancelled"]')).toBeVisible();
});
