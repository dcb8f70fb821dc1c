// `npm test` for the end-to-end tests: runs Playwright when a Chromium is installed. Without one the tests
// cannot run here (browser downloads are not possible); that is a loud notice locally and a failure in CI.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromiumPath } from "./env.mjs";

const chromium = chromiumPath(process.env);
if (!existsSync(chromium)) {
  const message = `e2e: no Chromium at ${chromium} (install Debian's chromium, or set ORDERBENCH_CHROMIUM)`;
  if (process.env.CI === "true") {
    console.error(`${message}; CI=true requires the browser tests, failing.`);
    process.exit(1);
  }
  console.warn(`${message}; SKIPPING the browser tests. CI=true makes this a failure.`);
  process.exit(0);
}
const cli = fileURLToPath(import.meta.resolve("@playwright/test/cli"));
const r = spawnSync(process.execPath, [cli, "test", ...process.argv.slice(2)], { stdio: "inherit", cwd: fileURLToPath(new URL(".", import.meta.url)) });
process.exit(r.status ?? 1);
