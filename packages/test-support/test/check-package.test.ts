import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, test } from "vitest";

const bin = fileURLToPath(new URL("../bin/check-package.mjs", import.meta.url));
// publint and attw as `pnpm run` finds them: the workspace root's bin folder.
const rootBin = fileURLToPath(new URL("../../../node_modules/.bin", import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "check-package-test-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the bin in `cwd` with its own temporary folder, so what it leaves behind can be seen. */
function checkPackage(cwd: string, args: string[] = [], path = `${rootBin}${delimiter}${process.env.PATH}`) {
  const scratchRoot = join(dir, "tmp");
  mkdirSync(scratchRoot, { recursive: true });
  // Plain text: turbo and CI force colours on, which would split publint's message with escape codes.
  const { FORCE_COLOR: _, ...inherited } = process.env;
  const env = { ...inherited, NO_COLOR: "1", TMPDIR: scratchRoot, PATH: path };
  return new Promise<{ code: number; output: string; left: string[] }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`, left: readdirSync(scratchRoot) });
    });
  });
}

// The passing case is every published package's own `check:package`.
function writePackage(exportsTypes: string) {
  const root = join(dir, "pkg");
  mkdirSync(join(root, "dist"), { recursive: true });
  writeFileSync(join(root, "dist/index.js"), "export const a = 1;\n");
  writeFileSync(join(root, "dist/index.d.ts"), "export declare const a = 1;\n");
  // CommonJS declarations for an ES module: publint lets it pass, attw's esm-only profile does not.
  writeFileSync(join(root, "dist/index.d.cts"), "declare const a: number;\nexport { a };\n");
  const manifest = {
    name: "check-package-fixture",
    version: "1.0.0",
    type: "module",
    files: ["dist"],
    exports: { ".": { types: exportsTypes, default: "./dist/index.js" } },
  };
  writeFileSync(join(root, "package.json"), JSON.stringify(manifest));
  return root;
}

test("a packed package that publint refuses fails the check, with publint's reason, and the tarball is gone", async () => {
  const result = await checkPackage(writePackage("./dist/missing.d.ts"));
  expect(result.code).toBe(1);
  expect(result.output).toContain('pkg.exports["."].types is ./dist/missing.d.ts but the file does not exist');
  expect(result.left).toEqual([]);
});

test("a package publint accepts but attw refuses fails the check, with attw's finding", async () => {
  const result = await checkPackage(writePackage("./dist/index.d.cts"));
  expect(result.output).toContain("All good!");
  expect(result.output).toContain("Masquerading as CJS");
  expect(result.code).toBe(1);
  expect(result.left).toEqual([]);
});

test("a folder pnpm cannot pack: pnpm's reason and one line naming the folder, exit 1, nothing left behind", async () => {
  const empty = join(dir, "empty");
  mkdirSync(empty);
  const result = await checkPackage(empty);
  expect(result.code).toBe(1);
  expect(result.output).toContain("ERR_PNPM_NO_IMPORTER_MANIFEST_FOUND");
  expect(result.output).toContain(`check-package: pnpm pack failed (exit 1) in ${empty}`);
  expect(result.left).toEqual([]);
});

test("a checker that is not installed: one line naming it, exit 1, nothing left behind", async () => {
  // A PATH with node and pnpm alone, whatever else this machine has installed globally.
  const bin = join(dir, "bin");
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, "node"));
  symlinkSync(
    realpathSync(execFileSync("sh", ["-c", "command -v pnpm"], { encoding: "utf8" }).trim()),
    join(bin, "pnpm"),
  );
  const path = bin;
  const result = await checkPackage(writePackage("./dist/index.d.ts"), [], path);
  expect(result.output).toMatch(/^check-package: cannot run publint: .*ENOENT/m);
  expect(result.code).toBe(1);
  expect(result.left).toEqual([]);
});

test("--help prints the usage; any other argument is one line naming it, then the usage, before anything is packed", async () => {
  const help = await checkPackage(dir, ["--help"]);
  expect(help.code).toBe(0);
  expect(help.output).toMatch(/^usage: check-package/);
  const result = await checkPackage(dir, ["--fix"]);
  expect(result.code).toBe(2);
  expect(result.output.split("\n").slice(0, 2)).toEqual([
    "check-package: unexpected argument '--fix'",
    expect.stringMatching(/^usage: check-package/),
  ]);
  expect(result.left).toEqual([]);
});
