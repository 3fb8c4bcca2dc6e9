import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// One Prism-starting suite at a time, across turbo's processes and scratch copies (see the module).
const prismSuiteLock = createRequire(import.meta.url).resolve(
  "@org/statsig-console-test-support/prism-suite-global-setup",
);

export default defineConfig({
  test: {
    globalSetup: [prismSuiteLock],
    testTimeout: 60_000,
    // test-long/ (the process's lifetime) is `test:long`: the root `pnpm test:spec-flow` runs it.
    include: process.env.MOCK_LONG_SUITES ? ["test-long/**/*.test.ts"] : ["test/**/*.test.ts"],
    hookTimeout: 60_000,
  },
});
