import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Training tests are CPU-bound; one file at a time keeps them from starving each other on 2 cores.
    fileParallelism: false,
    testTimeout: 120_000,
  },
});
