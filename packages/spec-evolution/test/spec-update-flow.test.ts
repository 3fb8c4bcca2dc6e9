import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { createScratchRepo, repoRoot, type ScratchRepo } from "./scratch-repo.js";
import { addOperation, addResponseEnumValue, removeUnreferencedOperation, rewordSummary } from "./spec-changes.js";

// biome-ignore lint/suspicious/noExplicitAny: spec JSON
type Json = Record<string, any>;

const vendored = () => JSON.parse(readFileSync(join(repoRoot, "spec/statsig_openapi.json"), "utf8")) as Json;
afterAll(() => scratch?.remove());

/** Everything the repository itself names (tests, sources, overlays, demo), without the specs and generated files. */
function repositoryText(): string {
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: repoRoot }).toString().split("\0");
  return files
    .filter((f) => /\.(ts|mjs|yaml|md)$/.test(f) && !f.includes("/generated/") && !f.includes("/fixtures/"))
    .map((f) => readFileSync(join(repoRoot, f), "utf8"))
    .join("\n");
}

// One scratch repository and one run of the suites, as the weekly workflow would have after two releases in a row:
// an additive one (minor), then one that removes an operation (major). The suites then run once on the result,
// which holds every change of both.
let scratch: ScratchRepo | undefined;
let added: { method: string; path: string };
let enumAt: string;

/** `spec:update <file>` in the scratch repository, as the weekly workflow runs it; returns the changeset it wrote. */
async function specUpdate(repo: ScratchRepo, name: string, spec: Json): Promise<string> {
  const file = join(repo.root, "..", `${name}-statsig_openapi.json`);
  writeFileSync(file, JSON.stringify(spec, null, 2));
  const report = await repo.run(process.execPath, ["packages/codegen/dist/spec-cli.js", "update", file]);
  const changesetFile = /Wrote .* and (\S+\.md)$/m.exec(report)?.[1];
  expect(changesetFile, report).toBeDefined();
  return readFileSync(changesetFile as string, "utf8");
}

describe("a spec update lands green with no hand edits", () => {
  test("an added operation, a new response enum value and a reworded summary: a minor changeset", async () => {
    scratch = createScratchRepo("flow");
    const spec = vendored();
    added = addOperation(spec);
    enumAt = addResponseEnumValue(spec, "spec_flow_probe_value");
    const reworded = rewordSummary(spec);

    const changeset = await specUpdate(scratch, "minor", spec);

    expect(changeset).toMatch(/^---\n"@org\/statsig-console-types": minor\n/);
    expect(changeset).toContain(`- minor: ${added.method} ${added.path}: operation added`);
    expect(changeset).toMatch(/- minor: .*enum values added \("spec_flow_probe_value"\)/);
    expect(changeset).toContain(`- patch: ${reworded.method} ${reworded.path}: summary changed`);
  });

  test("then a removed operation: a major changeset, and every spec-dependent suite passes on the result", async () => {
    const repo = scratch as ScratchRepo;
    const spec = JSON.parse(readFileSync(join(repo.root, "spec/statsig_openapi.json"), "utf8")) as Json;
    // The operation the first release added is named by this flow, so it is not a candidate for removal.
    const removed = removeUnreferencedOperation(spec, `${repositoryText()}\n${added.path}`);

    const changeset = await specUpdate(repo, "major", spec);

    expect(changeset).toMatch(/^---\n"@org\/statsig-console-types": major\n/);
    expect(changeset).toContain(`- major: ${removed.method} ${removed.path}: operation removed`);
    expect(changeset).not.toContain("operation added");
    const coverage = await runSuites(repo);
    expect(coverage.operations.map((op: Json) => `${op.method} ${op.path}`)).not.toContain(
      `${removed.method} ${removed.path}`,
    );
    // The operation the first release added went through the client against Prism from the new spec.
    expect(coverage.operations).toContainEqual({ method: added.method, path: added.path, positive: "pass" });
    expect(coverage.totals.positiveFailed).toBe(0);
    // The new value is a known literal of the (open) response type.
    const types = ["components.ts", "openapi.ts"]
      .map((file) => readFileSync(join(repo.root, "packages/types/src/generated", file), "utf8"))
      .join("\n");
    expect(types, enumAt).toMatch(/"spec_flow_probe_value"[^\n]*\| \(string & \{\}\)/);
  });
});

/**
 * What `pnpm test` runs after a spec change, on the scratch repository: the rebuilt types and mock, then every
 * suite whose outcome depends on the spec. Resolves with the contract suite's coverage report.
 */
async function runSuites(repo: ScratchRepo): Promise<Json> {
  // What turbo rebuilds after a spec change: the types, the mock that ships the overlaid spec, and the drift
  // package whose validators spec:update regenerated (its command and reporter are tested built).
  await repo.run("pnpm", ["run", "build"], "packages/types");
  await repo.run("pnpm", ["run", "build"], "packages/mock-server");
  await repo.run("pnpm", ["run", "build"], "packages/drift");
  // Two lanes, as turbo would run them: the contract suite (it waits its turn for Prism), and the rest. Both end
  // before the result is read, so a failure never leaves the other lane running in a removed folder.
  const lanes = await Promise.allSettled([
    repo.run("pnpm", ["run", "test"], "packages/contract-tests"),
    (async () => {
      await repo.run("pnpm", ["run", "generate:check"], "packages/types");
      await repo.run("pnpm", ["run", "test"], "packages/codegen");
      // The type tests (`*.test-d.ts`) are part of each package's type-check.
      await repo.run("pnpm", ["run", "typecheck"], "packages/types");
      await repo.run("pnpm", ["run", "test"], "packages/types");
      await repo.run("pnpm", ["run", "typecheck"], "packages/client");
      await repo.run("pnpm", ["run", "test"], "packages/drift");
    })(),
  ]);
  for (const lane of lanes) if (lane.status === "rejected") throw lane.reason;
  // The root lint pass of `pnpm test` too: what spec:update writes (SOURCE.md, the changesets) must not fail it.
  await repo.run("pnpm", ["exec", "biome", "check", "."]);
  return JSON.parse(readFileSync(join(repo.root, "packages/contract-tests/contract-coverage.json"), "utf8"));
}
