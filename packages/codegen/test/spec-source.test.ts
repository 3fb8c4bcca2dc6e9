import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { repoRoot, specFile } from "./paths.js";

test("spec/SOURCE.md records the sha256 of the vendored spec", () => {
  const sha = createHash("sha256").update(readFileSync(specFile)).digest("hex");
  const source = readFileSync(`${repoRoot}spec/SOURCE.md`, "utf8");
  expect(source, "spec/statsig_openapi.json changed without spec/SOURCE.md: run `pnpm spec:update`").toContain(sha);
});
