// Mutation testing of the generator's logic that unit tests reach quickly: the overlay engine and the spec diff.
// `pnpm exec stryker run` here (Node 22+, as StrykerJS 10 needs). The tests that load the whole spec (catalogue,
// mock families) cost seconds per mutant, and the whole-pipeline ones (generate, spec:update) minutes, so the files
// only they cover are left out, and so is emitting (what `generate:check` already holds byte for byte).
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: [import.meta.resolve("@stryker-mutator/vitest-runner")],
  vitest: { configFile: "vitest.stryker.config.ts" },
  mutate: ["src/overlay.ts", "src/diff/**/*.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
};
