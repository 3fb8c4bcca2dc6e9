import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // One module graph per worker (23 -> 12 CPU-s). Tests that fake timers or stub the environment restore them.
    isolate: false,
    // A Stryker run that was cut short leaves copies of the tests in its sandbox.
    exclude: [...configDefaults.exclude, ".stryker-tmp/**"],
  },
});
