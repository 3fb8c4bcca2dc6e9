import { defineConfig } from "vitest/config";

// The suite Stryker runs per mutant: behaviour tests only (the bundle budget and type tests say nothing about a mutant).
export default defineConfig({
  test: {
    testTimeout: 20_000,
    include: ["test/**/*.test.ts"],
    exclude: ["test/bundle-size.test.ts"],
  },
});
