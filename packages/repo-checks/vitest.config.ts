import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// One Prism-starting suite at a time, across turbo's processes and scratch copies (see the module).
const prismSuiteLock = createRequire(import.meta.url).resolve(
  "@org/statsig-console-test-support/prism-suite-global-setup",
);

// Only the suite that starts Prism (the consumer example's tests) runs under the lock; vitest.offline.config.ts
// runs the rest first.
export default defineConfig({
  test: { globalSetup: [prismSuiteLock], testTimeout: 120_000, include: ["test/consumer-example.test.ts"] },
});
