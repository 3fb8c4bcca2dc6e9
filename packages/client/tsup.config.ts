import { defineConfig } from "tsup";

// A few ESM files instead of ~25 modules: each module Node loads at import time cost ~1 ms, and the client
// is imported by short-lived scripts and CLIs. Declarations come from tsc (tsconfig.build.json).
export default defineConfig({
  entry: ["src/index.ts", "src/compose.ts"],
  format: ["esm"],
  target: "es2022",
  platform: "neutral",
  dts: false,
  clean: false,
  // openapi-fetch stays a dependency, shared with an app that uses it too.
  skipNodeModulesBundle: true,
  // Two entries share one chunk, so the error classes exist once and instanceof holds across them.
  splitting: true,
});
