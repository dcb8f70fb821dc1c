import { expect, test } from "../fixtures";

test("invalid input shows the API's error on the field it names", async ({ page, shot }) => {
  await page.goto("/experiments/new");
  await page.getByLabel("Name", { exact: true }).fill("e2e: invalid");
  await page.getByLabel("Steps", { exact: true }).fill("20000000");
  await page.getByText("Model size, evaluation and data (optional)").click();
  await page.getByLabel("Heads (nHead)", { exact: true }).fill("2");
  await page.getByLabel("Width (nEmbd)", { exact: true }).fill("15");
  await page.getByRole("button", { name: "Create experiment" }).click();

  // Both problems come back from the API (core's zod schema), each under its own field.
  const steps = page.getByLabel("Steps", { exact: true });
  await expect(page.getByTestId("steps-error")).toHaveText("budget.steps must be at most 10000000");
  await expect(steps).toHaveAttribute("aria-invalid", "true");
  await expect(steps).toHaveAccessibleDescription(/budget\.steps must be at most 10000000/);
  await expect(page.getByTestId("nEmbd-error")).toContainText("model.nEmbd (15) must be divisible by model.nHead (2)");
  await expect(page.getByLabel("Width (nEmbd)", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
  // Focus moves to the first field with a problem.
  await expect(steps).toBeFocused();
  await shot(page, "new-experiment-errors");

  // Fixing the fields and submitting again clears the errors (the experiment is created).
  await steps.fill("50");
  await page.getByLabel("Width (nEmbd)", { exact: true }).fill("16");
  await page.getByLabel("Seeds", { exact: true }).fill("0");
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByTestId("seeds-error")).toContainText("seeds");
  await expect(page.getByTestId("steps-error")).toHaveCount(0);
  await expect(page).toHaveURL(/\/experiments\/new$/);
});

test("a text task shows its text options, and the API's text errors land on them", async ({ page }) => {
  await page.goto("/experiments/new");
  await expect(page.getByTestId("text-options")).toHaveCount(0);
  await page.getByLabel("Name", { exact: true }).fill("e2e: wikitext-2 options");
  await page.getByLabel("Task", { exact: true }).fill("wikitext-2");
  const options = page.getByTestId("text-options");
  await expect(options).toBeVisible();
  // Generation's fields, not classification's.
  await expect(page.getByLabel("Block size", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Input tokens", { exact: true })).toHaveCount(0);
  await page.getByLabel("Block size", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Create experiment" }).click();
  const block = page.getByLabel("Block size", { exact: true });
  await expect(page.getByTestId("blockSize-error")).toContainText("text.blockSize");
  await expect(block).toHaveAttribute("aria-invalid", "true");

  // A GLUE task: its input length and keyword prefix instead.
  await page.getByLabel("Task", { exact: true }).fill("glue/RTE");
  await expect(page.getByLabel("Input tokens", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Keyword prefix", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Block size", { exact: true })).toHaveCount(0);
});
