import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { childEnv } from "./child-env.js";

const exec = promisify(execFile);

async function run(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd, env: childEnv(), maxBuffer: 64 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
  }
}

/**
 * The packages exactly as `npm publish` would ship them: `pnpm pack` of each (by folder under `repoRoot`) into
 * `destination`. Returns each package's `file:` specifier, for a manifest's dependencies and `pnpm.overrides`.
 */
export async function packPackages(
  repoRoot: string,
  packages: Record<string, string>,
  destination: string,
): Promise<Record<string, string>> {
  const tarballs: Record<string, string> = {};
  for (const [name, dir] of Object.entries(packages)) {
    const before = new Set(readdirSync(destination));
    await run("pnpm", ["pack", "--pack-destination", destination], join(repoRoot, dir));
    tarballs[name] = `file:${join(destination, readdirSync(destination).find((f) => !before.has(f)) as string)}`;
  }
  return tarballs;
}

/**
 * Installs the project in `dir` as a user's would be, outside the workspace, offline from the store this
 * repository's install filled (the same packages a user gets from the registry).
 */
export function installOffline(dir: string, extraArgs: string[] = []): Promise<string> {
  return run(
    "pnpm",
    ["install", "--prefer-offline", "--ignore-workspace", "--config.confirmModulesPurge=false", ...extraArgs],
    dir,
  );
}
