import { defineConfig } from "vitest/config";

// The overlay probes check the overlaid spec with ajv and openapi-typescript: no Prism, so they run before the
// Prism suite's lock is taken (`pnpm test` runs this config first), beside other packages' Prism suites.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    isolate: false,
    include: process.env.CONTRACT_LONG_SUITES
      ? []
      : ["test/overlay-actions.test.ts", "test/typed-calls-typecheck.test.ts"],
    passWithNoTests: true,
  },
});
