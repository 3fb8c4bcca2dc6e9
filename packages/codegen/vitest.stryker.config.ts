import { defineConfig } from "vitest/config";

// The suite Stryker runs per mutant: the unit tests of the files it mutates (stryker.config.mjs says which and why).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    include: ["test/overlay.test.ts", "test/spec-diff.test.ts"],
  },
});
