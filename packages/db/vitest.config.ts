import { defineConfig } from "vitest/config";

/**
 * The test process's composition root: DATABASE_URL is read here, once, and handed to the tests with
 * `inject("databaseUrl")`. Every query test runs on in-memory PGlite, and on PostgreSQL too when it is set.
 */
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Each file opens its own PGlite and PostgreSQL database; one file at a time suits 2 shared cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    provide: { databaseUrl: process.env.DATABASE_URL ?? null },
  },
});
