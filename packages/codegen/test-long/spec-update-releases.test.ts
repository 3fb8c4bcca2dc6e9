import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseDocument, updateSpec } from "../src/index.js";
import { repoRoot, spec2024, spec2025, specFile } from "../test/paths.js";
import {
  changesets,
  type Json,
  operationsOf,
  scratch,
  scratchRepo,
  snapshot,
  someGet,
  specCurrent,
  vendored,
} from "../test/spec-update-helpers.js";

// Whole-repository updates (each regenerates every package's generated/ folder): a long suite, run by
// `pnpm test:spec-flow` in CI, so that `pnpm test` stays within 5 minutes on 2 cores.
describe("spec:update across releases", () => {
  test("2024-08 -> 2025-10 releases (fixtures), then the vendored spec: the expected changesets, and the committed output", async () => {
    const { root, layout } = scratchRepo("roundtrip");
    const old = parseDocument(readFileSync(spec2024, "utf8"), "2024") as Json;

    const back = await updateSpec(layout, spec2024, { allowStaleOverlays: true, date: "2026-11-26" });
    expect(back.changed).toBe(true);
    const stored = JSON.parse(readFileSync(layout.specFile, "utf8"));
    expect(stored).toEqual(old);
    expect(readFileSync(layout.sourceFile, "utf8")).toMatch(/YAML upstream, stored as JSON converted/);
    expect(readFileSync(join(layout.generatedDir, "catalogue.ts"), "utf8").match(/"successStatus"/g)).toHaveLength(
      operationsOf(old).length,
    );
    expect(changesets(root)).toHaveLength(1);

    // Facts of the two fixed releases (overlays written for later releases may not match them: allowed stale).
    const forward = await updateSpec(layout, spec2025, { allowStaleOverlays: true, date: "2026-11-26" });
    expect(forward.changed).toBe(true);
    const changeset = readFileSync(forward.changesetFile as string, "utf8");
    expect(changeset).toMatch(
      /^---\n"@org\/statsig-console-types": major\n"@org\/statsig-console-client": major\n"@org\/statsig-console-mock": major\n"@org\/statsig-console-drift": major\n---\n/,
    );
    expect(changeset).toContain("- major: GET /console/v1/experiments/{experimentName}/exposures: operation removed");
    expect(changeset).toContain("- major: POST /console/v1/gates: success status changed from 200 to 201");
    expect(changeset).toContain("- major: GET /console/v1/users/{email}: path parameter {id} renamed to {email}");
    expect(changeset.match(/: operation added$/gm)).toHaveLength(91);

    // Whatever release is vendored: updating to it reproduces the committed spec, record and generated files.
    await updateSpec(layout, specCurrent, { date: "2026-11-26" });
    expect(readFileSync(layout.specFile, "utf8")).toBe(readFileSync(specFile, "utf8"));
    expect(readFileSync(layout.sourceFile, "utf8")).toContain(
      createHash("sha256").update(readFileSync(specFile)).digest("hex"),
    );
    expect(snapshot(layout.generatedDir)).toEqual(snapshot(join(repoRoot, "packages/types/src/generated")));
    expect(snapshot(layout.driftGeneratedDir)).toEqual(snapshot(join(repoRoot, "packages/drift/src/generated")));
    expect(snapshot(layout.mockGeneratedDir)).toEqual(snapshot(join(repoRoot, "packages/mock-server/src/generated")));
    expect(snapshot(layout.contractGeneratedDir)).toEqual(
      snapshot(join(repoRoot, "packages/contract-tests/src/generated")),
    );
    const count = changesets(root).length;
    const again = await updateSpec(layout, specCurrent);
    expect(again.changed).toBe(false);
    expect(changesets(root)).toHaveLength(count);
  });

  test("no change in the API: the spec is stored, but no changeset; documentation only: a patch changeset", async () => {
    const { root, layout } = scratchRepo("noop");
    const doc = vendored();
    const reformatted = join(scratch, "reformatted.json");
    writeFileSync(reformatted, JSON.stringify(doc));
    const same = await updateSpec(layout, reformatted);
    expect(same.changed).toBe(true);
    expect(same.changes).toEqual([]);
    expect(same.changesetFile).toBeUndefined();
    expect(changesets(root)).toHaveLength(0);

    const { path, operation } = someGet(doc);
    operation.summary = `${operation.summary ?? ""} (reworded)`;
    // An example that contradicts its schema is documentation too, but reviewers must see it.
    const ok = Object.keys(operation.responses).find((code) => /^2/.test(code)) as string;
    operation.responses[ok].content["application/json"].example = 42;
    const docsOnly = join(scratch, "docs-only.json");
    writeFileSync(docsOnly, JSON.stringify(doc));
    const patch = await updateSpec(layout, docsOnly);
    const escaped = path.replace(/[{}]/g, "\\$&");
    const changeset = readFileSync(patch.changesetFile as string, "utf8");
    expect(changeset).toMatch(
      new RegExp(`"@org/statsig-console-types": patch[\\s\\S]*- patch: GET ${escaped}: summary changed`),
    );
    const defect = new RegExp(
      `New response examples that fail their own schema[\\s\\S]*- GET ${escaped} ${ok} \`example\`: \\S`,
    );
    expect(changeset).toMatch(defect);
    expect(patch.report).toMatch(defect);
    expect(readFileSync(join(layout.generatedDir, "known-example-defects.md"), "utf8")).toContain(
      `| \`GET ${path}\` | ${ok} | \`example\` |`,
    );
  });
});
