import { defineConfig } from "vitest/config";

// spec:update tests regenerate the whole types package several times; under turbo's parallel tasks on a
// 2-core machine one such test has taken 30 s.
export default defineConfig({
  test: { testTimeout: 180_000 },
});
