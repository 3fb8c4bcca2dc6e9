import { defineConfig } from "vitest/config";

// The flow regenerates, rebuilds and runs four suites (one of them against Prism): minutes, not seconds.
export default defineConfig({ test: { testTimeout: 900_000, hookTimeout: 120_000 } });
