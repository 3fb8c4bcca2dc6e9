// Mutation testing of the generator's logic that unit tests reach quickly: the overlay engine, the spec diff, the
// catalogue, the open enums and the mock's families. `pnpm exec stryker run` here (Node 22+, as StrykerJS 10 needs).
// The whole-pipeline tests (generate, spec:update) regenerate the types package per run: minutes per mutant, so the
// files only they cover are left out, and so is emitting (what `generate:check` already holds byte for byte).
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: [import.meta.resolve("@stryker-mutator/vitest-runner")],
  vitest: { configFile: "vitest.stryker.config.ts" },
  mutate: ["src/overlay.ts", "src/diff/**/*.ts", "src/catalogue.ts", "src/open-enums.ts", "src/mock-families.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
};
