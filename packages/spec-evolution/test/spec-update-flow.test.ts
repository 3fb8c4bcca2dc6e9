import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { createScratchRepo, repoRoot, type ScratchRepo } from "./scratch-repo.js";
import { addOperation, addResponseEnumValue, removeUnreferencedOperation, rewordSummary } from "./spec-changes.js";

// biome-ignore lint/suspicious/noExplicitAny: spec JSON
type Json = Record<string, any>;

const vendored = () => JSON.parse(readFileSync(join(repoRoot, "spec/statsig_openapi.json"), "utf8")) as Json;
const scratches: ScratchRepo[] = [];
afterAll(() => {
  for (const scratch of scratches) scratch.remove();
});

/** Everything the repository itself names (tests, sources, overlays, demo), without the specs and generated files. */
function repositoryText(): string {
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: repoRoot }).toString().split("\0");
  return files
    .filter((f) => /\.(ts|mjs|yaml|md)$/.test(f) && !f.includes("/generated/") && !f.includes("/fixtures/"))
    .map((f) => readFileSync(join(repoRoot, f), "utf8"))
    .join("\n");
}

/**
 * What the weekly workflow does: `spec:update <file>` on a new release, then the suites whose outcome depends
 * on the spec, with no hand edits in between.
 */
async function updateAndTest(name: string, spec: Json) {
  const scratch = createScratchRepo(name);
  scratches.push(scratch);
  const file = join(scratch.root, "..", `${name}-statsig_openapi.json`);
  writeFileSync(file, JSON.stringify(spec, null, 2));
  const report = await scratch.run(process.execPath, ["packages/codegen/dist/spec-cli.js", "update", file]);
  const changesetFile = /Wrote .* and (\S+\.md)$/m.exec(report)?.[1];
  expect(changesetFile, report).toBeDefined();
  const changeset = readFileSync(changesetFile as string, "utf8");

  // What turbo rebuilds after a spec change: the types, and the mock that ships the overlaid spec.
  await scratch.run("pnpm", ["run", "build"], "packages/types");
  await scratch.run("pnpm", ["run", "build"], "packages/mock-server");
  await scratch.run("pnpm", ["run", "generate:check"], "packages/types");
  await scratch.run("pnpm", ["run", "test"], "packages/codegen");
  await scratch.run("pnpm", ["run", "test"], "packages/types");
  await scratch.run("pnpm", ["exec", "vitest", "run", "--typecheck.only"], "packages/client");
  await scratch.run("pnpm", ["run", "test"], "packages/contract-tests");
  // The root lint pass of `pnpm test` too: what spec:update writes (SOURCE.md, the changeset) must not fail it.
  await scratch.run("pnpm", ["exec", "biome", "check", "."]);
  const coverage = JSON.parse(
    readFileSync(join(scratch.root, "packages/contract-tests/contract-coverage.json"), "utf8"),
  );
  return { scratch, report, changeset, coverage };
}

describe("a spec update lands green with no hand edits", () => {
  test("an added operation, a new response enum value and a reworded summary: minor, and every suite passes", async () => {
    const spec = vendored();
    const added = addOperation(spec);
    const enumAt = addResponseEnumValue(spec, "spec_flow_probe_value");
    const reworded = rewordSummary(spec);

    const { scratch, changeset, coverage } = await updateAndTest("minor", spec);

    expect(changeset).toMatch(/^---\n"@org\/statsig-console-types": minor\n/);
    expect(changeset).toContain(`- minor: ${added.method} ${added.path}: operation added`);
    expect(changeset).toMatch(/- minor: .*enum values added \("spec_flow_probe_value"\)/);
    expect(changeset).toContain(`- patch: ${reworded.method} ${reworded.path}: summary changed`);
    // The new operation is in the catalogue and went through the client against Prism from the new spec.
    expect(coverage.operations).toContainEqual({
      method: added.method,
      path: added.path,
      positive: "pass",
    });
    expect(coverage.totals.positiveFailed).toBe(0);
    // The new value is a known literal of the (open) response type.
    const types = ["components.ts", "openapi.ts"]
      .map((file) => readFileSync(join(scratch.root, "packages/types/src/generated", file), "utf8"))
      .join("\n");
    expect(types, enumAt).toMatch(/"spec_flow_probe_value"[^\n]*\| \(string & \{\}\)/);
  });

  test("a removed operation: major, and every suite still passes", async () => {
    const spec = vendored();
    const removed = removeUnreferencedOperation(spec, repositoryText());

    const { changeset, coverage } = await updateAndTest("major", spec);

    expect(changeset).toMatch(/^---\n"@org\/statsig-console-types": major\n/);
    expect(changeset).toContain(`- major: ${removed.method} ${removed.path}: operation removed`);
    expect(coverage.operations.map((op: Json) => `${op.method} ${op.path}`)).not.toContain(
      `${removed.method} ${removed.path}`,
    );
    expect(coverage.totals.positiveFailed).toBe(0);
  });
});
