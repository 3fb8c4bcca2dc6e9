import { defineConfig } from "vitest/config";

// spec:update tests regenerate the whole types package several times; under turbo's parallel tasks on a
// 2-core machine one such test has taken 30 s. Files share one module graph per worker (isolate: false): the
// generator (openapi-typescript, TypeScript) loads once per worker, not once per file (73 -> 58 CPU-s).
export default defineConfig({
  test: {
    testTimeout: 180_000,
    isolate: false,
    // The whole-repository spec updates across releases are a long suite (`test:long`, run by `pnpm test:spec-flow`).
    include: process.env.CODEGEN_LONG_SUITES ? ["test-long/**/*.test.ts"] : ["test/**/*.test.ts"],
  },
});
