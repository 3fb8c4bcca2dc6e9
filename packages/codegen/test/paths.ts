import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root: the folder above this one with pnpm-workspace.yaml (also from StrykerJS's sandbox copy). */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = up;
  }
  return `${dir}/`;
}

export const repoRoot = findRoot(fileURLToPath(new URL(".", import.meta.url)));
export const specFile = `${repoRoot}spec/statsig_openapi.json`;
export const overlaysDir = `${repoRoot}spec/overlays`;
export const generatedDir = `${repoRoot}packages/types/src/generated`;
export const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
/** Fixed releases (facts of one release are asserted on these, never on the vendored spec). */
export const spec2024 = fileURLToPath(new URL("./fixtures/statsig_openapi.2024-08.yaml", import.meta.url));
export const spec2025 = fileURLToPath(new URL("./fixtures/statsig_openapi.2025-10.json", import.meta.url));
