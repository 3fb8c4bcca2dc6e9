import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { repoLayout, updateSpec } from "../src/index.js";
import { repoRoot, specFile } from "./paths.js";

const spec2024 = new URL("./fixtures/statsig_openapi.2024-08.yaml", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "spec-update-"));
// The current release, as a file outside the scratch repository (as a download would be).
const specCurrent = join(scratch, "statsig_openapi.json");
cpSync(specFile, specCurrent);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A scratch copy of the parts of the repository that spec:update reads and writes. */
function scratchRepo(name: string) {
  const root = join(scratch, name);
  cpSync(join(repoRoot, "spec"), join(root, "spec"), { recursive: true });
  cpSync(join(repoRoot, "packages/types/src/generated"), join(root, "packages/types/src/generated"), {
    recursive: true,
  });
  mkdirSync(join(root, ".changeset"), { recursive: true });
  return { root, layout: repoLayout(root) };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath, entry.name);
    if (entry.isFile()) out[file.slice(dir.length)] = readFileSync(file, "utf8");
  }
  return out;
}
const changesets = (root: string) => readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md"));

describe("spec:update", () => {
  test("a stale overlay stops it with the overlay file and action named, and leaves the repository as it was", async () => {
    const { root } = scratchRepo("stale");
    const before = snapshot(root);
    const run = promisify(execFile);
    const cli = new URL("../dist/spec-cli.js", import.meta.url).pathname;
    const failure = await run(process.execPath, [cli, "update", spec2024, "--root", root]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stderr: string }).stderr).toMatch(
      /spec: stale overlay: 01-nullable-without-type\.yaml action #3 .* matches nothing/,
    );
    expect(snapshot(root)).toEqual(before);
  });

  test("2024 release (YAML, stale overlays allowed) and back to the current spec: the expected changesets and diffs", async () => {
    const { root, layout } = scratchRepo("roundtrip");
    const original = readFileSync(specFile, "utf8");

    const back = await updateSpec(layout, spec2024, { allowStaleOverlays: true, date: "2026-11-26" });
    expect(back.changed).toBe(true);
    expect(back.staleActions.length).toBeGreaterThan(0);
    const stored = JSON.parse(readFileSync(layout.specFile, "utf8"));
    expect(stored.info.version).toBe("1.0");
    expect(readFileSync(layout.sourceFile, "utf8")).toMatch(/YAML upstream, stored as JSON converted/);
    expect(readFileSync(join(layout.generatedDir, "catalogue.ts"), "utf8").match(/"successStatus"/g)).toHaveLength(157);
    expect(changesets(root)).toHaveLength(1);

    const forward = await updateSpec(layout, specCurrent, { date: "2026-11-26" });
    expect(forward.changed).toBe(true);
    expect(readFileSync(layout.specFile, "utf8")).toBe(original);
    expect(readFileSync(layout.sourceFile, "utf8")).toContain(
      "0a5aa3418f266dcb5dc2a3623408d11015c07b18e72ad7bfe24c4c2f267fe7e6",
    );
    expect(snapshot(layout.generatedDir)).toEqual(snapshot(join(repoRoot, "packages/types/src/generated")));
    const file = forward.changesetFile as string;
    const changeset = readFileSync(file, "utf8");
    expect(changeset).toMatch(
      /^---\n"@org\/statsig-console-types": major\n"@org\/statsig-console-client": major\n"@org\/statsig-console-mock": major\n---\n/,
    );
    expect(changeset).toContain("- major: GET /console/v1/experiments/{experimentName}/exposures: operation removed");
    expect(changeset).toContain("- major: POST /console/v1/gates: success status changed from 200 to 201");
    expect(changeset).toContain("- major: GET /console/v1/users/{email}: path parameter {id} renamed to {email}");
    expect(changeset.match(/: operation added$/gm)).toHaveLength(91);
    expect(changesets(root)).toHaveLength(2);

    const again = await updateSpec(layout, specCurrent);
    expect(again.changed).toBe(false);
    expect(changesets(root)).toHaveLength(2);
  });

  test("no change in the API: the spec is stored, but no changeset; documentation only: a patch changeset", async () => {
    const { root, layout } = scratchRepo("noop");
    const doc = JSON.parse(readFileSync(specFile, "utf8"));
    const reformatted = join(scratch, "reformatted.json");
    writeFileSync(reformatted, JSON.stringify(doc));
    const same = await updateSpec(layout, reformatted);
    expect(same.changed).toBe(true);
    expect(same.changes).toEqual([]);
    expect(same.changesetFile).toBeUndefined();
    expect(changesets(root)).toHaveLength(0);

    doc.paths["/console/v1/gates"].get.summary = "List all gates";
    const docsOnly = join(scratch, "docs-only.json");
    writeFileSync(docsOnly, JSON.stringify(doc));
    const patch = await updateSpec(layout, docsOnly);
    expect(readFileSync(patch.changesetFile as string, "utf8")).toMatch(
      /"@org\/statsig-console-types": patch[\s\S]*- patch: GET \/console\/v1\/gates: summary changed/,
    );
  });
});

describe("spec:update from a URL", () => {
  test("downloads the spec over HTTP, and names the URL when the download fails", async () => {
    const { createServer } = await import("node:http");
    const doc = JSON.parse(readFileSync(specFile, "utf8"));
    doc.paths["/console/v1/gates"].get.description = "Lists gates, now documented.";
    const served = JSON.stringify(doc);
    const server = createServer((req, res) => {
      if (req.url === "/openapi/20240601.json") res.writeHead(200, { "content-type": "application/json" }).end(served);
      else res.writeHead(404).end("not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const { layout } = scratchRepo("url");
      const url = `http://127.0.0.1:${port}/openapi/20240601.json`;
      const result = await updateSpec(layout, url);
      expect(readFileSync(layout.specFile, "utf8")).toBe(served);
      expect(readFileSync(layout.sourceFile, "utf8")).toContain(`| source | ${url} |`);
      expect(result.changes).toEqual([expect.objectContaining({ level: "patch", what: "description changed" })]);
      await expect(updateSpec(layout, `http://127.0.0.1:${port}/missing.json`)).rejects.toThrow(
        /cannot download http:\/\/127\.0\.0\.1:\d+\/missing\.json: HTTP 404/,
      );
    } finally {
      server.close();
    }
  });
});
