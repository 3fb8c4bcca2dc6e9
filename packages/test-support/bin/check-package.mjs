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
const run = (command, args) => spawnSync(command, args, { stdio: ["ignore", "inherit", "inherit"] }).status ?? 1;
let status;
try {
  // Its file list on stdout is noise here; its errors go to stderr.
  status =
    spawnSync("pnpm", ["pack", "--pack-destination", scratch], { stdio: ["ignore", "ignore", "inherit"] }).status ?? 1;
  const [tarball] = readdirSync(scratch).filter((name) => name.endsWith(".tgz"));
  if (status === 0 && tarball === undefined) {
    console.error(`check-package: pnpm pack wrote no tarball into ${scratch}`);
    status = 1;
  }
  if (status === 0) status = run("publint", ["--strict", join(scratch, tarball)]);
  if (status === 0) status = run("attw", [join(scratch, tarball), "--profile", "esm-only"]);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(status);
