import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, Stack } from "./stack";

interface TestFixtures {
  /** Saves a full-page screenshot to docs/screenshots/<name>.png, or of one element when given. */
  shot: (page: Page, name: string, element?: Locator) => Promise<void>;
  /** Attaches the platform's logs to a failing test. */
  logsOnFailure: void;
}

/** One platform for all tests of the (single) Playwright worker; stopped when the worker ends. */
export const test = base.extend<TestFixtures, { stack: Stack }>({
  stack: [
    async ({}, use) => {
      const stack = new Stack();
      try {
        await stack.start();
        await use(stack);
      } finally {
        await stack.stop();
      }
    },
    { scope: "worker", timeout: 300_000 },
  ],
  baseURL: async ({ stack }, use) => use(stack.webUrl),
  // An uncaught exception in the page (a render error, a hydration crash) fails the test.
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await use(page);
    expect(errors, "uncaught errors in the page").toEqual([]);
  },
  shot: async ({}, use) => {
    const dir = join(ROOT, "docs", "screenshots");
    mkdirSync(dir, { recursive: true });
    await use(async (page, name, element) => {
      const path = join(dir, `${name}.png`);
      if (element) await element.screenshot({ path });
      else await page.screenshot({ path, fullPage: true });
    });
  },
  logsOnFailure: [
    async ({ stack }, use, testInfo) => {
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      for (const name of ["api", "worker", "web"]) {
        const path = join(stack.logs, `${name}.log`);
        if (existsSync(path)) await testInfo.attach(`${name}.log`, { path, contentType: "text/plain" });
      }
    },
    { auto: true },
  ],
});

export { expect };

/** A tiny run that trains in seconds: add:1 on a 1-layer, 16-wide model. */
export const TINY = { nLayer: "1", nHead: "2", nEmbd: "16", trainSize: "80", testSize: "20" } as const;
