import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/cli.ts", "src/spec-cli.ts", "src/index.ts"],
  format: ["esm"],
  target: "node20",
  platform: "node",
  clean: true,
  // Dependencies stay external: openapi-typescript and typescript are large and already installed.
  skipNodeModulesBundle: true,
});
