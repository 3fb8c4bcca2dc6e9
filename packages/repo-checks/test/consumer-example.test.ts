import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { childEnv } from "@org/statsig-console-test-support/child-env";
import { installOffline, packPackages } from "@org/statsig-console-test-support/packed";
import { afterAll, expect, test } from "vitest";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "consumer-example-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const exec = promisify(execFile);
/** The suites run as a user's CI would run them, not as workers of this vitest run. */
const env = childEnv();
const run = async (command: string, args: string[], cwd: string) => {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    throw new Error(`${command} ${args.join(" ")} failed (${e.code}) in ${cwd}:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
};

const PACKAGES = {
  "@org/statsig-console-types": "packages/types",
  "@org/statsig-console-client": "packages/client",
  "@org/statsig-console-mock": "packages/mock-server",
} as const;

test("examples/consumer passes its own contract tests on the packed packages, installed like a user's project", async () => {
  // The packages exactly as `npm publish` would ship them.
  const packed = join(scratch, "packed");
  mkdirSync(packed);
  const tarballs = await packPackages(repoRoot, PACKAGES, packed);

  // The example as a standalone project: its dependencies point at the tarballs (their own dependencies on each
  // other too, through overrides), nothing at the workspace.
  const project = join(scratch, "consumer");
  cpSync(join(repoRoot, "examples/consumer"), project, {
    recursive: true,
    filter: (source) => !source.includes("node_modules"),
  });
  const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
  for (const deps of [manifest.dependencies, manifest.devDependencies]) {
    for (const name of Object.keys(deps)) if (name in tarballs) deps[name] = tarballs[name];
  }
  manifest.pnpm = { overrides: tarballs };
  writeFileSync(join(project, "package.json"), JSON.stringify(manifest, null, 2));

  await installOffline(project);
  await run("pnpm", ["run", "typecheck"], project); // strict, skipLibCheck off: the published .d.ts hold up
  const output = await run("pnpm", ["test"], project);
  // Every test of the example passed (none skipped or failed), the stateful flow among them.
  expect(output).toMatch(/Tests\s+(\d+) passed \(\1\)/);
  expect(output).toMatch(/✓ test\/gate-flow\.test\.ts/);
  // Nothing of the workspace leaked in: the client resolved is the packed one.
  const installedClient = JSON.parse(
    readFileSync(join(project, "node_modules/@org/statsig-console-client/package.json"), "utf8"),
  );
  expect(JSON.stringify(installedClient.dependencies)).not.toContain("workspace:");
});
