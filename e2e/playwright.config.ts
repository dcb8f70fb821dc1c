import { defineConfig } from "@playwright/test";
import { chromiumPath } from "./env.mjs";

/**
 * One worker, one platform (fixtures.ts): the tests share the API, the worker and the dashboard, and the
 * training runs they start share the CPU, so they run one at a time. Timeouts are generous because a test
 * waits for real training on a machine that may be busy.
 */
export default defineConfig({
  testDir: "./tests",
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  outputDir: "./test-results",
  use: {
    browserName: "chromium",
    viewport: { width: 1300, height: 900 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(process.env),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    },
  },
});
