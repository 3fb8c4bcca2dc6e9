import { execFile } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, test } from "vitest";

// `.ci/run` as CI runs it, in a scratch folder: the README's test command and the leftover checks are stand-ins that
// record how they were called, and `pgrep` is a stand-in on PATH. What is asserted is what the script does.
const run = promisify(execFile);
const root = new URL("../../../", import.meta.url).pathname;
const readme = readFileSync(join(root, "README.md"), "utf8");
/** The README's second command: the one that runs the tests. */
const testCommand = [...readme.slice(readme.indexOf("## The two commands")).matchAll(/```sh\n(.+)\n```/g)].map(
  (m) => m[1] as string,
)[1] as string;

let scratch: string;
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function standIn(file: string, body: string): void {
  writeFileSync(file, `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(file, 0o755);
}

/** A scratch copy of `.ci/run` with stand-ins; `testExit` and `leftover` decide what they answer. */
function setUp({ testExit = 0, leftover = false } = {}) {
  scratch = mkdtempSync(join(tmpdir(), "ci-run-"));
  mkdirSync(join(scratch, ".ci"));
  mkdirSync(join(scratch, "scripts"));
  mkdirSync(join(scratch, "bin"));
  cpSync(join(root, ".ci/run"), join(scratch, ".ci/run"));
  const log = join(scratch, "calls.log");
  const record = `echo "$(basename "$0") CI=$CI TURBO_TELEMETRY_DISABLED=$TURBO_TELEMETRY_DISABLED SCARF_ANALYTICS=$SCARF_ANALYTICS" >> "${log}"`;
  standIn(join(scratch, "scripts/test.sh"), `${record}\nexit ${testExit}`);
  standIn(join(scratch, "scripts/assert-no-prism-left.sh"), record);
  standIn(join(scratch, "bin/pgrep"), leftover ? 'echo "4242 workerd serve"; exit 0' : "exit 1");
  const env = { PATH: `${join(scratch, "bin")}:${process.env.PATH}`, HOME: scratch };
  const outcome = run("bash", [join(scratch, ".ci/run")], { cwd: tmpdir(), env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  const calls = () => readFileSync(log, "utf8").trim().split("\n");
  return { outcome, calls };
}

describe(".ci/run", () => {
  test("runs the README's test command with CI=true (telemetry and analytics off), then the leftover checks", async () => {
    expect(testCommand).toBe("bash scripts/test.sh");
    const { outcome, calls } = setUp();
    expect((await outcome).code).toBe(0);
    expect(calls()).toEqual([
      "test.sh CI=true TURBO_TELEMETRY_DISABLED=1 SCARF_ANALYTICS=false",
      "assert-no-prism-left.sh CI=true TURBO_TELEMETRY_DISABLED=1 SCARF_ANALYTICS=false",
    ]);
  });

  test("a failing test command fails the run with its code, and nothing runs after it", async () => {
    const { outcome, calls } = setUp({ testExit: 3 });
    expect((await outcome).code).toBe(3);
    expect(calls()).toEqual(["test.sh CI=true TURBO_TELEMETRY_DISABLED=1 SCARF_ANALYTICS=false"]);
  });

  test("a browser or workerd left running fails the run, naming it", async () => {
    const { outcome } = setUp({ leftover: true });
    const result = await outcome;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("a browser or workerd outlived the runtime matrix");
    expect(result.stderr).toContain("4242 workerd serve");
  });
});
