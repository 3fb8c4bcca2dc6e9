import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const root = new URL("../../../", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "release-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const PUBLIC = ["types", "client", "mock-server", "quota-redis", "drift"];
const changesetBin = join(dirname(createRequire(import.meta.url).resolve("@changesets/cli/package.json")), "bin.js");
const version = (dir: string, pkg: string) =>
  (JSON.parse(readFileSync(join(dir, "packages", pkg, "package.json"), "utf8")) as { version: string }).version;

describe("versioning and release", () => {
  test("`changeset version` bumps the public packages together and writes their changelogs", async () => {
    for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset/config.json"])
      cpSync(join(root, file), join(scratch, file));
    for (const pkg of [...PUBLIC, "codegen", "contract-tests", "demo"]) {
      cpSync(join(root, "packages", pkg, "package.json"), join(scratch, "packages", pkg, "package.json"));
    }
    writeFileSync(
      join(scratch, ".changeset/spec-test.md"),
      '---\n"@org/statsig-console-types": minor\n---\n\nA new operation.\n',
    );
    const before = version(scratch, "types");
    await run(process.execPath, [changesetBin, "version"], { cwd: scratch });
    const [major, minor] = before.split(".").map(Number);
    const expected = major === 0 ? `0.${(minor ?? 0) + 1}.0` : `${major}.${(minor ?? 0) + 1}.0`;
    for (const pkg of PUBLIC) expect(version(scratch, pkg)).toBe(expected);
    expect(readFileSync(join(scratch, "packages/types/CHANGELOG.md"), "utf8")).toContain("A new operation.");
    expect(version(scratch, "codegen")).toBe("0.0.0");
  });

  test("the release dry run packs exactly the public packages, without publishing", async () => {
    const { stdout, stderr } = await run(
      "pnpm",
      ["-r", "--filter", "./packages/*", "publish", "--dry-run", "--no-git-checks"],
      {
        cwd: root,
        env: { ...process.env, npm_config_dry_run: "true" },
      },
    );
    const output = stdout + stderr;
    const names = [
      "@org/statsig-console-types",
      "@org/statsig-console-client",
      "@org/statsig-console-mock",
      "@org/statsig-console-quota-redis",
      "@org/statsig-console-drift",
    ];
    for (const name of names) expect(output).toContain(name);
    expect(output).not.toContain("@org/statsig-console-codegen");
    expect(output.match(/Publishing to .*\(dry-run\)/g)).toHaveLength(names.length);
  });
});
