import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// One Prism-starting suite at a time, across turbo's processes and scratch copies (see the module).
const prismSuiteLock = createRequire(import.meta.url).resolve(
  "@org/statsig-console-test-support/prism-suite-global-setup",
);

export default defineConfig({
  test: {
    globalSetup: [prismSuiteLock, "./test/global-setup.ts"],
    testTimeout: 30_000,
    // One module graph per worker: the generator (TypeScript) loads once, not once per file (74 -> 55 CPU-s).
    isolate: false,
    hookTimeout: 60_000,
    // test-long/ is `test:long` (the root `pnpm test:spec-flow` runs it), not part of `pnpm test`.
    include: process.env.CONTRACT_LONG_SUITES ? ["test-long/**/*.test.ts"] : ["test/**/*.test.ts"],
    // Run by vitest.spec.config.ts, without the lock: they start no Prism.
    exclude: ["test/overlay-actions.test.ts", "test/typed-calls-typecheck.test.ts", "**/node_modules/**"],
  },
});
