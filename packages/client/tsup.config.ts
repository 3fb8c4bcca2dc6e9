import { defineConfig } from "tsup";

// One ESM file instead of ~20 modules: each module Node loads at import time cost ~1 ms, and the client
// is imported by short-lived scripts and CLIs. Declarations come from tsc (tsconfig.build.json).
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  target: "es2022",
  platform: "neutral",
  dts: false,
  clean: false,
  // openapi-fetch stays a dependency, shared with an app that uses it too.
  skipNodeModulesBundle: true,
  splitting: false,
});
