import { defineConfig } from "vitest/config";

/**
 * The test process's composition root: DATABASE_URL is read here, once, and handed to the system tests
 * with `inject("databaseUrl")`; they run against an API on PGlite always, and on PostgreSQL too when set.
 */
export default defineConfig({
  test: {
    // Training tests are CPU-bound, and the system tests start API and worker processes: one file at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    provide: { databaseUrl: process.env.DATABASE_URL ?? null },
  },
});
