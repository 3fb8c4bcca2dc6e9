import { defineConfig } from "vitest/config";

// The checks that start no Prism (release dry run, the test command, workflows): run before the Prism suite's
// lock is taken (`pnpm test` runs this config first), beside other packages' Prism suites.
export default defineConfig({
  test: { testTimeout: 120_000, include: ["test/**/*.test.ts"], exclude: ["test/consumer-example.test.ts"] },
});
