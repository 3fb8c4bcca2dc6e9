import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One Prism mock of the Console API for the whole run.
    globalSetup: ["./test/statsig-mock.ts"],
    hookTimeout: 90_000,
  },
});
