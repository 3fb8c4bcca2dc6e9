import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";

// The README's test command and `pnpm test`'s first step, run for real on a machine made to lack things: PATH
// holds only the programs each case allows, and stand-ins for the ones that would change the machine (apt-get,
// sudo, id, pnpm, npm), which record what they were asked to do.
const root = new URL("../../../", import.meta.url).pathname;

/** Whether the script finds the runtime matrix's runtimes installed in this checkout (its own test, `-nt`). */
function runtimesInstalled(): boolean {
  const dir = join(root, "packages/runtime-matrix/runtimes");
  try {
    return (
      statSync(join(dir, "node_modules/.package-lock.json")).mtimeMs >= statSync(join(dir, "package-lock.json")).mtimeMs
    );
  } catch {
    return false;
  }
}
const pnpmVersion = (
  JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { packageManager: string }
).packageManager.split("@")[1] as string;
const scratch = mkdtempSync(join(tmpdir(), "test-command-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Machine {
  root?: boolean;
  /** The pnpm on PATH reports another version than packageManager pins. */
  otherPnpm?: boolean;
  /** `pnpm install` fails (offline, no store). */
  pnpmInstallFails?: boolean;
  /** sudo that works without a password (`sudo -n true` succeeds). */
  sudo?: boolean;
  /** apt-get: absent, or present with this exit code. */
  aptGet?: number;
  redis?: boolean;
  /** A browser binary on PATH under this name, pointing at this file name (`snap` stands for Ubuntu's wrapper). */
  browsers?: Record<string, string>;
}

let machines = 0;
function machine(spec: Machine): { bin: string; log: string } {
  const dir = join(scratch, `machine-${machines++}`);
  const bin = join(dir, "bin");
  const log = join(dir, "calls.log");
  mkdirSync(bin, { recursive: true });
  writeFileSync(log, "");
  for (const tool of ["dirname", "readlink", "grep", "true"]) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
  symlinkSync(process.execPath, join(bin, "node"));
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  const record = (name: string) => `echo "${name} $*" >> ${log}`;
  script("id", `echo ${spec.root ? 0 : 1000}`);
  script("sudo", spec.sudo ? `shift; ${record("sudo")}; exec "$@"` : "exit 1");
  script(
    "pnpm",
    [
      `if [ "$1" = --version ]; then echo ${spec.otherPnpm ? "9.0.0" : pnpmVersion}; exit 0; fi`,
      record("pnpm"),
      spec.pnpmInstallFails
        ? `if [ "$1" = install ]; then echo "ERR_PNPM_META_FETCH_FAIL offline" >&2; exit 1; fi`
        : "",
    ].join("\n"),
  );
  script("npm", record("npm"));
  if (spec.aptGet !== undefined) script("apt-get", `${record("apt-get")}\nexit ${spec.aptGet}`);
  if (spec.redis) script("redis-server", "exit 0");
  for (const [name, target] of Object.entries(spec.browsers ?? {})) {
    script(target, "exit 0");
    if (name !== target) symlinkSync(join(bin, target), join(bin, name));
  }
  return { bin, log };
}

function run(
  command: string,
  args: string[],
  { bin }: { bin: string },
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, env: { PATH: bin, HOME: scratch, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}
const testCommand = (m: { bin: string }, env?: NodeJS.ProcessEnv) =>
  run("/bin/bash", [join(root, "scripts/test.sh")], m, env);
const calls = (m: { log: string }) => readFileSync(m.log, "utf8").split("\n").filter(Boolean);

describe("bash scripts/test.sh (the README's test command)", () => {
  test("redis-server missing and no apt-get: one line naming it and its install command; nothing else runs", async () => {
    const m = machine({ browsers: { chromium: "chromium" } });
    const { code, stdout, stderr } = await testCommand(m);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "scripts/test.sh: missing redis-server, which cannot be installed here (no apt-get); install with: your system's package manager (Debian: apt-get install -y redis-server)\n",
    );
    expect(calls(m)).toEqual([]);
  });

  test("not root and sudo asks for a password: one line with the sudo command, apt-get never run", async () => {
    const m = machine({ aptGet: 0 });
    const { code, stderr } = await testCommand(m);
    expect(code).toBe(1);
    expect(stderr).toBe(
      "scripts/test.sh: missing redis-server and chromium, which cannot be installed here (not root, and sudo needs a password); install with: sudo apt-get install -y redis-server chromium\n",
    );
    expect(calls(m)).toEqual([]);
  });

  test("root but offline (apt-get fails): one line, and the tests do not start", async () => {
    const m = machine({ root: true, aptGet: 100, browsers: { chromium: "chromium" } });
    const { code, stderr } = await testCommand(m);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^scripts\/test\.sh: missing redis-server, which cannot be installed here \(apt-get failed/);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(calls(m)).toEqual(["apt-get update -qq"]);
  });

  test("sudo without a password installs what is missing, then the frozen install, pnpm test and the spec flow run", async () => {
    const m = machine({ sudo: true, aptGet: 0 });
    const { code, stderr } = await testCommand(m);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const log = calls(m);
    expect(log.slice(0, 5)).toEqual([
      "sudo true",
      "sudo apt-get update -qq",
      "apt-get update -qq",
      "sudo apt-get install -y -qq redis-server chromium",
      "apt-get install -y -qq redis-server chromium",
    ]);
    // Between the install and the tests: the runtimes' npm ci, only where this checkout lacks them (a clone that
    // nothing has set up yet), which the script decides from the checkout, not from the stand-ins.
    const install = log.indexOf("pnpm install --frozen-lockfile");
    expect(install).toBeGreaterThan(4);
    expect(log.slice(install + 1, -2).map((c) => c.split(" ").slice(0, 3).join(" "))).toEqual(
      runtimesInstalled() ? [] : ["npm ci --prefix"],
    );
    expect(log.slice(-2)).toEqual(["pnpm test", "pnpm test:spec-flow"]);
  });

  test("a snap's chromium wrapper is passed over for an installed Chrome; with everything present nothing is installed", async () => {
    const m = machine({ redis: true, aptGet: 0, browsers: { chromium: "snap", "google-chrome": "google-chrome" } });
    const { code } = await testCommand(m);
    expect(code).toBe(0);
    expect(calls(m).filter((call) => call.startsWith("apt-get"))).toEqual([]);
    expect(calls(m).slice(-2)).toEqual(["pnpm test", "pnpm test:spec-flow"]);
  });
});

describe("bash scripts/test.sh, its own steps", () => {
  test("a pnpm other than the pinned one: the pinned one is installed from npm (not corepack) before anything else", async () => {
    const m = machine({ redis: true, otherPnpm: true, browsers: { chromium: "chromium" } });
    await testCommand(m);
    expect(calls(m)[0]).toBe(`npm install -g pnpm@${pnpmVersion} --no-audit --no-fund --loglevel=error`);
  });

  test("RUNTIME_MATRIX_CHROMIUM naming no browser: one line, nothing installed in its place", async () => {
    const m = machine({ redis: true, root: true, aptGet: 0 });
    const { code, stderr } = await testCommand(m, { RUNTIME_MATRIX_CHROMIUM: "/no/such/browser" });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^scripts\/test\.sh: missing the browser RUNTIME_MATRIX_CHROMIUM names \(\/no\/such\/browser\), .*install with: unset RUNTIME_MATRIX_CHROMIUM/,
    );
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(calls(m)).toEqual([]);
  });

  test("the workspace install fails: pnpm's own output, then one line, and the tests do not start", async () => {
    const m = machine({ redis: true, pnpmInstallFails: true, browsers: { chromium: "chromium" } });
    const { code, stderr } = await testCommand(m);
    expect(code).toBe(1);
    expect(stderr).toContain("ERR_PNPM_META_FETCH_FAIL offline\n");
    expect(stderr.trim().split("\n").at(-1)).toBe(
      "scripts/test.sh: missing the workspace's dependencies, which cannot be installed here (pnpm install --frozen-lockfile failed (output above)); install with: pnpm install",
    );
    expect(calls(m)).toEqual(["pnpm install --frozen-lockfile"]);
  });
});

describe("pnpm test's first step (scripts/check-test-prerequisites.mjs)", () => {
  test("without redis-server it stops at once, in one line naming redis-server and how to install it", async () => {
    const { code, stdout, stderr } = await run(
      process.execPath,
      [join(root, "scripts/check-test-prerequisites.mjs")],
      machine({}),
    );
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^pnpm test: missing redis-server .*install with: apt-get install -y redis-server/);
  });

  test("with redis-server on PATH it lets the tests start", async () => {
    const result = await run(
      process.execPath,
      [join(root, "scripts/check-test-prerequisites.mjs")],
      machine({ redis: true }),
    );
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});
