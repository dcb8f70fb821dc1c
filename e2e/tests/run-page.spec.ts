import { expect, test, TINY } from "../fixtures";

test("the run page: spec, worker, order and its MI table, live curves, checkpoints, cancel after confirming", async ({ page, shot, stack }) => {
  const { createExperiment } = await stack.gql<{ createExperiment: { id: string; runs: { id: string }[] } }>(
    `mutation($spec: JSON!) { createExperiment(input: { spec: $spec }) { id runs { id } } }`,
    {
      spec: {
        name: "e2e: run page",
        task: "add:1",
        strategies: ["max-mi"],
        seeds: 1,
        budget: { steps: 1_000_000 },
        batchSize: 16,
        evalInterval: 50,
        checkpointInterval: 50,
        model: { nLayer: 1, nHead: 2, nEmbd: 16 },
        data: { trainSize: Number(TINY.trainSize), testSize: Number(TINY.testSize) },
      },
    },
  );
  const runId = createExperiment.runs[0]?.id as string;
  await page.goto(`/experiments/${createExperiment.id}`);
  await page.getByRole("link", { name: "Open run max-mi seed 0" }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(page.getByTestId("run-title")).toContainText("max-mi");
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "running", { timeout: 60_000 });
  await expect(page.getByTestId("run-worker")).toContainText("e2e-worker");
  await expect(page.getByTestId("run-worker")).toContainText("wasm");
  await expect(page.getByTestId("run-spec")).toContainText("add:1");

  // The order and the MI table it came from, as the API planned them.
  const { run } = await stack.gql<{ run: { permutation: number[]; plan: { miTable: { estimator: string; positions: { position: number; score: number }[] } } } }>(
    `query($id: ID!) { run(id: $id) { permutation plan { miTable } } }`,
    { id: runId },
  );
  await expect(page.getByTestId("run-permutation")).toHaveText(run.permutation.map((p) => `y${p}`).join(" "));
  await expect(page.getByTestId("run-position")).toHaveCount(run.permutation.length);
  for (const p of run.plan.miTable.positions) {
    const row = page.locator(`[data-testid="run-position"][data-position="${p.position}"]`);
    await expect(row).toContainText(p.score.toFixed(3));
    await expect(row).toContainText(`${run.permutation.indexOf(p.position) + 1}.`);
  }
  await expect(page.getByTestId("run-order")).toContainText(run.plan.miTable.estimator);

  // Live curves: loss, evaluations and throughput gain points over the WebSocket.
  const count = (id: string) => async () => Number(await page.getByTestId(`chart-${id}`).getAttribute("data-points"));
  await expect.poll(count("run-loss"), { timeout: 60_000 }).toBeGreaterThan(0);
  const first = await count("run-loss")();
  await expect.poll(count("run-loss"), { timeout: 60_000 }).toBeGreaterThan(first);
  await expect.poll(count("run-throughput"), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(count("run-eval"), { timeout: 90_000 }).toBeGreaterThan(0);

  // Checkpoints, read again as the run reports progress; the newest is the resume point.
  await expect(page.getByTestId("checkpoint-row").first()).toContainText("resume point", { timeout: 90_000 });
  const { run: stored } = await stack.gql<{ run: { checkpoints: { step: number }[] } }>(`query($id: ID!) { run(id: $id) { checkpoints { step } } }`, { id: runId });
  expect(stored.checkpoints.length).toBeGreaterThan(0);
  for (const c of stored.checkpoints) expect(c.step % 50).toBe(0);
  await shot(page, "run");

  // Cancelling asks first; "Keep it" leaves the run alone.
  await page.getByRole("button", { name: "Cancel run", exact: true }).click();
  const confirm = page.getByTestId("confirm-cancel");
  await expect(confirm).toContainText("Cancel max-mi seed 0?");
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(confirm).toHaveCount(0);
  const still = await stack.gql<{ run: { status: string; cancelRequested: boolean } }>(`query($id: ID!) { run(id: $id) { status cancelRequested } }`, { id: runId });
  expect(still.run).toEqual({ status: "running", cancelRequested: false });

  await page.getByRole("button", { name: "Cancel run", exact: true }).click();
  await page.getByRole("button", { name: "Yes, cancel the run" }).click();
  // The worker stops at its next heartbeat; the page follows over the WebSocket.
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "cancelled", { timeout: 60_000 });
  await expect(page.getByText("Ended: cancelled on request")).toBeVisible();
  await expect(page.getByRole("button", { name: "Retry from checkpoint" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel run", exact: true })).toHaveCount(0);
});
