import { execFile, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { childEnv } from "@org/statsig-console-test-support/child-env";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Built outputs the flow reuses: their sources do not depend on the spec. */
const REUSED_BUILDS = ["packages/codegen/dist", "packages/client/dist", "packages/mock-server/dist"];

export interface ScratchRepo {
  root: string;
  /** Runs a command in the scratch repository; resolves with its output, rejects with its output and exit code. */
  run(command: string, args: string[], cwd?: string): Promise<string>;
  remove(): void;
}

/**
 * A copy of the repository as a fresh clone would have it (tracked files, plus the builds above), sharing the
 * real installation: the root node_modules is a symlink, and each package's node_modules is copied with its
 * relative symlinks as they are, so `@org/*` dependencies resolve to the scratch copies of the packages.
 */
export function createScratchRepo(name: string): ScratchRepo {
  const root = mkdtempSync(join(tmpdir(), `spec-evolution-${name}-`));
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: repoRoot }).toString().split("\0").filter(Boolean);
  for (const file of tracked) {
    if (!existsSync(join(repoRoot, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(root, file));
  }
  for (const build of REUSED_BUILDS) cpSync(join(repoRoot, build), join(root, build), { recursive: true });
  symlinkSync(join(repoRoot, "node_modules"), join(root, "node_modules"));
  for (const pkg of readdirSync(join(repoRoot, "packages"))) {
    const modules = join(repoRoot, "packages", pkg, "node_modules");
    if (existsSync(modules)) {
      cpSync(modules, join(root, "packages", pkg, "node_modules"), { recursive: true, verbatimSymlinks: true });
    }
  }
  return {
    root,
    run: (command, args, cwd = ".") => run(command, args, join(root, cwd)),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * The suites run as they would in CI, not as workers of this vitest run. Without pnpm's verify-deps variables
 * (see scripts/turbo.sh): the scratch shares the real node_modules, and a re-check there would rewrite its
 * workspace state for the scratch's paths.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  return childEnv({ CI: "true", SCARF_ANALYTICS: "false" });
}

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error)
        reject(new Error(`${command} ${args.join(" ")} (in ${cwd}) failed: ${error.code}\n${output.slice(-4000)}`));
      else resolve(output);
    });
  });
}
