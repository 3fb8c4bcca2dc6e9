import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // test-long/ (the Redis Cluster suite) is `test:long`: the root `pnpm test:spec-flow` runs it.
    include: process.env.QUOTA_LONG_SUITES ? ["test-long/**/*.test.ts"] : ["test/**/*.test.ts"],
  },
});
