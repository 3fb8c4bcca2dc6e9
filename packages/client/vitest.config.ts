import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // A Stryker run that was cut short leaves copies of the tests in its sandbox.
    exclude: [...configDefaults.exclude, ".stryker-tmp/**"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
