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
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      if (options?.waitUntil !== "commit") await streamedBoundariesRevealed(page);
      return response;
    };
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

/**
 * Waits until React has revealed every Suspense boundary the server streamed. React 19.2 sends a finished
 * boundary as a hidden `<div hidden id="S:n">` and moves it into place in batches, at most every 300 ms,
 * which can be after the load event; until then a page that also renders that boundary on the client (an
 * update reached it before it hydrated) holds its rows twice, once hidden, and a strict locator sees both.
 */
async function streamedBoundariesRevealed(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('div[hidden][id^="S:"]') === null, undefined, { timeout: 10_000 });
}

/** A tiny run that trains in seconds: add:1 on a 1-layer, 16-wide model. */
export const TINY = { nLayer: "1", nHead: "2", nEmbd: "16", trainSize: "80", testSize: "20" } as const;
