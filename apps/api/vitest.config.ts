import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/**
 * The test process's composition root: DATABASE_URL is read here, once, and handed to the tests with
 * `inject("databaseUrl")`. Every API test runs on in-memory PGlite, and on PostgreSQL too when it is set.
 */
export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (`main`) and ESM (`module`) builds without an exports map. Node loads the
    // CommonJS one for type-graphql, @apollo/server and graphql-ws; vite would hand our own files the ESM
    // one, and two graphql module instances reject each other's schemas. One path for everybody.
    alias: { graphql: require.resolve("graphql") },
  },
  test: {
    include: ["src/**/*.test.ts"],
    // Each file starts API servers on PGlite (and PostgreSQL); one file at a time suits 2 shared cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    provide: { databaseUrl: process.env.DATABASE_URL ?? null },
  },
});
