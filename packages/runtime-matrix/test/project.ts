import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { childEnv } from "@org/statsig-console-test-support/child-env";
import { installOffline, packPackages } from "@org/statsig-console-test-support/packed";
import { build } from "esbuild";
import ts from "typescript";

const exec = promisify(execFile);
const here = fileURLToPath(new URL(".", import.meta.url));
export const packageDir = join(here, "..");
const repoRoot = join(packageDir, "../..");

/** The child processes run as a user's would, not as workers of this vitest run. */
export const cleanEnv = (): NodeJS.ProcessEnv => childEnv();

/** `timeoutMs` is a safety net (a script that never exits is killed and fails the test), not a measurement. */
export const run = async (command: string, args: string[], cwd: string, env = cleanEnv(), timeoutMs = 0) => {
  try {
    const options = { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs, killSignal: "SIGKILL" as const };
    const { stdout, stderr } = await exec(command, args, options);
    return { stdout, stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number | string; signal?: string };
    throw new Error(
      `${command} ${args.join(" ")} failed (${e.code ?? e.signal}) in ${cwd}:\n${e.stdout ?? ""}${e.stderr ?? ""}`,
    );
  }
};

export interface Project {
  dir: string;
  modulesDir: string;
  /** For Node, Bun and Deno: `<runtime> cli.js '<urls>'`. */
  cli: string;
  /** For the browser: an ES module importing the packages by name (the page's import map resolves them). */
  scenarios: string;
  /** For workerd: one ES module, bundled by esbuild as wrangler would. */
  workerBundle: string;
}

const PACKAGES = {
  "@org/statsig-console-types": "packages/types",
  "@org/statsig-console-client": "packages/client",
} as const;

/**
 * A user's project in `scratch`: the client and types exactly as `npm publish` would ship them (pnpm pack
 * of the built dist), installed from the tarballs (their dependencies offline from the store this
 * repository's install filled), and the scenarios compiled to plain JavaScript (type-stripped only).
 */
export async function createProject(scratch: string): Promise<Project> {
  const packed = join(scratch, "packed");
  mkdirSync(packed);
  const tarballs = await packPackages(repoRoot, PACKAGES, packed);
  const dir = join(scratch, "project");
  mkdirSync(dir);
  const manifest = { name: "runtime-matrix-user", private: true, type: "module", dependencies: tarballs };
  writeFileSync(join(dir, "package.json"), JSON.stringify({ ...manifest, pnpm: { overrides: tarballs } }, null, 2));
  await installOffline(dir, ["--config.node-linker=hoisted"]);

  for (const name of ["scenarios", "entry-cli", "entry-worker"]) {
    const source = readFileSync(join(packageDir, "src", `${name}.ts`), "utf8");
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
    });
    writeFileSync(join(dir, `${name}.js`), outputText);
  }
  const workerBundle = join(dir, "worker.js");
  await build({
    entryPoints: [join(dir, "entry-worker.js")],
    outfile: workerBundle,
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker"],
    absWorkingDir: dir,
    logLevel: "silent",
  });
  return {
    dir,
    modulesDir: join(dir, "node_modules"),
    cli: join(dir, "entry-cli.js"),
    scenarios: join(dir, "scenarios.js"),
    workerBundle,
  };
}
