#!/usr/bin/env node
// The package checks (publint, then attw's esm-only profile) on one tarball, packed once by pnpm: the bytes
// `pnpm publish` would upload, workspace: ranges already rewritten. Letting each tool pack for itself packed twice
// (attw with npm, which leaves workspace: ranges in) and cost about 7 CPU-seconds a package instead of 4.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const usage = "usage: check-package (in a package's folder: packs it with pnpm, then runs publint and attw on it)";
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) {
  console.log(usage);
  process.exit(0);
}
if (args.length > 0) {
  console.error(`check-package: unexpected argument '${args[0]}'\n${usage}`);
  process.exit(2);
}
const scratch = mkdtempSync(join(tmpdir(), "check-package-"));
/** Runs one step; a command that could not start (not on PATH) says so, in one line. */
function run(command, args, stdout = "inherit") {
  const result = spawnSync(command, args, { stdio: ["ignore", stdout, "inherit"], encoding: "utf8" });
  if (result.error) console.error(`check-package: cannot run ${command}: ${result.error.message}`);
  return result;
}
let status = 1;
try {
  // pnpm prints its file list, and its errors too, on stdout: shown only when packing fails.
  const pack = run("pnpm", ["pack", "--pack-destination", scratch], "pipe");
  const [tarball] = readdirSync(scratch).filter((name) => name.endsWith(".tgz"));
  if (pack.status !== 0 || tarball === undefined) {
    process.stderr.write(pack.stdout ?? "");
    console.error(`check-package: pnpm pack failed (exit ${pack.status ?? "none"}) in ${process.cwd()}`);
  } else {
    const tgz = join(scratch, tarball);
    status = run("publint", ["--strict", tgz]).status ?? 1;
    if (status === 0) status = run("attw", [tgz, "--profile", "esm-only"]).status ?? 1;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(status);
