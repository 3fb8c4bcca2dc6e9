// Mutation testing of src/ with the package's own vitest suite: `pnpm exec stryker run` in packages/client.
// Not part of `test`: a run takes tens of minutes on two cores.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  // pnpm keeps the runner out of core's own node_modules, where Stryker looks for plugins by default.
  plugins: [import.meta.resolve("@stryker-mutator/vitest-runner")],
  vitest: { configFile: "vitest.stryker.config.ts" },
  mutate: ["src/**/*.ts", "!src/index.ts", "!src/client-types.ts", "!src/retry-options.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 15_000,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
};
